package dev.twinledger.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Pause a running campaign: migrations in flight finish, no new ones are requested. {@code reason} optional.
 */
public record PauseUpgradeCampaign(@TargetAggregateIdentifier String campaignId, String reason) {
}
