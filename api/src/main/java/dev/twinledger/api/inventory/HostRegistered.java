package dev.twinledger.api.inventory;

/** A host was registered at a site; it starts {@link HostState#ACTIVE}. Memory is in MiB. */
public record HostRegistered(String hostId, String siteId, String name, int cpuCores, long memoryMib) {
}
