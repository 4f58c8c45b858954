package dev.twinledger.api.campaign;

import java.util.List;

/**
 * An upgrade campaign was created.
 */
public record UpgradeCampaignCreated(String campaignId, String name, String siteId, List<String> hostIds,
                                     List<String> temporaryHostIds, String targetVersion, int maxAttempts,
                                     long migrationTimeoutSeconds,
                                     CampaignProgress progress) implements CampaignProgressEvent {
}
