package dev.twinledger.api.migration;

/**
 * A migration failed; the VM stays on its source and the target's memory is released.
 */
public record MigrationFailed(String migrationId, String vmId, String sourceHostId, String targetHostId,
                              String reason, String campaignId) {
}
