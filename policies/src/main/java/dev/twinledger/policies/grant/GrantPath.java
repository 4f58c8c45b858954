package dev.twinledger.policies.grant;

import java.time.Instant;
import java.util.Optional;

/**
 * How a grant reaches a principal: directly, or to a user through one membership of the group that holds it.
 *
 * @param grant      the grant; not null
 * @param membership the membership it comes through, or null when the grant is the principal's own; when set, the
 *                   grant's principal is that membership's group
 */
public record GrantPath(Grant grant, GroupMembership membership) {

    /** Checks that a membership path leads to the group's own grant. */
    public GrantPath {
        if (membership != null && !grant.principal().equals(membership.group())) {
            throw new IllegalArgumentException("grant " + grant.id() + " is not held by group " + membership.groupId());
        }
    }

    /** A grant held by the principal itself. */
    public static GrantPath direct(Grant grant) {
        return new GrantPath(grant, null);
    }

    /** The group the grant came through, if any. */
    public Optional<String> group() {
        return Optional.ofNullable(membership).map(GroupMembership::groupId);
    }

    /** Whether both the grant and the membership (if any) had been recorded by {@code at}. */
    public boolean existsAt(Instant at) {
        return grant.existsAt(at) && (membership == null || membership.existsAt(at));
    }

    /** When the path gives anything: the grant's validity, cut to the membership's; empty if they never meet. */
    public Optional<Validity> window() {
        return membership == null ? Optional.of(grant.validity())
                : grant.validity().intersection(membership.validity());
    }

    /** Whether the path counts at {@code at}, and if not, why not (see {@link Standing} for the order). */
    public Standing standingAt(Instant at) {
        GrantStatus status = grant.statusAt(at);
        if (status == GrantStatus.REVOKED) {
            return Standing.REVOKED;
        }
        if (status == GrantStatus.PENDING_APPROVAL) {
            return Standing.PENDING_APPROVAL;
        }
        if (grant.validity().startsAfter(at)) {
            return Standing.NOT_YET_VALID;
        }
        if (grant.validity().hasEndedBy(at)) {
            return Standing.EXPIRED;
        }
        if (membership != null && membership.validity().startsAfter(at)) {
            return Standing.MEMBERSHIP_NOT_YET_VALID;
        }
        if (membership != null && membership.validity().hasEndedBy(at)) {
            return Standing.MEMBERSHIP_ENDED;
        }
        return Standing.EFFECTIVE;
    }
}
