package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change a VM's size. Growing memory needs that much free on its host; refused while a migration is in flight.
 *
 * @param vcpus     virtual CPUs, at least 1
 * @param memoryMib memory in MiB, at least 1
 */
public record ResizeVm(@TargetAggregateIdentifier String vmId, int vcpus, long memoryMib) {
}
