package dev.twinledger.queryside.capacity;

import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.inventory.HostState;

/**
 * Memory of one host, in MiB.
 *
 * @param hostId             the host
 * @param siteId             its site
 * @param name               its name
 * @param state              ACTIVE or MAINTENANCE (decommissioned hosts offer nothing and are left out)
 * @param temporary          whether it is temporary capacity
 * @param physicalMib        physical memory
 * @param reservedMib        memory kept for the hypervisor
 * @param overcommitRatio    memory overcommit ratio
 * @param capacityMib        memory offered to VMs: floor((physical - reserved) * overcommit)
 * @param allocatedMib       memory allocated to VMs
 * @param freeMib            capacity minus allocated
 * @param utilizationPercent allocated / capacity * 100, two decimals
 * @param openAlert          the severity of the host's open capacity alert, or null
 */
public record HostCapacityView(String hostId, String siteId, String name, HostState state, boolean temporary,
                               long physicalMib, long reservedMib, double overcommitRatio, long capacityMib,
                               long allocatedMib, long freeMib, double utilizationPercent, AlertSeverity openAlert) {
}
