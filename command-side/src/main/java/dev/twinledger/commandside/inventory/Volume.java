package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.AttachVolume;
import dev.twinledger.api.inventory.CreateVolume;
import dev.twinledger.api.inventory.DeleteVolume;
import dev.twinledger.api.inventory.DetachVolume;
import dev.twinledger.api.inventory.VolumeAttached;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.inventory.VolumeDeleted;
import dev.twinledger.api.inventory.VolumeDetached;
import dev.twinledger.api.inventory.VolumeState;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A block-storage volume at one site, owned by a registered project. It is attached to at most one VM at a time, of
 * its own site; each attachment and detachment is recorded on the volume and on the VM in one unit of work. A deleted
 * volume is kept, not removed, so a late command is answered "conflict", not "not found".
 */
final class Volume {

    @AggregateIdentifier
    private String volumeId;
    private String siteId;
    private VolumeState state;
    private String attachedVmId;

    /**
     * Axon rebuilds a volume by creating an empty instance and replaying its events into it, so it needs a no-arg
     * constructor; nothing else should call it.
     */
    Volume() {
    }

    /** The site and project are checked against the event store through {@code inventory} (injected by Axon). */
    @CommandHandler
    Volume(CreateVolume command, InventoryLookup inventory) {
        Checks.id(command.volumeId(), "volumeId");
        Checks.name(command.name(), "name");
        Checks.id(command.siteId(), "siteId");
        Checks.id(command.project(), "project");
        if (command.sizeGib() < 1) {
            throw new RuleViolation("sizeGib must be at least 1, was " + command.sizeGib());
        }
        if (!inventory.siteExists(command.siteId())) {
            throw new RuleViolation("site '" + command.siteId() + "' does not exist");
        }
        if (!inventory.projectExists(command.project())) {
            throw new RuleViolation("project '" + command.project() + "' is not registered");
        }
        apply(new VolumeCreated(command.volumeId(), command.name(), command.siteId(), command.project(),
                command.sizeGib()));
    }

    /**
     * The VM's event is applied first, so the volume's event is the last of the unit of work: the position the caller
     * gets back covers both.
     */
    @CommandHandler
    void handle(AttachVolume command, VolumeAttachments attachments) {
        requireNotDeleted();
        Checks.id(command.vmId(), "vmId");
        if (state == VolumeState.IN_USE) {
            throw new StateConflict("volume '" + volumeId + "' is attached to VM '" + attachedVmId
                    + "'; detach it first");
        }
        attachments.attach(command.vmId(), volumeId, siteId);
        apply(new VolumeAttached(volumeId, command.vmId(), siteId));
    }

    @CommandHandler
    void handle(DetachVolume command, VolumeAttachments attachments) {
        requireNotDeleted();
        if (state != VolumeState.IN_USE) {
            throw new StateConflict("volume '" + volumeId + "' is not attached to any VM");
        }
        attachments.detach(attachedVmId, volumeId);
        apply(new VolumeDetached(volumeId, attachedVmId, siteId));
    }

    @CommandHandler
    void handle(DeleteVolume command) {
        requireNotDeleted();
        if (state == VolumeState.IN_USE) {
            throw new StateConflict("volume '" + volumeId + "' is attached to VM '" + attachedVmId
                    + "'; detach it before deleting it");
        }
        apply(new VolumeDeleted(volumeId, siteId));
    }

    @EventSourcingHandler
    void on(VolumeCreated event) {
        volumeId = event.volumeId();
        siteId = event.siteId();
        state = VolumeState.AVAILABLE;
    }

    @EventSourcingHandler
    void on(VolumeAttached event) {
        state = VolumeState.IN_USE;
        attachedVmId = event.vmId();
    }

    @EventSourcingHandler
    void on(VolumeDetached event) {
        state = VolumeState.AVAILABLE;
        attachedVmId = null;
    }

    @EventSourcingHandler
    void on(VolumeDeleted event) {
        state = VolumeState.DELETED;
    }

    /** Every command on an existing volume starts here, so a deleted volume refuses them all. */
    private void requireNotDeleted() {
        if (state == VolumeState.DELETED) {
            throw new StateConflict("volume '" + volumeId + "' is deleted and accepts no further changes");
        }
    }
}
