package dev.twinledger.projections.pointintime;

import dev.twinledger.api.storage.ReplicaStatus;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * An object-storage container: its replica policy and, per site in it, the last reported status.
 *
 * @param replicas one per site in the policy, sorted by site id; never null
 */
public record ContainerSnapshot(String id, String name, String project, List<Replica> replicas, Instant createdAt,
                                Instant updatedAt) implements ResourceSnapshot {

    /** {@value}. */
    public static final String TYPE = "container";

    /** Replicas sorted by site and copied. */
    public ContainerSnapshot {
        replicas = replicas == null ? List.of()
                : replicas.stream().sorted(Comparator.comparing(Replica::siteId)).toList();
    }

    @Override
    public String resourceType() {
        return TYPE;
    }

    @Override
    public FilterColumns filterColumns() {
        return new FilterColumns(null, project, null, null, null, replicas.stream().map(Replica::siteId).toList());
    }

    /**
     * A replica site and its status.
     *
     * @param status UNKNOWN until the storage monitoring reports it
     * @param detail the report's free text, or null
     */
    public record Replica(String siteId, ReplicaStatus status, String detail) {
    }

    ContainerSnapshot withReplicas(List<Replica> newReplicas, Instant at) {
        return new ContainerSnapshot(id, name, project, newReplicas, createdAt, at);
    }
}
