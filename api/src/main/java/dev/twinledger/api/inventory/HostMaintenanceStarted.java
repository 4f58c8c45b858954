package dev.twinledger.api.inventory;

/**
 * A host entered {@link HostState#MAINTENANCE}.
 */
public record HostMaintenanceStarted(String hostId, String siteId) {
}
