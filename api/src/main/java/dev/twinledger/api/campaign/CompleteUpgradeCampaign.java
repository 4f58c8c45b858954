package dev.twinledger.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the campaign's process: close a running campaign whose every host is {@link CampaignPhase#DONE} or
 * {@link CampaignPhase#SKIPPED}. Answered by {@link UpgradeCampaignCompleted}, whose report the campaign computes from
 * its own events.
 */
public record CompleteUpgradeCampaign(@TargetAggregateIdentifier String campaignId) {
}
