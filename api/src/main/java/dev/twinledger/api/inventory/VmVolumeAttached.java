package dev.twinledger.api.inventory;

/**
 * A volume was attached to a VM (recorded on the VM, so the VM's own history shows it).
 */
public record VmVolumeAttached(String vmId, String volumeId) {
}
