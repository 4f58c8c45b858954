package dev.twinledger.api.campaign;

/**
 * All VMs left a host; the campaign waits until the host is reported upgraded.
 */
public record CampaignHostEvacuated(String campaignId, String hostId,
                                    CampaignProgress progress) implements CampaignProgressEvent {
}
