package dev.twinledger.api.access;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a user to a group, optionally for a limited time. Needs {@code group:manage} on the group; the group's grants
 * reach the user, so the rules for a grant (no escalation, separation of duties) apply to each of them.
 *
 * @param groupId    an existing group
 * @param username   the user's Keycloak username
 * @param validFrom  when the membership starts; null for now
 * @param validUntil when it ends by itself; null for open-ended
 * @param addedBy    who adds (from the token)
 */
public record AddGroupMember(String groupId, String username, Instant validFrom, Instant validUntil,
                             String addedBy) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
