package dev.twinledger.api.campaign;

/**
 * A paused campaign was resumed.
 */
public record UpgradeCampaignResumed(String campaignId, CampaignProgress progress) implements CampaignProgressEvent {
}
