package dev.twinledger.queryside.campaign;

import java.time.Instant;

/**
 * A campaign migration that failed or was rolled back, and what became of the move.
 *
 * @param migrationId      the failed migration
 * @param vmId             the VM
 * @param hostId           the campaign host being worked on
 * @param fromHostId       where the VM was to move from
 * @param toHostId         where it was to move to
 * @param attempt          1 for the first attempt
 * @param reason           why it failed
 * @param retryMigrationId the migration retrying the move, or null when the move was given up
 * @param failedAt         when the failure was recorded
 */
public record CampaignFailureView(String migrationId, String vmId, String hostId, String fromHostId, String toHostId,
                                  int attempt, String reason, String retryMigrationId, Instant failedAt) {
}
