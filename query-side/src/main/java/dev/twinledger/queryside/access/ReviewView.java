package dev.twinledger.queryside.access;

import java.time.Instant;
import java.util.List;

/**
 * An access review: the grants under a scope listed for a reviewer, and, once closed, its outcome.
 *
 * @param id             the review
 * @param scope          the scope under review
 * @param reviewer       who decides each grant
 * @param deadline       when it closes by itself, or null
 * @param startedBy      who started it
 * @param startedAt      when
 * @param state          {@code OPEN} or {@code CLOSED}
 * @param closedBy       who closed it ({@code system} at the deadline), or null
 * @param closedAt       when, or null
 * @param confirmed      grants confirmed, once closed
 * @param revoked        grants revoked, once closed
 * @param deadlinePassed whether it closed because its deadline passed, once closed
 * @param items          the listed grants with their decisions; null in lists
 */
public record ReviewView(String id, ScopeView scope, String reviewer, Instant deadline, String startedBy,
                         Instant startedAt, String state, String closedBy, Instant closedAt, Integer confirmed,
                         Integer revoked, Boolean deadlinePassed, List<Item> items) {

    /** This review with its items. */
    ReviewView withItems(List<Item> items) {
        return new ReviewView(id, scope, reviewer, deadline, startedBy, startedAt, state, closedBy, closedAt,
                confirmed, revoked, deadlinePassed, items);
    }

    /**
     * One grant listed in a review.
     *
     * @param grantId         the grant
     * @param principal       who holds it, or null when the read model lacks the grant
     * @param role            its role, or null
     * @param scope           its scope, or null
     * @param outcome         {@code CONFIRMED} or {@code REVOKED}; null while undecided
     * @param comment         the reviewer's comment, or null
     * @param decidedBy       who decided, or null
     * @param decidedAt       when, or null
     * @param decisionEventId the deciding event, or null
     * @param unreviewed      whether nobody has decided it
     * @param flagged         whether the review closed with it undecided (flagged for follow-up)
     */
    public record Item(String grantId, String principal, String role, ScopeView scope, String outcome, String comment,
                       String decidedBy, Instant decidedAt, String decisionEventId, boolean unreviewed,
                       boolean flagged) {
    }
}
