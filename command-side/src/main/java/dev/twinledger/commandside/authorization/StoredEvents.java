package dev.twinledger.commandside.authorization;

import java.util.List;
import java.util.Optional;

/**
 * Reads aggregate streams straight from the event store, committed events only. What authorization needs of the
 * store, kept narrow so the fold and the locator can be tested without a database.
 */
public interface StoredEvents {

    /** The events of {@code aggregateId} with a sequence number above {@code afterSequence}, in sequence order. */
    List<StoredEvent> after(String aggregateId, long afterSequence);

    /** The payload of the first event (sequence 0) of {@code aggregateId}'s stream; empty when it has none. */
    Optional<Object> first(String aggregateId);

    /** The payload of the latest event of {@code type} in {@code aggregateId}'s stream; empty when there is none. */
    <T> Optional<T> latest(String aggregateId, Class<T> type);
}
