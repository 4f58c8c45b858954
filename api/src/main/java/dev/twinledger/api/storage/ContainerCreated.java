package dev.twinledger.api.storage;

import java.util.Set;

/**
 * A container was created; each replica site starts {@link ReplicaStatus#UNKNOWN}.
 */
public record ContainerCreated(String containerId, String name, String project, Set<String> replicaSiteIds) {
}
