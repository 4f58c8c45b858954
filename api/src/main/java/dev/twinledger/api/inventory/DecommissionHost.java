package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Decommission a host. It must hold no VM (nothing allocated, no migration in flight).
 */
public record DecommissionHost(@TargetAggregateIdentifier String hostId) {
}
