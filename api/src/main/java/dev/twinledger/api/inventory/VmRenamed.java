package dev.twinledger.api.inventory;

/**
 * A VM was renamed.
 */
public record VmRenamed(String vmId, String name, String previousName) {
}
