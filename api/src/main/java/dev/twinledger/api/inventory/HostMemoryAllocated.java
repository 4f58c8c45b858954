package dev.twinledger.api.inventory;

/**
 * Memory on a host was allocated to a VM (provisioning, resize, or the target side of a migration). Carries the
 * host's totals after the change, so a reader can set them rather than add them up.
 *
 * @param memoryMib    the memory allocated to {@code vmId} by this event
 * @param allocatedMib all memory allocated on the host after this event
 * @param capacityMib  the memory the host offers to VMs (see {@link RegisterHost})
 */
public record HostMemoryAllocated(String hostId, String siteId, String vmId, long memoryMib, long allocatedMib,
                                  long capacityMib) {
}
