package dev.twinledger.api.campaign;

import java.util.List;

/**
 * The moves that bring a host's VMs back were planned.
 */
public record HostReturnPlanned(String campaignId, String hostId, List<PlannedMove> moves,
                                CampaignProgress progress) implements CampaignProgressEvent {
}
