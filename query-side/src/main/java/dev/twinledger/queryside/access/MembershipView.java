package dev.twinledger.queryside.access;

import dev.twinledger.policies.grant.GroupMembership;

import java.time.Instant;

/**
 * One interval of a user's membership of a group.
 *
 * @param groupId       the group
 * @param username      the member
 * @param validFrom     when the membership starts
 * @param validUntil    when it ends (set by a removal too), or null for open-ended
 * @param addedBy       who added the user
 * @param addedAt       when
 * @param addedEventId  the id of the event that added the user
 * @param addedPosition that event's global position
 */
public record MembershipView(String groupId, String username, Instant validFrom, Instant validUntil, String addedBy,
                             Instant addedAt, String addedEventId, long addedPosition) {

    static MembershipView of(GroupMembership membership) {
        return new MembershipView(membership.groupId(), membership.userId(), membership.validity().from(),
                membership.validity().until(), membership.added().actor(), membership.added().at(),
                membership.added().eventId(), membership.added().position());
    }
}
