package dev.twinledger.api.access;

/** A group was created. */
public record GroupCreated(String groupId, String description, String createdBy) {
}
