package dev.twinledger.commandside.alerting;

import dev.twinledger.api.capacity.AlertSeverity;

import java.util.Objects;

/**
 * One routing rule: alerts of this severity at this site go to this support level.
 *
 * @param severity the severity it matches; {@code null} matches any
 * @param siteId   the site it matches; {@code null} matches any
 * @param level    where a matching alert goes; never null
 */
public record RouteRule(AlertSeverity severity, String siteId, SupportLevel level) {

    public RouteRule {
        Objects.requireNonNull(level, "level");
    }

    /** Whether an alert of {@code alertSeverity} at {@code alertSiteId} matches this rule. */
    public boolean matches(AlertSeverity alertSeverity, String alertSiteId) {
        return (severity == null || severity == alertSeverity) && (siteId == null || siteId.equals(alertSiteId));
    }
}
