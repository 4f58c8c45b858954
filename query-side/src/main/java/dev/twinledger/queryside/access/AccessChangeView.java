package dev.twinledger.queryside.access;

import java.time.Instant;

/**
 * One change of a principal's access, with who made it and why.
 *
 * @param position   the event's global position (the history's order)
 * @param change     {@code GRANTED}, {@code APPROVED}, {@code REJECTED}, {@code REVOKED}, {@code EXPIRED},
 *                   {@code ADDED_TO_GROUP} or {@code REMOVED_FROM_GROUP}
 * @param principal  whose access changed
 * @param grantId    the grant concerned, or null for a membership change
 * @param role       the grant's role, or null
 * @param scope      the grant's scope, or null for a membership change
 * @param groupId    the group concerned, or null for a grant change
 * @param validFrom  the grant's or membership's start, where the change sets one
 * @param validUntil its end, or null
 * @param actor      who made the change
 * @param why        the justification or reason given, or null
 * @param ticket     the change ticket, or null
 * @param occurredAt when
 * @param eventId    the event that records it
 */
public record AccessChangeView(long position, String change, String principal, String grantId, String role,
                               ScopeView scope, String groupId, Instant validFrom, Instant validUntil, String actor,
                               String why, String ticket, Instant occurredAt, String eventId) {
}
