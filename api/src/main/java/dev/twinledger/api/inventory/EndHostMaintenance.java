package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Bring a host in maintenance back to {@link HostState#ACTIVE}.
 */
public record EndHostMaintenance(@TargetAggregateIdentifier String hostId) {
}
