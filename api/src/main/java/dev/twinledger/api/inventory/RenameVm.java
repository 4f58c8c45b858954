package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Rename a VM.
 */
public record RenameVm(@TargetAggregateIdentifier String vmId, String name) {
}
