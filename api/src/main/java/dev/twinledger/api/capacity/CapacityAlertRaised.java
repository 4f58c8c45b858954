package dev.twinledger.api.capacity;

/**
 * A host's allocated memory crossed a threshold upward. A host has at most one open alert: moving from WARNING to
 * CRITICAL clears the warning and raises a critical alert.
 *
 * @param alertId            unique, stable id of this alert ({@code <hostId>:<n>})
 * @param utilizationPercent allocated / capacity * 100 after the change
 * @param thresholdPercent   the threshold that was crossed
 */
public record CapacityAlertRaised(String alertId, String hostId, String siteId, AlertSeverity severity,
                                  long allocatedMib,
                                  long capacityMib, double utilizationPercent, double thresholdPercent) {
}
