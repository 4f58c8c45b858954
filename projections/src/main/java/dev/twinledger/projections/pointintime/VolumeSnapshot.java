package dev.twinledger.projections.pointintime;

import dev.twinledger.api.inventory.VolumeState;

import java.time.Instant;
import java.util.List;

/**
 * A block-storage volume, as its own stream tells it.
 *
 * @param vmId the VM it is attached to, or null
 */
public record VolumeSnapshot(String id, String name, String siteId, String project, long sizeGib, VolumeState state,
                             String vmId, Instant createdAt, Instant deletedAt) implements ResourceSnapshot {

    /** {@value}. */
    public static final String TYPE = "volume";

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public FilterColumns filterColumns() {
        return new FilterColumns(siteId, project, null, state.name(), null, List.of());
    }

    VolumeSnapshot withAttachment(VolumeState newState, String newVmId) {
        return new VolumeSnapshot(id, name, siteId, project, sizeGib, newState, newVmId, createdAt, deletedAt);
    }

    VolumeSnapshot deleted(Instant at) {
        return new VolumeSnapshot(id, name, siteId, project, sizeGib, VolumeState.DELETED, null, createdAt, at);
    }
}
