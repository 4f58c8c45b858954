package dev.twinledger.commandside.campaign.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * Optional body of {@code POST /api/campaigns/{id}/pause}.
 *
 * @param reason why the campaign is paused; recorded on the event
 */
public record PauseCampaignRequest(
        @Schema(example = "tender deadline tonight: no migrations") @Size(max = 500) String reason) {
}
