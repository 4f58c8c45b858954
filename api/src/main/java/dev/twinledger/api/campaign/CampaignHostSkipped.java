package dev.twinledger.api.campaign;

/**
 * A host was given up on; it is named in the report with the reason.
 */
public record CampaignHostSkipped(String campaignId, String hostId, String reason,
                                  CampaignProgress progress) implements CampaignProgressEvent {
}
