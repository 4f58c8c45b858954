package dev.twinledger.queryside.campaign;

import dev.twinledger.api.campaign.CampaignPhase;

/**
 * Where one host of a campaign stands.
 *
 * @param hostId the host
 * @param phase  PENDING, EVACUATING, AWAITING_UPGRADE, RETURNING, DONE or SKIPPED
 */
public record HostPhaseView(String hostId, CampaignPhase phase) {
}
