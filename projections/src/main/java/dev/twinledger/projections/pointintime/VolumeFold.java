package dev.twinledger.projections.pointintime;

import dev.twinledger.api.inventory.VolumeAttached;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.inventory.VolumeDeleted;
import dev.twinledger.api.inventory.VolumeDetached;
import dev.twinledger.api.inventory.VolumeState;

import java.time.Instant;

/** A volume's state from the events of its own stream. */
final class VolumeFold {

    private VolumeFold() {
    }

    static VolumeSnapshot created(VolumeCreated event, Instant at) {
        return new VolumeSnapshot(event.volumeId(), event.name(), event.siteId(), event.project(), event.sizeGib(),
                VolumeState.AVAILABLE, null, at, null);
    }

    /** The volume after {@code event}; unchanged by events that say nothing about it. */
    static VolumeSnapshot apply(VolumeSnapshot volume, Object event, Instant at) {
        if (event instanceof VolumeAttached attached) {
            return volume.withAttachment(VolumeState.IN_USE, attached.vmId());
        }
        if (event instanceof VolumeDetached) {
            return volume.withAttachment(VolumeState.AVAILABLE, null);
        }
        if (event instanceof VolumeDeleted) {
            return volume.deleted(at);
        }
        return volume;
    }
}
