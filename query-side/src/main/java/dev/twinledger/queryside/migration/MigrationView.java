package dev.twinledger.queryside.migration;

import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationState;

import java.time.Instant;

/**
 * A migration of a VM as the read model knows it.
 *
 * @param id                 the migration id (unique among its VM's migrations)
 * @param vmId               the VM
 * @param kind               HOST_TO_HOST, SITE_TO_SITE or CROSS_PLATFORM
 * @param state              REQUESTED, IN_PROGRESS, COMPLETED, FAILED or ROLLED_BACK
 * @param sourceSiteId       where the VM ran
 * @param sourceHostId       the host it ran on
 * @param sourcePlatform     the platform of the source site
 * @param targetSiteId       where it goes
 * @param targetHostId       the host it goes to
 * @param targetPlatform     the platform of the target site
 * @param memoryMib          the memory allocated on the target
 * @param previousPlatformId the VM's platform id before; set once completed
 * @param platformId         the VM's platform id after; set once completed
 * @param campaignId         the upgrade campaign it belongs to, or null
 * @param reason             why it failed or was rolled back, or null
 * @param requestedAt        when it was requested
 * @param startedAt          when the platform started it, or null
 * @param finishedAt         when it completed, failed or was rolled back, or null
 * @param requestedPosition  the global position of the request (the order of migrations)
 */
public record MigrationView(String id, String vmId, MigrationKind kind, MigrationState state, String sourceSiteId,
                            String sourceHostId, Platform sourcePlatform, String targetSiteId, String targetHostId,
                            Platform targetPlatform, long memoryMib, String previousPlatformId, String platformId,
                            String campaignId, String reason, Instant requestedAt, Instant startedAt,
                            Instant finishedAt, long requestedPosition) {
}
