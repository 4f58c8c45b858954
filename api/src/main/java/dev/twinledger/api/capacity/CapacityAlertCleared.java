package dev.twinledger.api.capacity;

/**
 * An open alert was cleared: the host dropped below its threshold (or crossed into another severity).
 */
public record CapacityAlertCleared(String alertId, String hostId, String siteId, AlertSeverity severity,
                                   long allocatedMib,
                                   long capacityMib, double utilizationPercent) {
}
