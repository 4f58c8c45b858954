/**
 * The inventory aggregates (sites, hosts, virtual machines, projects, volumes) and the consistent, event-store-backed
 * lookup their cross-aggregate rules use.
 */
package dev.twinledger.commandside.inventory;
