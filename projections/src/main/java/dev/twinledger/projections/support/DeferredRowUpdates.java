package dev.twinledger.projections.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guarded row updates of one processor batch ({@link PositionGuard#updateLater}), written when the batch is about
 * to commit with as few JDBC batches as their order allows.
 *
 * <p>Order: the updates of one row run in the order they were added; updates of different rows touch different rows
 * only (every assignment reads the row's own columns), so their relative order does not matter. The k-th update of
 * every row goes into round k, and within a round the updates are grouped by statement: a batch whose events touch
 * each row once costs one round trip per kind of statement.
 */
final class DeferredRowUpdates {

    /** One update as {@link PositionGuard#update} would run it. */
    record RowUpdate(String table, String id, long position, String eventName, String sql, Object[] args) {
    }

    private final JdbcTemplate jdbc;
    private final PositionGuard guard;
    private final List<RowUpdate> updates = new ArrayList<>();

    DeferredRowUpdates(JdbcTemplate jdbc, PositionGuard guard) {
        this.jdbc = jdbc;
        this.guard = guard;
    }

    void add(RowUpdate update) {
        updates.add(update);
    }

    /** Runs the updates; for each that changed no row, says why (as {@link PositionGuard#update} does). */
    void flush() {
        List<Map<String, List<RowUpdate>>> rounds = new ArrayList<>();
        Map<String, Integer> updatesPerRow = new HashMap<>();
        for (RowUpdate update : updates) {
            int round = updatesPerRow.merge(update.table() + '\u0000' + update.id(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new LinkedHashMap<>());
            }
            rounds.get(round).computeIfAbsent(update.sql(), sql -> new ArrayList<>()).add(update);
        }
        updates.clear();
        for (Map<String, List<RowUpdate>> round : rounds) {
            for (Map.Entry<String, List<RowUpdate>> statement : round.entrySet()) {
                List<RowUpdate> rows = statement.getValue();
                int[] counts = jdbc.batchUpdate(statement.getKey(), rows.stream().map(RowUpdate::args).toList());
                for (int i = 0; i < counts.length; i++) {
                    // A driver may answer "done, count unknown" (negative); then there is nothing to explain.
                    if (counts[i] == 0) {
                        RowUpdate row = rows.get(i);
                        guard.explainUnchanged(row.table(), row.id(), row.position(), row.eventName());
                    }
                }
            }
        }
    }
}
