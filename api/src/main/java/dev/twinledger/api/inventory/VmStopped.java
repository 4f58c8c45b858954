package dev.twinledger.api.inventory;

/**
 * A VM was stopped.
 */
public record VmStopped(String vmId, String siteId, String hostId) {
}
