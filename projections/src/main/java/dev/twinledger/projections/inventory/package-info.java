/** The inventory read model: sites, hosts and virtual machines as they are now, built from inventory events. */
package dev.twinledger.projections.inventory;
