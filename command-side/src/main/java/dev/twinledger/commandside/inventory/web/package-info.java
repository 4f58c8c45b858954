/**
 * The REST command endpoints of the inventory: sites, hosts and their lifecycle, VMs and their lifecycle, and VM
 * migrations.
 */
package dev.twinledger.commandside.inventory.web;
