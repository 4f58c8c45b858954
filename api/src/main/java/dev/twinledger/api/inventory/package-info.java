/**
 * Inventory messages: sites, hosts and virtual machines. Axon stores event class names, so renaming or moving a
 * record here is a schema change.
 */
package dev.twinledger.api.inventory;
