package dev.twinledger.queryside.capacity;

import dev.twinledger.api.inventory.Platform;

/**
 * Memory of one site, summed over its hosts that are not decommissioned, in MiB.
 *
 * @param siteId             the site
 * @param name               its name; null while its registration has not arrived (its hosts' have)
 * @param platform           its platform; null likewise
 * @param hosts              hosts counted (active and in maintenance)
 * @param activeHosts        hosts that accept VMs
 * @param maintenanceHosts   hosts in maintenance
 * @param temporaryHosts     hosts that are temporary capacity
 * @param physicalMib        physical memory
 * @param reservedMib        memory kept for the hypervisors
 * @param capacityMib        memory offered to VMs
 * @param allocatedMib       memory allocated to VMs
 * @param freeMib            capacity minus allocated
 * @param freeOnActiveMib    free memory on active hosts only: what new VMs and migrations can use
 * @param utilizationPercent allocated / capacity * 100, two decimals
 */
public record SiteCapacityView(String siteId, String name, Platform platform, long hosts, long activeHosts,
                               long maintenanceHosts, long temporaryHosts, long physicalMib, long reservedMib,
                               long capacityMib, long allocatedMib, long freeMib, long freeOnActiveMib,
                               double utilizationPercent) {
}
