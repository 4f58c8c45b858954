package dev.twinledger.api.inventory;

/**
 * A volume was deleted; it accepts no further changes.
 */
public record VolumeDeleted(String volumeId, String siteId) {
}
