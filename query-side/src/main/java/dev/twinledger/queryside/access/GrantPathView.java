package dev.twinledger.queryside.access;

import dev.twinledger.policies.grant.EventStamp;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.GrantPath;

import java.time.Instant;

/**
 * How a grant reaches a principal, with its evidence: who granted and approved it, when, and through which events.
 *
 * @param grantId          the grant
 * @param principal        who holds the grant ({@code user:alice} or {@code group:ops})
 * @param role             its role
 * @param scope            where it applies
 * @param via              {@code direct}, or the id of the group it comes through
 * @param grantedBy        who requested (granted) it
 * @param grantedAt        when
 * @param grantEventId     the id of the granting event
 * @param grantPosition    that event's global position
 * @param approvedBy       who approved it, or null when it needed no approval (or is not approved)
 * @param approvedAt       when, or null
 * @param approvalEventId  the approving event's id, or null
 * @param validFrom        when the grant starts
 * @param validUntil       when it ends by itself, or null
 * @param justification    why it was granted
 * @param ticket           the change ticket, or null
 * @param membership       the membership it comes through, or null for a direct grant
 */
public record GrantPathView(String grantId, String principal, String role, ScopeView scope, String via,
                            String grantedBy, Instant grantedAt, String grantEventId, long grantPosition,
                            String approvedBy, Instant approvedAt, String approvalEventId, Instant validFrom,
                            Instant validUntil, String justification, String ticket, MembershipView membership) {

    static GrantPathView of(GrantPath path) {
        Grant grant = path.grant();
        EventStamp approved = grant.approved();
        return new GrantPathView(grant.id(), grant.principal().toString(), grant.role(), ScopeView.of(grant.scope()),
                path.group().orElse("direct"), grant.requested().actor(), grant.requested().at(),
                grant.requested().eventId(), grant.requested().position(),
                approved == null ? null : approved.actor(), approved == null ? null : approved.at(),
                approved == null ? null : approved.eventId(), grant.validity().from(), grant.validity().until(),
                grant.justification().text(), grant.justification().ticket(),
                path.membership() == null ? null : MembershipView.of(path.membership()));
    }
}
