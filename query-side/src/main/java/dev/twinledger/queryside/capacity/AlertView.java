package dev.twinledger.queryside.capacity;

import dev.twinledger.api.capacity.AlertSeverity;

import java.time.Instant;

/**
 * A capacity alert: when and at what memory it was raised, and when and at what memory it was cleared.
 *
 * @param id                        the alert id ({@code <hostId>:<n>})
 * @param hostId                    the host
 * @param siteId                    the host's site
 * @param severity                  WARNING or CRITICAL
 * @param state                     OPEN or CLEARED
 * @param thresholdPercent          the threshold that was crossed
 * @param raisedAllocatedMib        allocated memory when raised
 * @param raisedCapacityMib         capacity when raised
 * @param raisedUtilizationPercent  utilization when raised
 * @param raisedAt                  when raised
 * @param raisedPosition            the global position of the raising event
 * @param clearedAllocatedMib       allocated memory when cleared; null while open
 * @param clearedCapacityMib        capacity when cleared; null while open
 * @param clearedUtilizationPercent utilization when cleared; null while open
 * @param clearedAt                 when cleared; null while open
 * @param clearedPosition           the global position of the clearing event; null while open
 */
public record AlertView(String id, String hostId, String siteId, AlertSeverity severity, String state,
                        double thresholdPercent, long raisedAllocatedMib, long raisedCapacityMib,
                        double raisedUtilizationPercent, Instant raisedAt, long raisedPosition,
                        Long clearedAllocatedMib, Long clearedCapacityMib, Double clearedUtilizationPercent,
                        Instant clearedAt, Long clearedPosition) {
}
