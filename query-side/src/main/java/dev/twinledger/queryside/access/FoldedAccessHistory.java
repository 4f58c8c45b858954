package dev.twinledger.queryside.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.api.access.AccessDirectoryInitialized;
import dev.twinledger.api.access.AccessReviewClosed;
import dev.twinledger.api.access.AccessReviewItemDecided;
import dev.twinledger.api.access.AccessReviewStarted;
import dev.twinledger.api.access.GrantApproved;
import dev.twinledger.api.access.GrantExpired;
import dev.twinledger.api.access.GrantRejected;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.GroupCreated;
import dev.twinledger.api.access.GroupMemberAdded;
import dev.twinledger.api.access.GroupMemberRemoved;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.access.RoleRetired;
import dev.twinledger.policies.grant.EventStamp;
import dev.twinledger.policies.history.AccessHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The access directory as the query side knows it: the events of the directory's stream in {@code access_events},
 * folded in position order with the policies module's {@link AccessHistory}, the same fold the command side's
 * aggregate and lookup use, so a check here means what it means there. Kept in memory and brought up to date
 * incrementally: {@link #refresh} folds only the rows above the position folded so far. Rebuilt from scratch when
 * the service starts (in memory only).
 *
 * <p>Why "above the folded position" is enough: every event folded here is on the one stream
 * {@value AccessDirectory#ID}, which travels on one Kafka partition, so the read model applies those events in their
 * global order. Denied attempts ({@code AccessDenied}) have streams of their own and arrive in any order, but they
 * change nothing in the fold and are not read here.
 *
 * <p>Thread-safe: the history is an immutable value behind a volatile reference, and refreshes are serialized, so a
 * reader always sees a history folded from a gap-free prefix of the stream.
 */
@Component
public class FoldedAccessHistory {

    private static final Logger log = LoggerFactory.getLogger(FoldedAccessHistory.class);

    /** The actor of events that carry none: those the service sends itself (bootstrap, expiry deadlines). */
    static final String SYSTEM = "system";

    /** Rows read per query while catching up, so a rebuild of a large directory does not hold all rows at once. */
    static final int BATCH = 5_000;

    /** The directory's event types, by the name {@code access_events.event_type} stores. */
    private static final Map<String, Class<?>> TYPES = Stream.of(AccessDirectoryInitialized.class, RoleDefined.class,
                    RoleRetired.class, GroupCreated.class, GroupMemberAdded.class, GroupMemberRemoved.class,
                    GrantRequested.class, GrantApproved.class, GrantRejected.class, GrantRevoked.class,
                    GrantExpired.class, AccessReviewStarted.class, AccessReviewItemDecided.class,
                    AccessReviewClosed.class)
            .collect(Collectors.toUnmodifiableMap(Class::getName, Function.identity()));

    // The projections wrote these payloads with Jackson and ISO instants; fields added by a newer producer are
    // ignored, as the events topic's converter ignores them.
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final JdbcTemplate jdbc;
    private final Object refreshing = new Object();
    private volatile AccessHistory history = AccessHistory.empty();

    public FoldedAccessHistory(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The history as last folded, without looking for new events. */
    public AccessHistory current() {
        return history;
    }

    /**
     * Folds the directory events the read model has applied since the last refresh, and answers the history. Cheap
     * when nothing is new: one indexed query that finds no row.
     */
    public AccessHistory refresh() {
        synchronized (refreshing) {
            AccessHistory folded = history;
            while (true) {
                List<Row> rows = jdbc.query("""
                        SELECT global_position, event_id, event_type, occurred_at, actor_username, payload::text
                          FROM access_events
                         WHERE aggregate_id = ? AND global_position > ?
                         ORDER BY global_position
                         LIMIT ?""",
                        (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4),
                                rs.getString(5), rs.getString(6)),
                        AccessDirectory.ID, folded.position(), BATCH);
                for (Row row : rows) {
                    folded = fold(folded, row);
                }
                history = folded;
                if (rows.size() < BATCH) {
                    return folded;
                }
                log.debug("access history folded up to position {}", folded.position());
            }
        }
    }

    /** Folds what the read model holds as soon as the service is up, so the first query does not pay for it. */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        try {
            long started = System.nanoTime();
            AccessHistory folded = refresh();
            log.info("access history folded up to position {} ({} grants, {} memberships) in {} ms",
                    folded.position(), folded.current().grants().size(), folded.current().memberships().size(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (DataAccessException e) {
            log.warn("access history not folded at start ({}); the first access query folds it", e.toString());
        }
    }

    private static AccessHistory fold(AccessHistory history, Row row) {
        String actor = row.actor() == null || row.actor().isBlank() ? SYSTEM : row.actor();
        EventStamp stamp = new EventStamp(actor, row.occurredAt().toInstant(), row.eventId(), row.position());
        Class<?> type = TYPES.get(row.type());
        if (type == null) {
            // Not part of the directory's state (or a type this build does not know): it only moves the position.
            return history.apply(new Unfolded(row.type()), stamp);
        }
        try {
            return history.apply(JSON.readValue(row.payload(), type), stamp);
        } catch (JsonProcessingException | RuntimeException e) {
            // The command side folded the same stream without this error, so this is a bug or a damaged read model.
            // Skipping keeps every other answer available; the error says which event is missing from the fold.
            log.error("access event {} at position {} ({}) cannot be folded and is skipped: {}", row.eventId(),
                    row.position(), row.type(), e.toString());
            return history.apply(new Unfolded(row.type()), stamp);
        }
    }

    private record Row(long position, String eventId, String type, Timestamp occurredAt, String actor,
                       String payload) {
    }

    /** An event the fold passes over; {@link AccessHistory} only advances its position for it. */
    private record Unfolded(String type) {
    }
}
