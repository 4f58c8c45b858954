package dev.twinledger.api.access;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a group. Groups do not nest. Needs {@code group:manage} on the group.
 *
 * @param groupId     the group's id, in the resource-id shape; also its Keycloak group name
 * @param description what the group is for, not blank
 * @param createdBy   who creates it (from the token)
 */
public record CreateGroup(String groupId, String description, String createdBy) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
