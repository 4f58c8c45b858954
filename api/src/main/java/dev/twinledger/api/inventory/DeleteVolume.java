package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Delete a volume; it must be detached.
 */
public record DeleteVolume(@TargetAggregateIdentifier String volumeId) {
}
