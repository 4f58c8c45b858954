package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.DecommissionVm;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.ProvisionVm;
import dev.twinledger.api.inventory.RenameVm;
import dev.twinledger.api.inventory.ResizeVm;
import dev.twinledger.api.inventory.RetagVm;
import dev.twinledger.api.inventory.StartVm;
import dev.twinledger.api.inventory.StopVm;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRenamed;
import dev.twinledger.api.inventory.VmResized;
import dev.twinledger.api.inventory.VmRetagged;
import dev.twinledger.api.inventory.VmStarted;
import dev.twinledger.api.inventory.VmState;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.inventory.VmVolumeDetached;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.api.migration.CompleteMigration;
import dev.twinledger.api.migration.FailMigration;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationFailed;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.api.migration.MigrationRolledBack;
import dev.twinledger.api.migration.MigrationStarted;
import dev.twinledger.api.migration.MigrationState;
import dev.twinledger.api.migration.RequestMigration;
import dev.twinledger.api.migration.RollBackMigration;
import dev.twinledger.api.migration.StartMigration;
import dev.twinledger.commandside.domain.AlreadyExists;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import dev.twinledger.commandside.domain.UnknownResource;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A virtual machine on a host. It is placed on an existing, active host in its own site; once decommissioned it
 * refuses every further command (it is kept, not deleted, so that a late command is answered "conflict", not
 * "not found").
 *
 * <p>The VM's memory is held on its host: every command that places, resizes, moves or removes the VM moves the
 * memory through {@link HostMemory} in the same unit of work, after the VM's own event. Its migrations are
 * processes on its own stream ({@link Migration}), so the VM's history reads as one line across its moves; while
 * one is in flight the VM holds its memory on both hosts.
 */
final class VirtualMachine {

    @AggregateIdentifier
    private String vmId;
    private String siteId;
    private String hostId;
    private VmState state;
    private String name;
    private int vcpus;
    private long memoryMib;
    private String platformId;
    private Map<String, String> tags = Map.of();
    private final Map<String, Migration> migrations = new LinkedHashMap<>();
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
     * this command's unit of work: the host is loaded, and locked, while the VM is created, and its memory is
     * allocated there by {@code hosts} (refused when it does not fit).
     */
    @CommandHandler
    VirtualMachine(ProvisionVm command, InventoryLookup inventory, HostMemory hosts) {
        Checks.id(command.vmId(), "vmId");
        Checks.name(command.name(), "name");
        Checks.id(command.siteId(), "siteId");
        Checks.id(command.hostId(), "hostId");
        Checks.name(command.project(), "project");
        Checks.present(command.environment(), "environment");
        Checks.positive(command.vcpus(), "vcpus");
        Checks.positive(command.memoryMib(), "memoryMib");
        if (command.platformId() != null) {
            Checks.name(command.platformId(), "platformId");
        }
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
        // Inside a constructor Axon applies the VM's event once the instance exists; andThen keeps the host's
        // events after it. A host that refuses the memory fails the whole unit of work, so nothing is stored.
        apply(new VmProvisioned(command.vmId(), command.name(), command.siteId(), command.hostId(),
                command.project(), command.environment(), command.vcpus(), command.memoryMib(), command.platformId()))
                .andThen(() -> hosts.allocate(command.hostId(), command.vmId(), command.memoryMib()));
    }

    @CommandHandler
    void handle(DecommissionVm command, HostMemory hosts) {
        requireChangeable();
        requireNoMigrationInFlight("decommissioned");
        if (!attachedVolumeIds.isEmpty()) {
            throw new StateConflict("VM '" + vmId + "' still has volumes attached: "
                    + String.join(", ", attachedVolumeIds) + "; detach them first");
        }
        apply(new VmDecommissioned(vmId, siteId, hostId));
        hosts.release(hostId, vmId);
    }

    @CommandHandler
    void handle(StartVm command) {
        requireChangeable();
        if (state != VmState.SHUTOFF) {
            throw new StateConflict("VM '" + vmId + "' is " + state + "; only a SHUTOFF VM can be started");
        }
        apply(new VmStarted(vmId, siteId, hostId));
    }

    @CommandHandler
    void handle(StopVm command) {
        requireChangeable();
        if (state != VmState.ACTIVE) {
            throw new StateConflict("VM '" + vmId + "' is " + state + "; only an ACTIVE VM can be stopped");
        }
        apply(new VmStopped(vmId, siteId, hostId));
    }

