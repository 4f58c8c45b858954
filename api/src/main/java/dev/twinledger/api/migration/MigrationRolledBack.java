package dev.twinledger.api.migration;

/**
 * A migration was rolled back; the VM stays on its source and the target's memory is released.
 */
public record MigrationRolledBack(String migrationId, String vmId, String sourceHostId, String targetHostId,
                                  String reason, String campaignId) {
}
