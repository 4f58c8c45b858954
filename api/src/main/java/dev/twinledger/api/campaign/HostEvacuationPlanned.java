package dev.twinledger.api.campaign;

import java.util.List;

/**
 * The moves that empty a host were planned (an empty list means the host was already empty).
 */
public record HostEvacuationPlanned(String campaignId, String hostId, List<PlannedMove> moves,
                                    CampaignProgress progress) implements CampaignProgressEvent {
}
