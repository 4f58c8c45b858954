package dev.twinledger.projections.pointintime;

import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.api.storage.ReplicaPolicyChanged;
import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.api.storage.ReplicaStatusReported;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A container's replica policy and statuses from the events of its own stream. */
final class ContainerFold {

    private ContainerFold() {
    }

    static ContainerSnapshot created(ContainerCreated event, Instant at) {
        return new ContainerSnapshot(event.containerId(), event.name(), event.project(),
                unreported(event.replicaSiteIds()), at, at);
    }

    /** The container after {@code event}; unchanged by events that say nothing about it. */
    static ContainerSnapshot apply(ContainerSnapshot container, Object event, Instant at) {
        if (event instanceof ReplicaPolicyChanged changed) {
            // A site that stays keeps its status, one that leaves drops it, one that joins starts unreported.
            Map<String, ContainerSnapshot.Replica> before = bySite(container.replicas());
            List<ContainerSnapshot.Replica> after = sites(changed.replicaSiteIds()).stream()
                    .map(site -> before.getOrDefault(site, unreported(site)))
                    .toList();
            return container.withReplicas(after, at);
        }
        if (event instanceof ReplicaStatusReported reported) {
            Map<String, ContainerSnapshot.Replica> replicas = bySite(container.replicas());
            replicas.put(reported.siteId(),
                    new ContainerSnapshot.Replica(reported.siteId(), reported.status(), reported.detail()));
            return container.withReplicas(List.copyOf(replicas.values()), at);
        }
        return container;
    }

    private static List<ContainerSnapshot.Replica> unreported(Set<String> siteIds) {
        return sites(siteIds).stream().map(ContainerFold::unreported).toList();
    }

    private static ContainerSnapshot.Replica unreported(String siteId) {
        return new ContainerSnapshot.Replica(siteId, ReplicaStatus.UNKNOWN, null);
    }

    private static List<String> sites(Set<String> siteIds) {
        return siteIds == null ? List.of() : siteIds.stream().sorted().toList();
    }

    private static Map<String, ContainerSnapshot.Replica> bySite(List<ContainerSnapshot.Replica> replicas) {
        return replicas.stream().collect(Collectors.toMap(ContainerSnapshot.Replica::siteId, Function.identity(),
                (a, b) -> b, TreeMap::new));
    }
}
