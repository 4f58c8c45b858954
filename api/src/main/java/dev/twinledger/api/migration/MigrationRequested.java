package dev.twinledger.api.migration;

import dev.twinledger.api.inventory.Platform;

/**
 * A migration was requested and memory allocated on the target.
 */
public record MigrationRequested(String migrationId, String vmId, MigrationKind kind, String sourceSiteId,
                                 String sourceHostId,
                                 Platform sourcePlatform, String targetSiteId, String targetHostId,
                                 Platform targetPlatform, long memoryMib, String campaignId) {
}
