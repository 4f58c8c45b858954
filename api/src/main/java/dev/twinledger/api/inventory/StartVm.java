package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start a VM that is {@link VmState#SHUTOFF}.
 */
public record StartVm(@TargetAggregateIdentifier String vmId) {
}
