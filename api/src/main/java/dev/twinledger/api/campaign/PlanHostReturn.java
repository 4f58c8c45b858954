package dev.twinledger.api.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the campaign's process: plan the moves that bring a host's VMs back after its upgrade.
 */
public record PlanHostReturn(@TargetAggregateIdentifier String campaignId, String hostId) {
}
