package dev.twinledger.commandside.inventory;

import dev.twinledger.commandside.domain.RuleViolation;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Answers {@link VolumeAttachments} by loading the VM through Axon's repository inside the volume command's unit of
 * work. The VM stays locked until that unit of work ends, so a concurrent {@code DecommissionVm} in this process waits
 * and then sees the attached volume; its event is stored with the volume's, in one transaction.
 */
public final class EventSourcedVolumeAttachments implements VolumeAttachments {

    private final Configuration axon;

    /** Attachments over the aggregates registered in {@code axon} (see {@link InventoryAggregates}). */
    public EventSourcedVolumeAttachments(Configuration axon) {
        this.axon = axon;
    }

    @Override
    public void attach(String vmId, String volumeId, String volumeSiteId) {
        vm(vmId).execute(vm -> vm.attachVolume(volumeId, volumeSiteId));
    }

    @Override
    public void detach(String vmId, String volumeId) {
        vm(vmId).execute(vm -> vm.detachVolume(volumeId));
    }

    /** The VM is named in the command's body, not addressed by it, so a missing one breaks a rule (422), not 404. */
    private Aggregate<VirtualMachine> vm(String vmId) {
        try {
            return axon.repository(VirtualMachine.class).load(vmId);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            throw new RuleViolation("VM '" + vmId + "' does not exist");
        }
    }
}
