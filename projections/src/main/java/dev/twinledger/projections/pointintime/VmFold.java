package dev.twinledger.projections.pointintime;

import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRenamed;
import dev.twinledger.api.inventory.VmResized;
import dev.twinledger.api.inventory.VmRetagged;
import dev.twinledger.api.inventory.VmStarted;
import dev.twinledger.api.inventory.VmState;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.inventory.VmVolumeDetached;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationFailed;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.api.migration.MigrationRolledBack;
import dev.twinledger.api.migration.MigrationStarted;
import dev.twinledger.api.migration.MigrationState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A VM's state from the events of its own stream, migrations included: the VM aggregate applies every migration
 * event, so a completed migration moves the VM here (site, host and, across platforms, its platform id).
 */
final class VmFold {

    private VmFold() {
    }

    static VmSnapshot provisioned(VmProvisioned event, Instant at) {
        return new VmSnapshot(event.vmId(), event.name(), event.siteId(), event.hostId(), event.project(),
                event.environment(), event.vcpus(), event.memoryMib(), VmState.ACTIVE, event.platformId(), Map.of(),
                List.of(), null, at, null);
    }

    /** The VM after {@code event}; unchanged by events that say nothing about it. */
    static VmSnapshot apply(VmSnapshot vm, Object event, Instant at) {
        if (event instanceof VmStarted) {
            return vm.withState(VmState.ACTIVE, vm.decommissionedAt());
        }
        if (event instanceof VmStopped) {
            return vm.withState(VmState.SHUTOFF, vm.decommissionedAt());
        }
        if (event instanceof VmDecommissioned) {
            return vm.withState(VmState.DECOMMISSIONED, at);
        }
        if (event instanceof VmResized resized) {
            return vm.withSize(resized.vcpus(), resized.memoryMib());
        }
        if (event instanceof VmRenamed renamed) {
            return vm.withName(renamed.name());
        }
        if (event instanceof VmRetagged retagged) {
            return vm.withTags(retagged.tags());
        }
        if (event instanceof VmVolumeAttached attached) {
            if (vm.volumeIds().contains(attached.volumeId())) {
                return vm;
            }
            List<String> volumes = new ArrayList<>(vm.volumeIds());
            volumes.add(attached.volumeId());
            return vm.withVolumeIds(volumes);
        }
        if (event instanceof VmVolumeDetached detached) {
            List<String> volumes = new ArrayList<>(vm.volumeIds());
            volumes.remove(detached.volumeId());
            return vm.withVolumeIds(volumes);
        }
        return applyMigration(vm, event);
    }

    private static VmSnapshot applyMigration(VmSnapshot vm, Object event) {
        if (event instanceof MigrationRequested requested) {
            return vm.withMigration(new VmSnapshot.MigrationInFlight(requested.migrationId(), requested.kind(),
                    MigrationState.REQUESTED, requested.targetSiteId(), requested.targetHostId()));
        }
        if (event instanceof MigrationStarted started && isCurrent(vm, started.migrationId())) {
            VmSnapshot.MigrationInFlight m = vm.migration();
            return vm.withMigration(new VmSnapshot.MigrationInFlight(m.migrationId(), m.kind(),
                    MigrationState.IN_PROGRESS, m.targetSiteId(), m.targetHostId()));
        }
        if (event instanceof MigrationCompleted completed) {
            // A completion without a platform id keeps the one the VM had (same platform, same id).
            String platformId = completed.platformId() != null ? completed.platformId() : vm.platformId();
            return vm.withPlacement(completed.targetSiteId(), completed.targetHostId(), platformId,
                    isCurrent(vm, completed.migrationId()) ? null : vm.migration());
        }
        if (event instanceof MigrationFailed failed && isCurrent(vm, failed.migrationId())) {
            return vm.withMigration(null);
        }
        if (event instanceof MigrationRolledBack rolledBack && isCurrent(vm, rolledBack.migrationId())) {
            return vm.withMigration(null);
        }
        return vm;
    }

    private static boolean isCurrent(VmSnapshot vm, String migrationId) {
        return vm.migration() != null && vm.migration().migrationId().equals(migrationId);
    }
}
