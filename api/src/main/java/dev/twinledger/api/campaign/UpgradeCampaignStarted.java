package dev.twinledger.api.campaign;

/**
 * A campaign started.
 */
public record UpgradeCampaignStarted(String campaignId, CampaignProgress progress) implements CampaignProgressEvent {
}
