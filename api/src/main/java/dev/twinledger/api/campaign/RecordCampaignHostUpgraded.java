package dev.twinledger.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the campaign's process: the host was reported upgraded (the inventory's {@code HostUpgraded}). Accepted only
 * while the host is {@link CampaignPhase#AWAITING_UPGRADE} and only for the campaign's target version; answered by
 * {@link CampaignHostUpgraded}, after which the host's VMs come back.
 *
 * @param campaignId      the campaign
 * @param hostId          one of the campaign's hosts
 * @param softwareVersion the version the host reported, not blank; must equal the campaign's target version
 */
public record RecordCampaignHostUpgraded(@TargetAggregateIdentifier String campaignId, String hostId,
                                         String softwareVersion) {
}
