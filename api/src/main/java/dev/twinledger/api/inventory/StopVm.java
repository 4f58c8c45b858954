package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stop a VM that is {@link VmState#ACTIVE}; it keeps its place and memory.
 */
public record StopVm(@TargetAggregateIdentifier String vmId) {
}
