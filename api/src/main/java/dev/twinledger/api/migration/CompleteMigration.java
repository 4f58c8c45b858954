package dev.twinledger.api.migration;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Report that a migration finished; the VM now runs on the target.
 *
 * @param newPlatformId the VM's id on the target platform; required for a cross-platform migration, optional otherwise
 *                      (the platform id is kept)
 */
public record CompleteMigration(@TargetAggregateIdentifier String vmId, String migrationId, String newPlatformId) {
}
