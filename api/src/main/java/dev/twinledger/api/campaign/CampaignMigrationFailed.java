package dev.twinledger.api.campaign;

/**
 * A campaign migration failed or was rolled back.
 *
 * @param retry the retry that replaces it, or null when the move is given up (after {@code maxAttempts})
 */
public record CampaignMigrationFailed(String campaignId, String hostId, PlannedMove move, String reason,
                                      PlannedMove retry,
                                      CampaignProgress progress) implements CampaignProgressEvent {
}
