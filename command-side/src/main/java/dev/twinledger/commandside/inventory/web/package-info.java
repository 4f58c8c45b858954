/**
 * The REST endpoints that register sites, hosts and projects, provision and decommission VMs, and create, attach,
 * detach and delete volumes.
 */
package dev.twinledger.commandside.inventory.web;
