package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Detach a volume from the VM it is attached to.
 */
public record DetachVolume(@TargetAggregateIdentifier String volumeId) {
}
