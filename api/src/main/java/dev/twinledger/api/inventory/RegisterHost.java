package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register a hypervisor host at a site.
 *
 * <p>The memory a host offers to VMs is {@code floor((memoryMib - reservedMemoryMib) * overcommitRatio)}.
 *
 * @param hostId            the new host's id; must not exist yet
 * @param siteId            the site the host stands in; the site must exist
 * @param name              human-readable name (e.g. the hostname), not blank
 * @param cpuCores          physical CPU cores, at least 1
 * @param memoryMib         physical memory in MiB, at least 1
 * @param reservedMemoryMib memory kept for the hypervisor itself, in MiB, at least 0 and below {@code memoryMib}
 * @param overcommitRatio   memory overcommit ratio, from 1.0 (none) to 4.0
 * @param temporary         whether the host is temporary capacity (e.g. spare servers lent to an upgrade campaign)
 */
public record RegisterHost(@TargetAggregateIdentifier String hostId, String siteId, String name, int cpuCores,
                           long memoryMib,
                           long reservedMemoryMib, double overcommitRatio, boolean temporary) {
}
