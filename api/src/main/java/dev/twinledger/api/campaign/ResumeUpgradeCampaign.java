package dev.twinledger.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Resume a paused campaign.
 */
public record ResumeUpgradeCampaign(@TargetAggregateIdentifier String campaignId) {
}
