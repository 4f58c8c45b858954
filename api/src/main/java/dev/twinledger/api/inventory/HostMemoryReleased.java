package dev.twinledger.api.inventory;

/**
 * Memory a VM held on a host was released (decommission, resize, the source side of a completed migration, or the
 * target side of a failed or rolled-back one). Carries the host's totals after the change.
 */
public record HostMemoryReleased(String hostId, String siteId, String vmId, long memoryMib, long allocatedMib,
                                 long capacityMib) {
}
