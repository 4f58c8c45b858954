package dev.twinledger.api.campaign;

/**
 * A campaign was paused.
 */
public record UpgradeCampaignPaused(String campaignId, String reason,
                                    CampaignProgress progress) implements CampaignProgressEvent {
}
