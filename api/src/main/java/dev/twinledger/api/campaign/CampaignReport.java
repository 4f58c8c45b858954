package dev.twinledger.api.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The closing report of a campaign.
 *
 * @param vmsMoved            distinct VMs that moved at least once
 * @param migrationsSucceeded completed migrations
 * @param migrationsFailed    failed or rolled-back migrations
 * @param migrationsRetried   retries requested after a failure
 * @param migrationsAbandoned moves given up after the last attempt
 * @param hostsUpgraded       hosts upgraded, in order
 * @param hostsSkipped        hosts not upgraded, with the reason
 * @param startedAt           when the campaign started
 * @param completedAt         when it completed
 * @param durationSeconds     completedAt - startedAt, in whole seconds
 */
public record CampaignReport(int vmsMoved, int migrationsSucceeded, int migrationsFailed, int migrationsRetried,
                             int migrationsAbandoned, List<String> hostsUpgraded, Map<String, String> hostsSkipped,
                             Instant startedAt, Instant completedAt, long durationSeconds) {
}
