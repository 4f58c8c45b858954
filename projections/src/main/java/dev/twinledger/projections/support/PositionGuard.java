package dev.twinledger.projections.support;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
    /**
     * Deferred updates share one queue per database (whichever guard adds them), so that the order of one row's
     * updates holds across projections.
     */
    private final String resourceKey;

    /** A guard writing through {@code jdbc}. */
    public PositionGuard(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.resourceKey = PositionGuard.class.getName() + "@" + System.identityHashCode(jdbc.getDataSource());
    }

    /**
     * Runs {@code UPDATE table SET assignments, last_position = position WHERE id = id AND last_position < position}.
     *
     * @param assignments SQL assignments with {@code ?} placeholders, e.g. {@code "state = ?, name = ?"}
     * @param values      the placeholders' values, in order
     * @return whether the row changed; false when it has a newer (or the same) position, or does not exist
     */
    public boolean update(String table, String id, long position, Object event, String assignments, Object... values) {
        int updated = jdbc.update(sql(table, assignments), args(id, position, values));
        if (updated == 1) {
            return true;
        }
        explainUnchanged(table, id, position, event.getClass().getSimpleName());
        return false;
    }

    /**
     * The same update as {@link #update}, run when the processor's batch is about to commit (inside its transaction),
     * together with the batch's other deferred updates in a few JDBC batches: one round trip per kind of statement
     * rather than per event. Outside a unit of work it runs at once.
     *
     * <p>Contract, for the whole table: nothing in the processor reads its rows, every other write to them in the
     * processor is an {@code updateLater} too, except upserts of the event that creates a row, which set every column
     * these updates set (so an upsert running before an earlier event's deferred update gives the same row: the
     * update then finds a newer {@code last_position} and changes nothing). Updates of one row keep their order.
     */
    public void updateLater(String table, String id, long position, Object event, String assignments,
                            Object... values) {
        if (!CurrentUnitOfWork.isStarted()) {
            update(table, id, position, event, assignments, values);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        DeferredRowUpdates deferred = unitOfWork.getOrComputeResource(resourceKey, key -> {
            DeferredRowUpdates batch = new DeferredRowUpdates(jdbc, this);
            unitOfWork.onPrepareCommit(u -> batch.flush());
            return batch;
        });
        deferred.add(new DeferredRowUpdates.RowUpdate(table, id, position, event.getClass().getSimpleName(),
                sql(table, assignments), args(id, position, values)));
    }

    /** Logs why an update changed nothing: the row is newer (normal on redelivery) or was never created. */
    void explainUnchanged(String table, String id, long position, String eventName) {
        if (exists(table, id)) {
            log.debug("{} at position {} for {} {} is older than the row; skipped", eventName, position, table, id);
        } else {
            // One aggregate's events share a partition key and arrive in order, so the event that creates the row
            // is missing from the topic. Nothing to change: a row made up from this event alone would be wrong.
            log.warn("{} at position {} for {} {} that this read model never saw created", eventName, position,
                    table, id);
        }
    }

    private static String sql(String table, String assignments) {
        return "UPDATE " + table + " SET " + assignments + ", last_position = ? WHERE id = ? AND last_position < ?";
    }

    private static Object[] args(String id, long position, Object... values) {
        List<Object> args = new ArrayList<>(Arrays.asList(values));
        args.add(position);
        args.add(id);
        args.add(position);
        return args.toArray();
    }

    private boolean exists(String table, String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM " + table + " WHERE id = ?)", Boolean.class, id));
    }
}
