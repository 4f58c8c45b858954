package dev.twinledger.api.inventory;

/**
 * A host left maintenance and is {@link HostState#ACTIVE} again.
 */
public record HostMaintenanceEnded(String hostId, String siteId) {
}
