package dev.twinledger.commandside.alerting;

import dev.twinledger.api.capacity.AlertSeverity;

import java.util.List;
import java.util.Objects;

/**
 * The ordered routing rules and the level for alerts no rule matches. The first matching rule wins, so put the
 * specific rules (severity and site) before the general ones.
 */
public record AlertRoutes(List<RouteRule> rules, SupportLevel defaultLevel) {

    public AlertRoutes {
        rules = List.copyOf(rules);
        Objects.requireNonNull(defaultLevel, "defaultLevel");
    }

    /** The support level of an alert of {@code severity} at {@code siteId} (which may be null). */
    public SupportLevel levelOf(AlertSeverity severity, String siteId) {
        return rules.stream()
                .filter(rule -> rule.matches(severity, siteId))
                .map(RouteRule::level)
                .findFirst()
                .orElse(defaultLevel);
    }
}
