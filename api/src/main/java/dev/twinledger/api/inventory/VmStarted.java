package dev.twinledger.api.inventory;

/**
 * A VM was started.
 */
public record VmStarted(String vmId, String siteId, String hostId) {
}
