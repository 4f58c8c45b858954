package dev.twinledger.api.migration;

/**
 * A migration completed: the VM runs on the target, and its memory on the source is released.
 */
public record MigrationCompleted(String migrationId, String vmId, MigrationKind kind, String sourceSiteId,
                                 String sourceHostId,
                                 String targetSiteId, String targetHostId, String previousPlatformId,
                                 String platformId, String campaignId) {
}
