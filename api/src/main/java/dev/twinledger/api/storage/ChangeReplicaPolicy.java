package dev.twinledger.api.storage;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/**
 * Replace the set of sites that must hold a replica (at least one, each an existing site).
 */
public record ChangeReplicaPolicy(@TargetAggregateIdentifier String containerId, Set<String> replicaSiteIds) {
}
