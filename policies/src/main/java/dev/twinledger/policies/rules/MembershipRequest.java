package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.Validity;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone asks to add a user to a group for an interval.
 *
 * @param groupId   the group; not null
 * @param userId    the user to add; not null
 * @param validity  when the user would be a member; not null
 * @param requester the user asking; not null
 * @param at        when the request is judged (now); not null
 */
public record MembershipRequest(String groupId, String userId, Validity validity, String requester, Instant at) {

    /** Checks for nulls. */
    public MembershipRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(at, "at");
    }
}
