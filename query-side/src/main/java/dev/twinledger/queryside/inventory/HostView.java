package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.HostState;

import java.time.Instant;

/**
 * A hypervisor host as the read model knows it.
 *
 * @param id           the host id
 * @param siteId       the site the host stands in
 * @param name         human-readable name
 * @param cpuCores     physical CPU cores
 * @param memoryMib    physical memory in MiB
 * @param state        lifecycle state
 * @param registeredAt when the registration event was stored
 */
public record HostView(String id, String siteId, String name, int cpuCores, long memoryMib, HostState state,
                       Instant registeredAt) {
}
