package dev.twinledger.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the campaign's process: plan the moves that empty {@code hostId}.
 */
public record PlanHostEvacuation(@TargetAggregateIdentifier String campaignId, String hostId) {
}
