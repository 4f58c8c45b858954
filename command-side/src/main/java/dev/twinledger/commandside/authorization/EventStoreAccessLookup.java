package dev.twinledger.commandside.authorization;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.policies.grant.EventStamp;
import dev.twinledger.policies.history.AccessHistory;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link AccessLookup} folded from the access directory's stream in the event store with {@link AccessHistory#apply},
 * incrementally: it keeps the folded history and the sequence number of the last event in it, and each
 * {@link #current()} reads only the directory's events after that sequence number (one indexed query, no rows when
 * nothing is new). The sequence numbers of one aggregate's stream commit in order (the next one is written only
 * after the previous one is read back; the unique (aggregate id, sequence) constraint settles races between
 * instances), so "after the last sequence folded" misses nothing, unlike a cursor over global positions, which
 * commit out of order.
 *
 * <p>Thread-safe: the store is read outside any lock; folding and publishing the result take a short lock, and a
 * reader that finds another reader already further along folds only what the other did not.
 */
public final class EventStoreAccessLookup implements AccessLookup {

    /** The actor recorded for events without a username in their metadata (the service's own commands). */
    public static final String SYSTEM = "system";

    private final StoredEvents store;
    private final AtomicReference<Folded> folded = new AtomicReference<>(Folded.NOTHING);
    private final Object foldLock = new Object();

    public EventStoreAccessLookup(StoredEvents store) {
        this.store = store;
    }

    @Override
    public AccessHistory current() {
        return refresh().history();
    }

    @Override
    public Instant latestEventAt() {
        return folded.get().latestAt();
    }

    /** The sequence number of the last directory event folded in, or -1 when none; for tests and diagnostics. */
    public long lastSequence() {
        return folded.get().sequence();
    }

    private Folded refresh() {
        Folded seen = folded.get();
        List<StoredEvent> newer = store.after(AccessDirectory.ID, seen.sequence());
        if (newer.isEmpty()) {
            // Nothing committed after what this instance holds: it already includes everything committed before the
            // call (another thread may be further along by now, which is fine too).
            return folded.get();
        }
        synchronized (foldLock) {
            Folded next = folded.get();
            for (StoredEvent event : newer) {
                if (event.sequence() > next.sequence()) {
                    next = next.with(event);
                }
            }
            folded.set(next);
            return next;
        }
    }

    /** The stamp a folded event carries: its actor (or {@value #SYSTEM}), time, id and global position. */
    static EventStamp stampOf(StoredEvent event) {
        Object actor = event.metadata().get(EventMetadata.ACTOR_USERNAME);
        String username = actor == null || actor.toString().isBlank() ? SYSTEM : actor.toString();
        return new EventStamp(username, event.timestamp(), event.eventId(), event.globalIndex());
    }

    private record Folded(AccessHistory history, long sequence, Instant latestAt) {

        static final Folded NOTHING = new Folded(AccessHistory.empty(), -1, Instant.EPOCH);

        Folded with(StoredEvent event) {
            Instant latest = event.timestamp().isAfter(latestAt) ? event.timestamp() : latestAt;
            return new Folded(history.apply(event.payload(), stampOf(event)), event.sequence(), latest);
        }
    }
}
