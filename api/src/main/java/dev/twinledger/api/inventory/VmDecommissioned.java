package dev.twinledger.api.inventory;

/**
 * A VM was decommissioned; its memory is released (a {@link HostMemoryReleased} follows on the host).
 */
public record VmDecommissioned(String vmId, String siteId, String hostId) {
}
