package dev.twinledger.policies.evaluation;

import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.GrantPath;
import dev.twinledger.policies.grant.GroupMembership;
import dev.twinledger.policies.grant.Standing;

/** The sentences decisions are explained with. */
final class Explanations {

    private Explanations() {
    }

    /** For example {@code grant g-1: operator on site=dc1 to group:ops (member since ...); requested by ...}. */
    static String describe(GrantPath path) {
        Grant grant = path.grant();
        StringBuilder text = new StringBuilder("grant ").append(grant.id()).append(": ").append(grant.role())
                .append(" on ").append(grant.scope()).append(" to ").append(grant.principal());
        GroupMembership membership = path.membership();
        if (membership != null) {
            text.append(" (").append(membership.userId()).append(" a member ").append(membership.validity())
                    .append(", added by ").append(membership.added()).append(")");
        }
        text.append(", valid ").append(grant.validity())
                .append("; requested by ").append(grant.requested());
        if (grant.approved() != null) {
            text.append("; approved by ").append(grant.approved());
        }
        text.append("; justification: ").append(grant.justification().text());
        if (grant.justification().ticket() != null) {
            text.append(" (ticket ").append(grant.justification().ticket()).append(")");
        }
        return text.toString();
    }

    /** Why a path with {@code standing} does not count. */
    static String why(GrantPath path, Standing standing) {
        Grant grant = path.grant();
        return switch (standing) {
            case REVOKED -> "revoked by " + grant.revoked();
            case PENDING_APPROVAL -> "awaiting a second person's approval";
            case NOT_YET_VALID -> "valid only from " + grant.validity().from();
            case EXPIRED -> "expired at " + grant.validity().until();
            case MEMBERSHIP_NOT_YET_VALID -> "membership of group " + path.membership().groupId() + " starts at "
                    + path.membership().validity().from();
            case MEMBERSHIP_ENDED -> "membership of group " + path.membership().groupId() + " ended at "
                    + path.membership().validity().until();
            case EFFECTIVE -> throw new IllegalArgumentException("an effective path counts");
        };
    }
}
