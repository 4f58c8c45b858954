package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.DecommissionVm;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.ProvisionVm;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmState;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.inventory.VmVolumeDetached;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.Set;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A virtual machine on a host. It is placed on an existing, active host in its own site; once decommissioned it
 * refuses every further command (it is kept, not deleted, so that a late command is answered "conflict", not
 * "not found").
 */
final class VirtualMachine {

    @AggregateIdentifier
    private String vmId;
    private String siteId;
    private String hostId;
    private VmState state;
    /** Sorted, so a refusal names the attached volumes in a stable order. */
    private final Set<String> attachedVolumeIds = new TreeSet<>();

    /**
     * Axon rebuilds a VM by creating an empty instance and replaying its events into it, so it needs a no-arg
     * constructor; nothing else should call it.
     */
    VirtualMachine() {
    }

    /**
     * The placement rules are checked against the event store through {@code inventory} (injected by Axon), inside
     * this command's unit of work: the host is loaded, and locked, while the VM is created.
     */
    @CommandHandler
    VirtualMachine(ProvisionVm command, InventoryLookup inventory) {
        Checks.id(command.vmId(), "vmId");
        Checks.name(command.name(), "name");
        Checks.id(command.siteId(), "siteId");
        Checks.id(command.hostId(), "hostId");
        Checks.name(command.project(), "project");
        Checks.present(command.environment(), "environment");
        Checks.positive(command.vcpus(), "vcpus");
        Checks.positive(command.memoryMib(), "memoryMib");
        if (!inventory.siteExists(command.siteId())) {
            throw new RuleViolation("site '" + command.siteId() + "' does not exist");
        }
        if (!inventory.projectExists(command.project())) {
            throw new RuleViolation("project '" + command.project() + "' is not registered");
        }
        InventoryLookup.HostPlacement host = inventory.host(command.hostId())
                .orElseThrow(() -> new RuleViolation("host '" + command.hostId() + "' does not exist"));
        if (!host.siteId().equals(command.siteId())) {
            throw new RuleViolation("host '" + host.hostId() + "' stands in site '" + host.siteId() + "', not in '"
                    + command.siteId() + "'");
        }
        if (host.state() != HostState.ACTIVE) {
            throw new RuleViolation("host '" + host.hostId() + "' is " + host.state() + "; only ACTIVE hosts take"
                    + " new VMs");
        }
        apply(new VmProvisioned(command.vmId(), command.name(), command.siteId(), command.hostId(),
                command.project(), command.environment(), command.vcpus(), command.memoryMib(), null));
    }

    @CommandHandler
    void handle(DecommissionVm command) {
        requireChangeable();
        if (!attachedVolumeIds.isEmpty()) {
            throw new StateConflict("VM '" + vmId + "' still has volumes attached: "
                    + String.join(", ", attachedVolumeIds) + "; detach them first");
        }
        apply(new VmDecommissioned(vmId, siteId, hostId));
    }

    @EventSourcingHandler
    void on(VmProvisioned event) {
        vmId = event.vmId();
        siteId = event.siteId();
        hostId = event.hostId();
        state = VmState.ACTIVE;
    }

    @EventSourcingHandler
    void on(VmDecommissioned event) {
        state = VmState.DECOMMISSIONED;
    }

    /**
     * Records a volume being attached, on behalf of the volume's {@code AttachVolume} command in the same unit of work
     * (see {@link VolumeAttachments}); the volume has checked its own side.
     *
     * @throws StateConflict when this VM is decommissioned
     * @throws RuleViolation when this VM runs at another site than the volume
     */
    void attachVolume(String volumeId, String volumeSiteId) {
        requireChangeable();
        if (!siteId.equals(volumeSiteId)) {
            throw new RuleViolation("VM '" + vmId + "' runs at site '" + siteId + "', volume '" + volumeId
                    + "' is at site '" + volumeSiteId + "'");
        }
        apply(new VmVolumeAttached(vmId, volumeId));
    }

    /**
     * Records a volume being detached, on behalf of the volume's {@code DetachVolume} command in the same unit of work.
     * Not refused for a decommissioned VM: a VM cannot be decommissioned with a volume attached, and freeing a volume
     * must never be blocked.
     *
     * @throws StateConflict when this VM does not have the volume attached (the two records disagree)
     */
    void detachVolume(String volumeId) {
        if (!attachedVolumeIds.contains(volumeId)) {
            throw new StateConflict("volume '" + volumeId + "' is not attached to VM '" + vmId + "'");
        }
        apply(new VmVolumeDetached(vmId, volumeId));
    }

    @EventSourcingHandler
    void on(VmVolumeAttached event) {
        attachedVolumeIds.add(event.volumeId());
    }

    @EventSourcingHandler
    void on(VmVolumeDetached event) {
        attachedVolumeIds.remove(event.volumeId());
    }

    /** Every command on an existing VM starts here, so a decommissioned VM refuses them all. */
    private void requireChangeable() {
        if (state == VmState.DECOMMISSIONED) {
            throw new StateConflict("VM '" + vmId + "' is decommissioned and accepts no further changes");
        }
    }
}
