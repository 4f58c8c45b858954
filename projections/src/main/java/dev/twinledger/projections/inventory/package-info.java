/**
 * The inventory read model: sites, projects, hosts, virtual machines and volumes as they are now, built from the
 * inventory events.
 */
package dev.twinledger.projections.inventory;
