package dev.twinledger.api.access;

/** A user's membership of a group ended at the event's time. */
public record GroupMemberRemoved(String groupId, String username, String removedBy, String reason) {
}
