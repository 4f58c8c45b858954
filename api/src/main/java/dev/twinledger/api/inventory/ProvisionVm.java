package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Provision a virtual machine on a host.
 *
 * @param vmId        the new VM's id; must not exist yet
 * @param name        human-readable name, not blank
 * @param siteId      the site the VM runs at; must exist
 * @param hostId      the host the VM runs on; must exist, be active and stand in {@code siteId}
 * @param project     the project that owns the VM, not blank
 * @param environment the environment, not null
 * @param vcpus       virtual CPUs, at least 1
 * @param memoryMib   memory in MiB, at least 1
 */
public record ProvisionVm(@TargetAggregateIdentifier String vmId, String name, String siteId, String hostId,
                          String project, Environment environment, int vcpus, long memoryMib) {
}
