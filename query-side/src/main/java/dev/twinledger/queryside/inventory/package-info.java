/**
 * Inventory queries: sites, projects, hosts (with their memory), virtual machines (with their relations) and
 * volumes from the inventory read model.
 */
package dev.twinledger.queryside.inventory;
