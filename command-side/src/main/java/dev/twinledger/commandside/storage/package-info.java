/**
 * Object-storage (Swift) containers: their replica policy across sites and the replica status per site, checked
 * against the inventory through the event-store-backed lookup.
 */
package dev.twinledger.commandside.storage;
