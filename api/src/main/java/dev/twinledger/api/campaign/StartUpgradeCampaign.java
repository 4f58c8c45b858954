package dev.twinledger.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start a created campaign.
 */
public record StartUpgradeCampaign(@TargetAggregateIdentifier String campaignId) {
}
