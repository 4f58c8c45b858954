package dev.twinledger.api.campaign;

import java.util.Map;

/**
 * A campaign's progress after the event that carries it.
 *
 * @param state               the campaign's state
 * @param currentHostId       the host being worked on, or null
 * @param hostPhases          each host to upgrade with its phase, in campaign order
 * @param migrationsRequested migrations planned so far, retries included (a paused campaign holds planned ones
 *                            back from the platform until it resumes)
 * @param migrationsSucceeded migrations completed so far
 * @param migrationsFailed    migrations that failed or were rolled back (each may have been retried)
 * @param migrationsRetried   retries requested
 * @param migrationsPending   planned migrations not yet finished, including those a pause holds back
 */
public record CampaignProgress(CampaignState state, String currentHostId, Map<String, CampaignPhase> hostPhases,
                               int migrationsRequested, int migrationsSucceeded, int migrationsFailed,
                               int migrationsRetried, int migrationsPending) {
}
