package dev.twinledger.api.campaign;

/**
 * A host is upgraded and its VMs are back.
 */
public record CampaignHostCompleted(String campaignId, String hostId,
                                    CampaignProgress progress) implements CampaignProgressEvent {
}
