package dev.twinledger.api.inventory;

/**
 * A host's platform software was upgraded to {@code softwareVersion}.
 */
public record HostUpgraded(String hostId, String siteId, String softwareVersion) {
}
