package dev.twinledger.policies.grant;

import java.time.Instant;
import java.util.Objects;

/**
 * One interval during which a user belongs to a group. A user who leaves and rejoins has two memberships. Removing
 * a member ends the interval: whoever folds the events sets {@code validity}'s end to the removal's instant.
 *
 * @param groupId  the group; not blank
 * @param userId   the member; not blank (groups do not nest)
 * @param validity when the user is a member; not null
 * @param added    who added the user, when, through which event; not null. The membership does not exist before
 *                 {@code added.at()}
 */
public record GroupMembership(String groupId, String userId, Validity validity, EventStamp added) {

    /** Checks the fields: null gives {@link NullPointerException}, a blank id {@link IllegalArgumentException}. */
    public GroupMembership {
        Principal.requireId(groupId, "group id");
        Principal.requireId(userId, "user id");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(added, "added");
    }

    /** Whether the membership had been recorded by {@code at}. */
    public boolean existsAt(Instant at) {
        return !at.isBefore(added.at());
    }

    /** The group as a principal. */
    public Principal group() {
        return Principal.group(groupId);
    }
}
