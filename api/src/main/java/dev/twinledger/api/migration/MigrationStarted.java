package dev.twinledger.api.migration;

/**
 * The platform started executing a migration.
 */
public record MigrationStarted(String migrationId, String vmId, String campaignId) {
}
