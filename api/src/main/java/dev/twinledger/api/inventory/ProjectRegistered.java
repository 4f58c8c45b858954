package dev.twinledger.api.inventory;

/**
 * A project was registered.
 */
public record ProjectRegistered(String projectId, String name, String description) {
}
