package dev.twinledger.api.inventory;

/**
 * A volume was detached from a VM (recorded on the VM).
 */
public record VmVolumeDetached(String vmId, String volumeId) {
}
