package dev.twinledger.api.access;

import java.time.Instant;

/** A user became a member of a group for {@code [validFrom, validUntil)}; validUntil null is open-ended. */
public record GroupMemberAdded(String groupId, String username, Instant validFrom, Instant validUntil,
                               String addedBy) {
}
