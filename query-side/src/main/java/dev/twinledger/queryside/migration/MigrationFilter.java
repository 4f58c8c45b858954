package dev.twinledger.queryside.migration;

import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationState;

/**
 * What {@code GET /api/migrations} asks for; every filter optional, combined with AND.
 *
 * @param vmId       only this VM's migrations
 * @param state      only migrations in this state
 * @param campaignId only this campaign's migrations
 * @param kind       only migrations of this kind
 * @param newestFirst order by request, newest first (otherwise oldest first)
 * @param page       zero-based page number
 * @param size       page size, 1 to 500
 */
public record MigrationFilter(String vmId, MigrationState state, String campaignId, MigrationKind kind,
                              boolean newestFirst, int page, int size) {
}
