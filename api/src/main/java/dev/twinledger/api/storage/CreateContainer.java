package dev.twinledger.api.storage;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/**
 * Create an object-storage container with a replica policy.
 *
 * @param containerId    the new container's id; must not exist yet
 * @param name           the container's name on Swift, not blank
 * @param project        the owning project; must be registered
 * @param replicaSiteIds the sites that must hold a replica; at least one, each an existing site
 */
public record CreateContainer(@TargetAggregateIdentifier String containerId, String name, String project,
                              Set<String> replicaSiteIds) {
}
