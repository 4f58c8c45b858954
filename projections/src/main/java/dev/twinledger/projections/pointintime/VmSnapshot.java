package dev.twinledger.projections.pointintime;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.VmState;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationState;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A virtual machine: where it runs (site, host, platform id), its size, power state, tags, attached volumes and the
 * migration in flight, if any. Its migrations are on its own stream, so a completed one moves it here.
 *
 * @param state     ACTIVE or SHUTOFF while placed; DECOMMISSIONED at the end
 * @param tags      sorted by key; never null
 * @param volumeIds in attach order; never null
 * @param migration the migration requested or in progress, null when none is
 */
public record VmSnapshot(String id, String name, String siteId, String hostId, String project,
                         Environment environment, int vcpus, long memoryMib, VmState state, String platformId,
                         Map<String, String> tags, List<String> volumeIds, MigrationInFlight migration,
                         Instant provisionedAt, Instant decommissionedAt) implements ResourceSnapshot {

    /** {@value}. */
    public static final String TYPE = "vm";

    /** Tags sorted, collections copied and never null. */
    public VmSnapshot {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
        volumeIds = volumeIds == null ? List.of() : List.copyOf(volumeIds);
    }

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public FilterColumns filterColumns() {
        return new FilterColumns(siteId, project, environment.name(), state.name(), hostId, List.of());
    }

    /**
     * A migration of the VM that has not finished.
     *
     * @param state REQUESTED or IN_PROGRESS
     */
    public record MigrationInFlight(String migrationId, MigrationKind kind, MigrationState state, String targetSiteId,
                                    String targetHostId) {
    }

    VmSnapshot withName(String newName) {
        return new VmSnapshot(id, newName, siteId, hostId, project, environment, vcpus, memoryMib, state, platformId,
                tags, volumeIds, migration, provisionedAt, decommissionedAt);
    }

    VmSnapshot withSize(int newVcpus, long newMemoryMib) {
        return new VmSnapshot(id, name, siteId, hostId, project, environment, newVcpus, newMemoryMib, state,
                platformId, tags, volumeIds, migration, provisionedAt, decommissionedAt);
    }

    VmSnapshot withState(VmState newState, Instant decommissioned) {
        return new VmSnapshot(id, name, siteId, hostId, project, environment, vcpus, memoryMib, newState, platformId,
                tags, volumeIds, migration, provisionedAt, decommissioned);
    }

    VmSnapshot withTags(Map<String, String> newTags) {
        return new VmSnapshot(id, name, siteId, hostId, project, environment, vcpus, memoryMib, state, platformId,
                newTags, volumeIds, migration, provisionedAt, decommissionedAt);
    }

    VmSnapshot withVolumeIds(List<String> newVolumeIds) {
        return new VmSnapshot(id, name, siteId, hostId, project, environment, vcpus, memoryMib, state, platformId,
                tags, newVolumeIds, migration, provisionedAt, decommissionedAt);
    }

    VmSnapshot withMigration(MigrationInFlight newMigration) {
        return new VmSnapshot(id, name, siteId, hostId, project, environment, vcpus, memoryMib, state, platformId,
                tags, volumeIds, newMigration, provisionedAt, decommissionedAt);
    }

    VmSnapshot withPlacement(String newSiteId, String newHostId, String newPlatformId, MigrationInFlight newMigration) {
        return new VmSnapshot(id, name, newSiteId, newHostId, project, environment, vcpus, memoryMib, state,
                newPlatformId, tags, volumeIds, newMigration, provisionedAt, decommissionedAt);
    }
}
