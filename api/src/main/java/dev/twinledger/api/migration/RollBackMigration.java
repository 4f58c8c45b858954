package dev.twinledger.api.migration;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Report that a migration was rolled back; the VM stays on its source. {@code reason} is required.
 */
public record RollBackMigration(@TargetAggregateIdentifier String vmId, String migrationId, String reason) {
}
