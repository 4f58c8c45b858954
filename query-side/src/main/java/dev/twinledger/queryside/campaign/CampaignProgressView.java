package dev.twinledger.queryside.campaign;

/**
 * A campaign's progress, from the last campaign event the read model applied.
 *
 * @param hostsTotal          hosts the campaign upgrades
 * @param hostsDone           hosts upgraded with their VMs back
 * @param hostsSkipped        hosts given up on
 * @param migrationsRequested migrations requested so far (retries included)
 * @param migrationsSucceeded migrations completed
 * @param migrationsFailed    migrations failed or rolled back
 * @param migrationsRetried   retries requested
 * @param migrationsPending   migrations requested and not finished
 */
public record CampaignProgressView(int hostsTotal, int hostsDone, int hostsSkipped, int migrationsRequested,
                                   int migrationsSucceeded, int migrationsFailed, int migrationsRetried,
                                   int migrationsPending) {
}
