package dev.twinledger.policies.grant;

import java.time.Instant;
import java.util.Objects;

/**
 * Who did something to a grant or membership, when, and which stored event records it: what a check cites as its
 * evidence.
 *
 * @param actor    the user who acted (requester, approver, revoker); not blank
 * @param at       when the event was recorded; not null
 * @param eventId  the stored event's id; not blank
 * @param position the event's global position in the event store; zero or more
 */
public record EventStamp(String actor, Instant at, String eventId, long position) {

    /**
     * Checks every field: null gives {@link NullPointerException}, blank or negative {@link IllegalArgumentException}.
     */
    public EventStamp {
        Principal.requireId(actor, "actor");
        Objects.requireNonNull(at, "at");
        Principal.requireId(eventId, "event id");
        if (position < 0) {
            throw new IllegalArgumentException("event position must be zero or more, was " + position);
        }
    }

    /** For example {@code alice at 2025-01-01T00:00:00Z (event e-1 at position 17)}. */
    @Override
    public String toString() {
        return actor + " at " + at + " (event " + eventId + " at position " + position + ")";
    }
}
