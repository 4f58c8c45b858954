package dev.twinledger.api.migration;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Report that a migration failed; the VM stays on its source. {@code reason} is required.
 */
public record FailMigration(@TargetAggregateIdentifier String vmId, String migrationId, String reason) {
}
