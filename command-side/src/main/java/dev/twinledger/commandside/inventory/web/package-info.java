/** The REST endpoints that register sites and hosts and provision and decommission VMs. */
package dev.twinledger.commandside.inventory.web;
