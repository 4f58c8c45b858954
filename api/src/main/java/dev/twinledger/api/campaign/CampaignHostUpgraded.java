package dev.twinledger.api.campaign;

/**
 * The host was reported upgraded; its VMs come back next.
 */
public record CampaignHostUpgraded(String campaignId, String hostId, String softwareVersion,
                                   CampaignProgress progress) implements CampaignProgressEvent {
}
