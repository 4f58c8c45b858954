package dev.twinledger.api.campaign;

/**
 * A campaign migration completed.
 */
public record CampaignMigrationSucceeded(String campaignId, String hostId, PlannedMove move,
                                         CampaignProgress progress) implements CampaignProgressEvent {
}
