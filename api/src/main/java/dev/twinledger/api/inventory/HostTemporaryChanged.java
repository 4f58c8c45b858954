package dev.twinledger.api.inventory;

/**
 * A host was marked as temporary capacity ({@code temporary = true}) or as permanent.
 */
public record HostTemporaryChanged(String hostId, String siteId, boolean temporary) {
}
