package dev.twinledger.commandside.inventory;

import dev.twinledger.api.capacity.AlertSeverity;

/**
 * The utilisation levels at which a host raises a capacity alert, in percent of the memory it offers to VMs.
 * Utilisation at or above {@code criticalPercent} is {@link AlertSeverity#CRITICAL}, at or above
 * {@code warningPercent} {@link AlertSeverity#WARNING}, below that no alert.
 *
 * @param warningPercent  above 0 and below {@code criticalPercent}
 * @param criticalPercent at most 100
 * @throws IllegalArgumentException when the thresholds are out of order or range
 */
public record CapacityThresholds(double warningPercent, double criticalPercent) {

    /** The defaults of the service's configuration: warning at 80 %, critical at 90 %. */
    public static final CapacityThresholds DEFAULT = new CapacityThresholds(80, 90);

    public CapacityThresholds {
        // Written so that NaN fails every comparison and is refused too.
        if (!(warningPercent > 0 && warningPercent < criticalPercent && criticalPercent <= 100)) {
            throw new IllegalArgumentException("capacity thresholds must satisfy 0 < warning < critical <= 100, were"
                    + " warning " + warningPercent + " and critical " + criticalPercent);
        }
    }

    /** The alert level of a utilisation, or {@code null} when it needs none. */
    AlertSeverity severityAt(double utilizationPercent) {
        if (utilizationPercent >= criticalPercent) {
            return AlertSeverity.CRITICAL;
        }
        if (utilizationPercent >= warningPercent) {
            return AlertSeverity.WARNING;
        }
        return null;
    }

    /** The threshold at which {@code severity} starts. */
    double thresholdOf(AlertSeverity severity) {
        return severity == AlertSeverity.CRITICAL ? criticalPercent : warningPercent;
    }
}
