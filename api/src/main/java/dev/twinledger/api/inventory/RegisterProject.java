package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register a project (tenant) that owns workloads.
 *
 * @param projectId   the new project's id; must not exist yet
 * @param name        human-readable name, not blank
 * @param description optional free text, at most 500 characters
 */
public record RegisterProject(@TargetAggregateIdentifier String projectId, String name, String description) {
}
