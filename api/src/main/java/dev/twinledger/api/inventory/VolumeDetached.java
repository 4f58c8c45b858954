package dev.twinledger.api.inventory;

/**
 * A volume was detached from a VM (recorded on the volume).
 */
public record VolumeDetached(String volumeId, String vmId, String siteId) {
}
