package dev.twinledger.queryside.campaign;

import dev.twinledger.api.campaign.CampaignState;

import java.time.Instant;

/**
 * An upgrade campaign as the list shows it.
 *
 * @param id            the campaign id
 * @param name          human-readable name
 * @param siteId        the site whose hosts it upgrades
 * @param targetVersion the version the hosts are upgraded to
 * @param state         CREATED, RUNNING, PAUSED or COMPLETED
 * @param currentHostId the host being worked on, or null
 * @param progress      counts of hosts and migrations
 * @param createdAt     when it was created
 * @param startedAt     when it first started, or null
 * @param pausedAt      when it was paused, while paused; else null
 * @param pauseReason   why it was paused, while paused; else null
 * @param completedAt   when it completed, or null
 * @param updatedAt     when its last event was stored
 */
public record CampaignView(String id, String name, String siteId, String targetVersion, CampaignState state,
                           String currentHostId, CampaignProgressView progress, Instant createdAt, Instant startedAt,
                           Instant pausedAt, String pauseReason, Instant completedAt, Instant updatedAt) {
}
