package dev.twinledger.api.migration;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Report that the platform started executing a requested migration.
 */
public record StartMigration(@TargetAggregateIdentifier String vmId, String migrationId) {
}
