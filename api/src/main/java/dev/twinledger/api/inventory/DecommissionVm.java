package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Decommission a VM. Refused while a migration is in flight or a volume is attached.
 */
public record DecommissionVm(@TargetAggregateIdentifier String vmId) {
}
