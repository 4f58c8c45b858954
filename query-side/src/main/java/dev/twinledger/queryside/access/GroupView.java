package dev.twinledger.queryside.access;

import java.time.Instant;
import java.util.List;

/**
 * A group governed by the access directory.
 *
 * @param id          the group
 * @param description what it is for
 * @param createdBy   who created it
 * @param createdAt   when
 * @param eventId     the creating event
 * @param asOf        the instant {@code members} are for; null in lists
 * @param members     the members at {@code asOf}, by username; null in lists
 * @param memberships every membership interval ever recorded, oldest first; null in lists
 */
public record GroupView(String id, String description, String createdBy, Instant createdAt, String eventId,
                        Instant asOf, List<MembershipView> members, List<MembershipRecord> memberships) {

    /** This group with its members at {@code asOf} and its membership record. */
    GroupView withMembers(Instant asOf, List<MembershipView> members, List<MembershipRecord> memberships) {
        return new GroupView(id, description, createdBy, createdAt, eventId, asOf, members, memberships);
    }

    /**
     * One membership interval as recorded, with its removal.
     *
     * @param username      the member
     * @param validFrom     when it was to start
     * @param validUntil    when it was to end, or null
     * @param addedBy       who added the user
     * @param addedAt       when
     * @param addedEventId  the adding event
     * @param removedBy     who removed the user, or null
     * @param removedAt     when, or null
     * @param removalReason why, or null
     * @param endedAt       when it actually ended (its end, or the removal if earlier), or null while open-ended
     * @param dropped       whether it was removed before it started, so never took effect
     */
    public record MembershipRecord(String username, Instant validFrom, Instant validUntil, String addedBy,
                                   Instant addedAt, String addedEventId, String removedBy, Instant removedAt,
                                   String removalReason, Instant endedAt, boolean dropped) {
    }
}
