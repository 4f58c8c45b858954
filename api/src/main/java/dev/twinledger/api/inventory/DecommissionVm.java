package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Decommission a virtual machine. Refused when the VM is already decommissioned.
 *
 * @param vmId the VM to decommission; must exist
 */
public record DecommissionVm(@TargetAggregateIdentifier String vmId) {
}
