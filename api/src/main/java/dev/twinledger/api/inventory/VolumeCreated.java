package dev.twinledger.api.inventory;

/**
 * A volume was created; it starts {@link VolumeState#AVAILABLE}.
 */
public record VolumeCreated(String volumeId, String name, String siteId, String project, long sizeGib) {
}