    /**
     * Re-allocates the VM's memory on its host (growth must fit there). A resize to the current size stores nothing.
     * Refused while a migration is in flight: the target already holds the old size.
     */
    @CommandHandler
    void handle(ResizeVm command, HostMemory hosts) {
        requireChangeable();
        Checks.positive(command.vcpus(), "vcpus");
        Checks.positive(command.memoryMib(), "memoryMib");
        requireNoMigrationInFlight("resized");
        if (command.vcpus() == vcpus && command.memoryMib() == memoryMib) {
            return;
        }
        boolean memoryChanges = command.memoryMib() != memoryMib;
        apply(new VmResized(vmId, siteId, hostId, command.vcpus(), command.memoryMib(), vcpus, memoryMib));
        if (memoryChanges) {
            hosts.resize(hostId, vmId, command.memoryMib());
        }
    }

    /** Renaming to the current name stores nothing. */
    @CommandHandler
    void handle(RenameVm command) {
        requireChangeable();
        Checks.name(command.name(), "name");
        if (!command.name().equals(name)) {
            apply(new VmRenamed(vmId, command.name(), name));
        }
    }

    /** Replaces every tag (see {@link Tags} for the rules); the same tags again store nothing. */
    @CommandHandler
    void handle(RetagVm command) {
        requireChangeable();
        Map<String, String> checked = Tags.checked(command.tags());
        if (!checked.equals(tags)) {
            apply(new VmRetagged(vmId, checked));
        }
    }

    /**
     * The kind is derived from the sites and their platforms. The VM's memory is allocated on the target at once,
     * so two migrations can never count on the same free memory.
     */
    @CommandHandler
    void handle(RequestMigration command, InventoryLookup inventory, HostMemory hosts) {
        requireChangeable();
        Checks.id(command.migrationId(), "migrationId");
        Checks.id(command.targetHostId(), "targetHostId");
        if (command.campaignId() != null) {
            Checks.id(command.campaignId(), "campaignId");
        }
        Migration earlier = migrations.get(command.migrationId());
        if (earlier != null) {
            throw new AlreadyExists("VM '" + vmId + "' already has a migration '" + earlier.migrationId() + "' ("
                    + earlier.state() + "); migration ids are not reused");
        }
        Optional<Migration> inFlight = migrationInFlight();
        if (inFlight.isPresent()) {
            throw new StateConflict("VM '" + vmId + "' has migration '" + inFlight.get().migrationId() + "' in flight ("
                    + inFlight.get().state() + "); only one migration at a time");
        }
        if (command.targetHostId().equals(hostId)) {
            throw new RuleViolation("VM '" + vmId + "' already runs on host '" + hostId + "'; the target must be"
                    + " another host");
        }
        InventoryLookup.HostPlacement target = inventory.host(command.targetHostId())
                .orElseThrow(() -> new RuleViolation("target host '" + command.targetHostId() + "' does not exist"));
        if (target.state() != HostState.ACTIVE) {
            throw new RuleViolation("target host '" + target.hostId() + "' is "
                    + (target.state() == HostState.MAINTENANCE ? "in maintenance (MAINTENANCE)" : "decommissioned")
                    + "; only an ACTIVE host takes incoming migrations");
        }
        Platform sourcePlatform = platformOf(inventory, siteId);
        Platform targetPlatform = platformOf(inventory, target.siteId());
        MigrationKind kind = target.siteId().equals(siteId) ? MigrationKind.HOST_TO_HOST
                : sourcePlatform == targetPlatform ? MigrationKind.SITE_TO_SITE : MigrationKind.CROSS_PLATFORM;
        if (kind != MigrationKind.HOST_TO_HOST && !attachedVolumeIds.isEmpty()) {
            // A volume stays at its site: moving the VM away would leave it attached across data centres.
            throw new RuleViolation("VM '" + vmId + "' has volumes attached at site '" + siteId + "': "
                    + String.join(", ", attachedVolumeIds) + "; detach them before moving it to site '"
                    + target.siteId() + "'");
        }
        apply(new MigrationRequested(command.migrationId(), vmId, kind, siteId, hostId, sourcePlatform,
                target.siteId(), target.hostId(), targetPlatform, memoryMib, command.campaignId()));
        hosts.allocate(target.hostId(), vmId, memoryMib);
    }

