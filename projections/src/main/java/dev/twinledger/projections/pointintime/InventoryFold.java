package dev.twinledger.projections.pointintime;

import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.api.inventory.HostDecommissioned;
import dev.twinledger.api.inventory.HostMaintenanceEnded;
import dev.twinledger.api.inventory.HostMaintenanceStarted;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.HostTemporaryChanged;
import dev.twinledger.api.inventory.HostUpgraded;
import dev.twinledger.api.inventory.ProjectRegistered;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRenamed;
import dev.twinledger.api.inventory.VmResized;
import dev.twinledger.api.inventory.VmRetagged;
import dev.twinledger.api.inventory.VmStarted;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.inventory.VmVolumeDetached;
import dev.twinledger.api.inventory.VolumeAttached;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.inventory.VolumeDeleted;
import dev.twinledger.api.inventory.VolumeDetached;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationFailed;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.api.migration.MigrationRolledBack;
import dev.twinledger.api.migration.MigrationStarted;
import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.api.storage.ReplicaPolicyChanged;
import dev.twinledger.api.storage.ReplicaStatusReported;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The pure fold of an inventory resource's own stream: previous state + event = next state. A resource's first
 * event creates it (site, project, host, VM, volume or container); every later event of its stream goes to the fold
 * of its type ({@link HostFold}, {@link VmFold}, {@link VolumeFold}, {@link ContainerFold}; sites and projects do
 * not change after registration). An event that does not concern the resource leaves it as it was: the version it
 * makes still records that the stream moved on.
 */
public final class InventoryFold {

    private static final Set<Class<?>> CREATING = Set.of(SiteRegistered.class, ProjectRegistered.class,
            HostRegistered.class, VmProvisioned.class, VolumeCreated.class, ContainerCreated.class);

    private static final Set<Class<?>> CHANGING = Set.of(
            HostMaintenanceStarted.class, HostMaintenanceEnded.class, HostDecommissioned.class,
            HostTemporaryChanged.class, HostUpgraded.class, HostMemoryAllocated.class, HostMemoryReleased.class,
            CapacityAlertRaised.class, CapacityAlertCleared.class,
            VmStarted.class, VmStopped.class, VmResized.class, VmRenamed.class, VmRetagged.class,
            VmVolumeAttached.class, VmVolumeDetached.class, VmDecommissioned.class,
            MigrationRequested.class, MigrationStarted.class, MigrationCompleted.class, MigrationFailed.class,
            MigrationRolledBack.class,
            VolumeAttached.class, VolumeDetached.class, VolumeDeleted.class,
            ReplicaPolicyChanged.class, ReplicaStatusReported.class);

    private InventoryFold() {
    }

    /** Whether {@code event} is the first event of an inventory resource's stream. */
    public static boolean creates(Object event) {
        return event != null && CREATING.contains(event.getClass());
    }

    /** Whether {@code event} is a later event of an inventory resource's stream. */
    public static boolean changes(Object event) {
        return event != null && CHANGING.contains(event.getClass());
    }

    /**
     * The resource's state after {@code event}, stored at {@code at}.
     *
     * @param previous the state after the stream's previous event, or null when there was none
     * @return empty when {@code event} does not create a resource and there is nothing to apply it to
     */
    public static Optional<ResourceSnapshot> apply(ResourceSnapshot previous, Object event, Instant at) {
        if (creates(event)) {
            return Optional.of(create(event, at));
        }
        if (previous == null) {
            return Optional.empty();
        }
        ResourceSnapshot next;
        if (previous instanceof HostSnapshot host) {
            next = HostFold.apply(host, event, at);
        } else if (previous instanceof VmSnapshot vm) {
            next = VmFold.apply(vm, event, at);
        } else if (previous instanceof VolumeSnapshot volume) {
            next = VolumeFold.apply(volume, event, at);
        } else if (previous instanceof ContainerSnapshot container) {
            next = ContainerFold.apply(container, event, at);
        } else {
            next = previous;
        }
        return Optional.of(next);
    }

    private static ResourceSnapshot create(Object event, Instant at) {
        if (event instanceof SiteRegistered site) {
            return new SiteSnapshot(site.siteId(), site.name(), site.platform(), at);
        }
        if (event instanceof ProjectRegistered project) {
            return new ProjectSnapshot(project.projectId(), project.name(), project.description(), at);
        }
        if (event instanceof HostRegistered host) {
            return HostFold.registered(host, at);
        }
        if (event instanceof VmProvisioned vm) {
            return VmFold.provisioned(vm, at);
        }
        if (event instanceof VolumeCreated volume) {
            return VolumeFold.created(volume, at);
        }
        return ContainerFold.created((ContainerCreated) event, at);
    }
}
