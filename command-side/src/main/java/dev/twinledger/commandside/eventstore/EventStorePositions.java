package dev.twinledger.commandside.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Collections;
import java.util.OptionalLong;

/** Reads global positions (the {@code global_index} of stored events) straight from the event store table. */
public final class EventStorePositions {

    private static final String LAST_OF_AGGREGATE = "SELECT max(" + EventStoreSchema.GLOBAL_INDEX + ") FROM "
            + EventStoreSchema.DOMAIN_EVENT_TABLE + " WHERE " + EventStoreSchema.AGGREGATE_IDENTIFIER + " = ?";
    private static final String HEAD = "SELECT max(" + EventStoreSchema.GLOBAL_INDEX + ") FROM "
            + EventStoreSchema.DOMAIN_EVENT_TABLE;

    private final JdbcTemplate jdbc;

    public EventStorePositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The global position of the newest event of one aggregate, or empty when it has none. Served by the unique
     * (aggregate id, sequence) index.
     */
    public OptionalLong lastPositionOf(String aggregateId) {
        Long position = jdbc.queryForObject(LAST_OF_AGGREGATE, Long.class, aggregateId);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    /**
     * The highest global position among the stored events with these identifiers, or empty when none of them is
     * stored. Served by the unique index on the event identifier.
     */
    public OptionalLong highestPositionOf(Collection<String> eventIdentifiers) {
        if (eventIdentifiers.isEmpty()) {
            return OptionalLong.empty();
        }
        String sql = "SELECT max(" + EventStoreSchema.GLOBAL_INDEX + ") FROM " + EventStoreSchema.DOMAIN_EVENT_TABLE
                + " WHERE " + EventStoreSchema.EVENT_IDENTIFIER + " IN (" + String.join(",", Collections.nCopies(
                eventIdentifiers.size(), "?")) + ")";
        Long position = jdbc.queryForObject(sql, Long.class, eventIdentifiers.toArray());
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    /** The highest global position in the store, or empty when the store is empty. */
    public OptionalLong head() {
        Long position = jdbc.queryForObject(HEAD, Long.class);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    /**
     * When the first stored event after {@code position} was stored, or empty when there is none. Served by the
     * primary key.
     */
    public Optional<Instant> storedAtOfFirstAfter(long position) {
        List<String> stamps = jdbc.queryForList("SELECT time_stamp FROM " + EventStoreSchema.DOMAIN_EVENT_TABLE
                + " WHERE " + EventStoreSchema.GLOBAL_INDEX + " > ? ORDER BY " + EventStoreSchema.GLOBAL_INDEX
                + " LIMIT 1", String.class, position);
        return stamps.stream().findFirst().map(Instant::parse);
    }
}
