package dev.twinledger.queryside.campaign;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.twinledger.api.campaign.CampaignReport;

import java.util.List;

/**
 * An upgrade campaign in full, answered by {@code GET /api/campaigns/{id}}: the list's fields at the top level, then
 * its plan, every host's phase, every failed move and, once completed, its report.
 *
 * @param campaign                the campaign as the list shows it, unwrapped
 * @param hostIds                 the hosts to upgrade, in order
 * @param temporaryHostIds        the hosts lent as temporary capacity
 * @param maxAttempts             attempts per move before it is given up
 * @param migrationTimeoutSeconds how long a migration may stay unfinished
 * @param hostPhases              each host to upgrade with its phase, in campaign order
 * @param failures                failed or rolled-back migrations, in the order they happened
 * @param report                  the closing report; null until completed
 */
public record CampaignDetailView(@JsonUnwrapped CampaignView campaign, List<String> hostIds,
                                 List<String> temporaryHostIds, int maxAttempts, long migrationTimeoutSeconds,
                                 List<HostPhaseView> hostPhases, List<CampaignFailureView> failures,
                                 CampaignReport report) {
}
