package dev.twinledger.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register a hypervisor host at a site.
 *
 * @param hostId    the new host's id; must not exist yet
 * @param siteId    the site the host stands in; the site must exist
 * @param name      human-readable name (e.g. the hostname), not blank
 * @param cpuCores  physical CPU cores, at least 1
 * @param memoryMib physical memory in MiB, at least 1
 */
public record RegisterHost(@TargetAggregateIdentifier String hostId, String siteId, String name, int cpuCores,
                           long memoryMib) {
}
