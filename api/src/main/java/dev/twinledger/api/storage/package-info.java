/**
 * Object storage (OpenStack Swift) containers, their replication policy across sites, and replica status per site.
 * Axon stores event class names, so renaming or moving a record here is a schema change.
 */
package dev.twinledger.api.storage;
