package dev.twinledger.projections.tracking;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The table {@code projection_applied_event}: one row per (processor, global position) a projection has applied.
 *
 * <p>{@link #record} must run inside the transaction that also writes the read-model rows and the processor's
 * token; that is what makes a redelivered event a no-op. The read methods see committed state only, so "applied"
 * means "applied and visible to queries".
 */
public class AppliedEventLog {

    private final JdbcTemplate jdbc;

    /** A log over the read database; the table comes from the {@code db/projections} migrations. */
    public AppliedEventLog(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Records that {@code processor} applies the event at {@code globalPosition}.
     *
     * @return {@code true} when the position was not recorded before (the caller must apply the event), {@code false}
     *         when it was (the caller must skip it)
     */
    public boolean record(String processor, long globalPosition, String eventId, String eventType) {
        // ON CONFLICT DO NOTHING rather than catching a unique violation: a failed statement would abort the whole
        // PostgreSQL transaction, and with it the rest of the batch.
        return jdbc.update("""
                INSERT INTO projection_applied_event (processor, global_position, event_id, event_type)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (processor, global_position) DO NOTHING""",
                processor, globalPosition, eventId, eventType) == 1;
    }

    /**
     * Of {@code positions}, those {@code processor} has recorded already (in committed state, or earlier in the
     * current transaction). One query for a whole batch; see {@link #recordAll} for the contract of using it.
     */
    public Set<Long> recordedAmong(String processor, Collection<Long> positions) {
        if (positions.isEmpty()) {
            return Set.of();
        }
        // A range rather than "= ANY (array)": on a table without statistics yet (a rebuild's), the planner takes a
        // list of a hundred values for half the table and scans all of it; a range it reads from the index. A
        // batch's positions are close together, so the range holds few others, which are dropped here.
        long lowest = positions.stream().mapToLong(Long::longValue).min().orElseThrow();
        long highest = positions.stream().mapToLong(Long::longValue).max().orElseThrow();
        Set<Long> recorded = new HashSet<>(jdbc.queryForList("""
                SELECT global_position FROM projection_applied_event
                 WHERE processor = ? AND global_position BETWEEN ? AND ?""",
                Long.class, processor, lowest, highest));
        recorded.retainAll(new HashSet<>(positions));
        return recorded;
    }

    /**
     * Records that {@code processor} applies {@code events}, in one round trip. For a caller that found out which
     * positions are new with {@link #recordedAmong} in the same transaction, while it is the only writer of the
     * processor's rows (it holds the processor's token claim); the insert still skips positions recorded meanwhile, so
     * it never fails the transaction.
     */
    public void recordAll(String processor, List<AppliedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO projection_applied_event (processor, global_position, event_id, event_type)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (processor, global_position) DO NOTHING""",
                events.stream().map(e -> new Object[]{processor, e.globalPosition(), e.eventId(), e.eventType()})
                        .toList());
    }

    /** One row of the log: an event applied by a processor. */
    public record AppliedEvent(long globalPosition, String eventId, String eventType) {
    }

    /** Whether {@code processor} has applied (and committed) the event at exactly {@code globalPosition}. */
    public boolean isApplied(String processor, long globalPosition) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM projection_applied_event WHERE processor = ? AND global_position = ?)""",
                Boolean.class, processor, globalPosition));
    }

    /** The highest global position {@code processor} has applied; empty before the first event. */
    public OptionalLong highestPosition(String processor) {
        Long max = jdbc.queryForObject(
                "SELECT max(global_position) FROM projection_applied_event WHERE processor = ?", Long.class, processor);
        return max == null ? OptionalLong.empty() : OptionalLong.of(max);
    }

    /** How many events {@code processor} has applied. */
    public long count(String processor) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM projection_applied_event WHERE processor = ?", Long.class, processor);
        return count == null ? 0 : count;
    }
}
