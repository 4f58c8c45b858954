package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;

import java.time.Instant;

/**
 * A hypervisor host as the read model knows it, with its memory. Memory is in MiB.
 *
 * @param id                 the host id
 * @param siteId             the site the host stands in
 * @param platform           the platform of that site; null while the site's registration has not arrived
 * @param name               human-readable name
 * @param cpuCores           physical CPU cores
 * @param memoryMib          physical memory
 * @param reservedMemoryMib  memory kept for the hypervisor
 * @param overcommitRatio    memory overcommit ratio (1.0 = none)
 * @param capacityMib        memory offered to VMs: floor((memory - reserved) * overcommit)
 * @param allocatedMib       memory allocated to VMs (including the target side of migrations in flight)
 * @param freeMib            capacity minus allocated
 * @param utilizationPercent allocated / capacity * 100, two decimals
 * @param temporary          whether the host is temporary capacity
 * @param softwareVersion    the platform version last reported installed; null until the first upgrade
 * @param state              ACTIVE, MAINTENANCE or DECOMMISSIONED
 * @param registeredAt       when the registration event was stored
 * @param upgradedAt         when the last upgrade was recorded; null before
 * @param decommissionedAt   when it was decommissioned; null before
 */
public record HostView(String id, String siteId, Platform platform, String name, int cpuCores, long memoryMib,
                       long reservedMemoryMib, double overcommitRatio, long capacityMib, long allocatedMib,
                       long freeMib, double utilizationPercent, boolean temporary, String softwareVersion,
                       HostState state, Instant registeredAt, Instant upgradedAt, Instant decommissionedAt) {
}
