package dev.twinledger.api.inventory;

/**
 * A volume was attached to a VM (recorded on the volume).
 */
public record VolumeAttached(String volumeId, String vmId, String siteId) {
}
