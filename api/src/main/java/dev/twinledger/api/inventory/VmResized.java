package dev.twinledger.api.inventory;

/**
 * A VM was resized.
 */
public record VmResized(String vmId, String siteId, String hostId, int vcpus, long memoryMib, int previousVcpus,
                        long previousMemoryMib) {
}
