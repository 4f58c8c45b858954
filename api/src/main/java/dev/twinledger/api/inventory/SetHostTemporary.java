package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Mark a host as temporary capacity, or as permanent again.
 */
public record SetHostTemporary(@TargetAggregateIdentifier String hostId, boolean temporary) {
}