    @CommandHandler
    void handle(StartMigration command) {
        apply(migration(command.migrationId()).start());
    }

    /** The VM now runs on the target (host, site, platform); its memory on the source is released. */
    @CommandHandler
    void handle(CompleteMigration command, HostMemory hosts) {
        Migration migration = migration(command.migrationId());
        apply(migration.complete(command.newPlatformId(), platformId));
        hosts.release(migration.sourceHostId(), vmId);
    }

    /** The VM stays on its source; the memory held for it on the target is released. */
    @CommandHandler
    void handle(FailMigration command, HostMemory hosts) {
        Migration migration = migration(command.migrationId());
        apply(migration.fail(command.reason()));
        hosts.release(migration.targetHostId(), vmId);
    }

    /** The VM stays on its source; the memory held for it on the target is released. */
    @CommandHandler
    void handle(RollBackMigration command, HostMemory hosts) {
        Migration migration = migration(command.migrationId());
        apply(migration.rollBack(command.reason()));
        hosts.release(migration.targetHostId(), vmId);
    }

    @EventSourcingHandler
    void on(VmProvisioned event) {
        vmId = event.vmId();
        siteId = event.siteId();
        hostId = event.hostId();
        state = VmState.ACTIVE;
        name = event.name();
        vcpus = event.vcpus();
        memoryMib = event.memoryMib();
        platformId = event.platformId();
    }

    @EventSourcingHandler
    void on(VmStarted event) {
        state = VmState.ACTIVE;
    }

    @EventSourcingHandler
    void on(VmStopped event) {
        state = VmState.SHUTOFF;
    }

    @EventSourcingHandler
    void on(VmResized event) {
        vcpus = event.vcpus();
        memoryMib = event.memoryMib();
    }

    @EventSourcingHandler
    void on(VmRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(VmRetagged event) {
        tags = Map.copyOf(event.tags());
    }

    @EventSourcingHandler
    void on(MigrationRequested event) {
        migrations.put(event.migrationId(), Migration.requested(event));
    }

    @EventSourcingHandler
    void on(MigrationStarted event) {
        reached(event.migrationId(), MigrationState.IN_PROGRESS);
    }

    @EventSourcingHandler
    void on(MigrationCompleted event) {
        reached(event.migrationId(), MigrationState.COMPLETED);
        siteId = event.targetSiteId();
        hostId = event.targetHostId();
        platformId = event.platformId();
    }

    @EventSourcingHandler
    void on(MigrationFailed event) {
        reached(event.migrationId(), MigrationState.FAILED);
    }

    @EventSourcingHandler
    void on(MigrationRolledBack event) {
        reached(event.migrationId(), MigrationState.ROLLED_BACK);
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

    private void reached(String migrationId, MigrationState state) {
        migrations.computeIfPresent(migrationId, (id, migration) -> migration.in(state));
    }

    /** A migration of this VM that may still change, for commands on it; decommissioned VMs refuse them all. */
    private Migration migration(String migrationId) {
        requireChangeable();
        Migration migration = migrations.get(migrationId);
        if (migration == null) {
            throw new UnknownResource("VM '" + vmId + "' has no migration '" + migrationId + "'");
        }
        return migration;
    }

    private Optional<Migration> migrationInFlight() {
        return migrations.values().stream().filter(Migration::inFlight).findFirst();
    }

    private void requireNoMigrationInFlight(String action) {
        migrationInFlight().ifPresent(migration -> {
            throw new StateConflict("VM '" + vmId + "' cannot be " + action + " while migration '"
                    + migration.migrationId() + "' is " + migration.state() + "; complete, fail or roll it back"
                    + " first");
        });
    }

    private static Platform platformOf(InventoryLookup inventory, String siteId) {
        // Sites are never removed and hosts and VMs are only placed at existing sites, so a miss is a bug.
        return inventory.sitePlatform(siteId).orElseThrow(() -> new IllegalStateException("site '" + siteId
                + "' of a placed VM or host has no platform"));
    }

    /** Every command on an existing VM starts here, so a decommissioned VM refuses them all. */
    private void requireChangeable() {
        if (state == VmState.DECOMMISSIONED) {
            throw new StateConflict("VM '" + vmId + "' is decommissioned and accepts no further changes");
        }
    }
}
