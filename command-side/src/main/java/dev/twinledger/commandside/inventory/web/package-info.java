/**
 * The REST command endpoints of the inventory: sites, hosts and their lifecycle, projects, VMs and their lifecycle,
 * VM migrations, and volumes.
 */
package dev.twinledger.commandside.inventory.web;
