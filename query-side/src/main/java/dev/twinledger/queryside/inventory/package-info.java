/** Inventory queries: sites, hosts and virtual machines from the inventory read model. */
package dev.twinledger.queryside.inventory;
