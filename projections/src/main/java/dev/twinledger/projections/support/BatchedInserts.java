package dev.twinledger.projections.support;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * One INSERT statement whose rows are collected over the processor's batch and written as one JDBC batch just before
 * the batch's transaction commits (Axon's prepare-commit phase, inside the transaction that also stores the token
 * and the applied positions). Saves one database round trip per event for tables that are only appended to.
 *
 * <p>Contract: only for rows that no handler reads back within the same batch (the rows are not in the database
 * until the batch is about to commit), and for statements that are idempotent on their own ({@code ON CONFLICT DO
 * NOTHING}), since a redelivered batch writes them again. A rolled-back batch drops its rows with it. Outside a unit
 * of work (a handler called directly) each row is written at once.
 */
public final class BatchedInserts {

    private final JdbcTemplate jdbc;
    private final String sql;
    private final String resourceKey;

    /** Rows of {@code sql} written through {@code jdbc}. */
    public BatchedInserts(JdbcTemplate jdbc, String sql) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.resourceKey = BatchedInserts.class.getName() + "@" + System.identityHashCode(this);
    }

    /** Adds one row (the statement's parameters in order); written at the latest when the batch commits. */
    public void add(Object... row) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, row);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<Object[]> rows = unitOfWork.getOrComputeResource(resourceKey, key -> {
            List<Object[]> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> flush(pending));
            return pending;
        });
        rows.add(row);
    }

    private void flush(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
            rows.clear();
        }
    }
}
