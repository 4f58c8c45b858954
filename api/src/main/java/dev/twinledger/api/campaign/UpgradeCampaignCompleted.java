package dev.twinledger.api.campaign;

/**
 * A campaign finished, with its report.
 */
public record UpgradeCampaignCompleted(String campaignId, CampaignReport report,
                                       CampaignProgress progress) implements CampaignProgressEvent {
}
