package dev.twinledger.api.inventory;

/**
 * A host was registered at a site; it starts {@link HostState#ACTIVE} with nothing allocated. Memory is in MiB.
 *
 * <p>Events stored before the reserved memory and overcommit ratio existed read as 0 and 0.0; readers treat an
 * overcommit ratio below 1.0 as 1.0.
 */
public record HostRegistered(String hostId, String siteId, String name, int cpuCores, long memoryMib,
                             long reservedMemoryMib,
                             double overcommitRatio, boolean temporary) {
}
