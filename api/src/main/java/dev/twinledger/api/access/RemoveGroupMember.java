package dev.twinledger.api.access;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a user from a group at once. Needs {@code group:manage} on the group. */
public record RemoveGroupMember(String groupId, String username, String removedBy, String reason) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
