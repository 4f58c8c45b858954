package dev.twinledger.api.storage;

import java.util.Set;

/**
 * A container's replica policy changed.
 */
public record ReplicaPolicyChanged(String containerId, Set<String> replicaSiteIds, Set<String> previousReplicaSiteIds) {
}
