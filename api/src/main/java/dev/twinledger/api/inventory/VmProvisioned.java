package dev.twinledger.api.inventory;

/**
 * A virtual machine was provisioned on a host; it starts {@link VmState#ACTIVE}. Memory is in MiB.
 */
public record VmProvisioned(String vmId, String name, String siteId, String hostId, String project,
                            Environment environment, int vcpus, long memoryMib, String platformId) {
}
