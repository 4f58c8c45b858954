package dev.twinledger.api.inventory;

/**
 * A host was decommissioned; it accepts no further changes.
 */
public record HostDecommissioned(String hostId, String siteId) {
}
