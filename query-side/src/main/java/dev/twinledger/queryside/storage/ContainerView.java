package dev.twinledger.queryside.storage;

import java.time.Instant;
import java.util.List;

/**
 * An object-storage container with its replica policy and the status of each replica.
 *
 * @param id             the container id
 * @param name           its name on Swift
 * @param project        the owning project
 * @param replicaSiteIds the sites that must hold a replica, sorted
 * @param replicas       the replica at each of those sites, by site id
 * @param createdAt      when it was created
 * @param updatedAt      when its last event (policy change or status report) was stored
 */
public record ContainerView(String id, String name, String project, List<String> replicaSiteIds,
                            List<ReplicaView> replicas, Instant createdAt, Instant updatedAt) {
}
