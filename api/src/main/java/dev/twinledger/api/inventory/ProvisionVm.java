package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Provision a virtual machine on a host. Its memory is allocated on the host, which must have that much free.
 *
 * @param vmId        the new VM's id; must not exist yet. Twinledger's id, kept for life, across every migration
 * @param name        human-readable name, not blank
 * @param siteId      the site the VM runs at; must exist
 * @param hostId      the host the VM runs on; must exist, be active, stand in {@code siteId} and have the memory free
 * @param project     the project that owns the VM; must be registered
 * @param environment the environment, not null
 * @param vcpus       virtual CPUs, at least 1
 * @param memoryMib   memory in MiB, at least 1
 * @param platformId  the VM's id on its platform (OpenStack server UUID, VMware managed object id); optional
 */
public record ProvisionVm(@TargetAggregateIdentifier String vmId, String name, String siteId, String hostId,
                          String project, Environment environment, int vcpus, long memoryMib, String platformId) {
}
