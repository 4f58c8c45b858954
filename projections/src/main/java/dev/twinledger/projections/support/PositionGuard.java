package dev.twinledger.projections.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Updates one read-model row on behalf of an event, only if the row's {@code last_position} is lower than the
 * event's global position, and moves {@code last_position} to it. So an event never overwrites the effect of a
 * later one, and applying the same event twice changes nothing the second time.
 *
 * <p>The table must have the columns {@code id} and {@code last_position}. Table and column names are constants of
 * the calling handler, never input; the values are bound.
 */
public final class PositionGuard {

    private static final Logger log = LoggerFactory.getLogger(PositionGuard.class);

    private final JdbcTemplate jdbc;

    /** A guard writing through {@code jdbc}. */
    public PositionGuard(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs {@code UPDATE table SET assignments, last_position = position WHERE id = id AND last_position < position}.
     *
     * @param assignments SQL assignments with {@code ?} placeholders, e.g. {@code "state = ?, name = ?"}
     * @param values      the placeholders' values, in order
     * @return whether the row changed; false when it has a newer (or the same) position, or does not exist
     */
    public boolean update(String table, String id, long position, Object event, String assignments, Object... values) {
        List<Object> args = new ArrayList<>(Arrays.asList(values));
        args.add(position);
        args.add(id);
        args.add(position);
        int updated = jdbc.update("UPDATE " + table + " SET " + assignments + ", last_position = ? "
                + "WHERE id = ? AND last_position < ?", args.toArray());
        if (updated == 1) {
            return true;
        }
        if (exists(table, id)) {
            log.debug("{} at position {} for {} {} is older than the row; skipped", event.getClass().getSimpleName(),
                    position, table, id);
        } else {
            // One aggregate's events share a partition key and arrive in order, so the event that creates the row
            // is missing from the topic. Nothing to change: a row made up from this event alone would be wrong.
            log.warn("{} at position {} for {} {} that this read model never saw created",
                    event.getClass().getSimpleName(), position, table, id);
        }
        return false;
    }

    private boolean exists(String table, String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM " + table + " WHERE id = ?)", Boolean.class, id));
    }
}
