package dev.twinledger.commandside.inventory;

/**
 * The VM's side of attaching and detaching a volume. A volume command records its event on the volume and, through
 * this, the matching event on the VM, in the same unit of work: both are stored or neither is. Must be called inside
 * the volume command's unit of work.
 */
public interface VolumeAttachments {

    /**
     * Records on VM {@code vmId} that volume {@code volumeId}, standing at {@code volumeSiteId}, is attached to it.
     *
     * @throws dev.twinledger.commandside.domain.RuleViolation   when no such VM exists, or it runs at another site
     * @throws dev.twinledger.commandside.domain.StateConflict   when the VM is decommissioned
     */
    void attach(String vmId, String volumeId, String volumeSiteId);

    /**
     * Records on VM {@code vmId} that volume {@code volumeId} is detached from it.
     *
     * @throws dev.twinledger.commandside.domain.RuleViolation when no such VM exists
     * @throws dev.twinledger.commandside.domain.StateConflict when the VM does not have that volume attached
     */
    void detach(String vmId, String volumeId);
}
