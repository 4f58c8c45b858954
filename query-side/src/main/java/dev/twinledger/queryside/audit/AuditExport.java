package dev.twinledger.queryside.audit;

import dev.twinledger.auditformat.AuditCheckpoint;
import dev.twinledger.auditformat.AuditRecord;
import dev.twinledger.auditformat.export.ExportFormat;
import dev.twinledger.auditformat.export.ExportLine;
import dev.twinledger.auditformat.export.ExportWriter;
import dev.twinledger.queryside.readmodel.Where;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static dev.twinledger.queryside.readmodel.Rows.instant;

/**
 * Writes an export of the audit log (format {@code twinledger-audit-export/1}, docs/audit-format.md) as it reads it:
 * one read-only, repeatable-read transaction, so the export is one consistent snapshot, and a server-side cursor
 * ({@value #FETCH_SIZE} rows per fetch), so the rows pass through and only the segment's checkpoints are held.
 *
 * <p>The export carries the chain segment its matches need to be verified offline: from the last checkpoint before
 * the first matching sealed entry (or the genesis) up to the first checkpoint at or after the last one (or the chain
 * head). Every sealed row in it is an entry line when the query matches it and a link line (digest and hashes only)
 * when it does not; each checkpoint follows the row at its position. Matching rows not sealed yet are counted in the
 * footer, not exported: they carry no hashes to verify.
 */
@Component
public class AuditExport {

    static final int FETCH_SIZE = 1_000;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    public AuditExport(DataSource dataSource, PlatformTransactionManager transactions) {
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        // PostgreSQL honours a fetch size only inside a transaction: then it streams through a cursor.
        cursor.setFetchSize(FETCH_SIZE);
        this.jdbc = new NamedParameterJdbcTemplate(cursor);
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * Writes the export of what {@code filter} selects onto {@code out} and closes the writer (not {@code out}'s
     * owner's concern: it is flushed and closed with it).
     *
     * @param query      the filters as the caller gave them, for the header
     * @param exportedAt the instant named in the header
     * @return the footer written
     * @throws UncheckedIOException when {@code out} fails (the client went away)
     */
    public ExportLine.Footer write(AuditFilter filter, Map<String, String> query, ExportFormat format,
                                   OutputStream out, Instant exportedAt) {
        return snapshot.execute(status -> {
            try (ExportWriter writer = format.writer(out)) {
                ExportLine.Footer footer = writeLines(filter, query, writer, exportedAt);
                writer.flush();
                return footer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private ExportLine.Footer writeLines(AuditFilter filter, Map<String, String> query, ExportWriter writer,
                                         Instant exportedAt) throws IOException {
        Where where = filter.where();
        MapSqlParameterSource params = new MapSqlParameterSource(where.params().getValues());
        Plan plan = jdbc.queryForObject("""
                SELECT min(global_position) FILTER (WHERE chain_hash IS NOT NULL) AS first_sealed,
                       max(global_position) FILTER (WHERE chain_hash IS NOT NULL) AS last_sealed,
                       count(*) FILTER (WHERE chain_hash IS NULL) AS unsealed
                  FROM audit_log""" + where.sql(), params, (rs, n) -> new Plan(
                (Long) rs.getObject("first_sealed"), (Long) rs.getObject("last_sealed"), rs.getLong("unsealed")));
        AuditCheckpoint anchor = plan.firstSealed() == null ? null : anchorBefore(plan.firstSealed());
        writer.write(new ExportLine.Header(ExportLine.FORMAT, exportedAt, query, anchor, publicKeys()));
        Counts counts = new Counts();
        if (plan.firstSealed() != null) {
            long from = anchor == null ? -1 : anchor.position();
            long to = segmentEnd(plan.lastSealed());
            Iterator<AuditCheckpoint> checkpoints = checkpoints(from, to).iterator();
            AuditCheckpoint[] nextCheckpoint = {checkpoints.hasNext() ? checkpoints.next() : null};
            // Named apart from the filter's own parameters (from, to), which the matches column still needs.
            params.addValue("segmentStart", from).addValue("segmentEnd", to);
            jdbc.query("SELECT " + AuditQueries.ENTRY_COLUMNS + ", (" + where.conditions() + ") AS matches"
                    + " FROM audit_log WHERE global_position > :segmentStart AND global_position <= :segmentEnd"
                    + " AND chain_hash IS NOT NULL ORDER BY global_position", params, (RowCallbackHandler) rs -> {
                        long position = rs.getLong("global_position");
                        write(writer, line(rs, counts));
                        while (nextCheckpoint[0] != null && nextCheckpoint[0].position() <= position) {
                            write(writer, new ExportLine.Checkpoint(nextCheckpoint[0]));
                            counts.checkpoint(nextCheckpoint[0].position());
                            nextCheckpoint[0] = checkpoints.hasNext() ? checkpoints.next() : null;
                        }
                    });
        }
        ExportLine.Footer footer = new ExportLine.Footer(counts.entries, counts.links, counts.checkpoints,
                counts.lastCheckpoint, plan.unsealed());
        writer.write(footer);
        return footer;
    }

    private static ExportLine line(ResultSet rs, Counts counts) throws SQLException {
        String digest = rs.getString("content_digest");
        String previous = rs.getString("previous_hash");
        String hash = rs.getString("chain_hash");
        if (!rs.getBoolean("matches")) {
            counts.links++;
            return new ExportLine.Link(rs.getLong("global_position"), digest, previous, hash);
        }
        counts.entries++;
        return new ExportLine.Entry(record(rs), digest, previous, hash);
    }

    /** A row as the record its digest was taken over. */
    static AuditRecord record(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong("global_position"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("aggregate_type"), rs.getString("aggregate_id"), rs.getLong("sequence_number"),
                instant(rs, "occurred_at"), rs.getString("actor_subject"), rs.getString("actor_username"),
                rs.getString("handling_site"), rs.getString("correlation_id"), rs.getString("causation_id"),
                rs.getString("reason"), rs.getString("ticket"), AuditQueries.payload(rs));
    }

    private static void write(ExportWriter writer, ExportLine line) {
        try {
            writer.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AuditCheckpoint anchorBefore(long position) {
        List<AuditCheckpoint> anchor = jdbc.query("SELECT * FROM audit_checkpoints WHERE global_position < :position"
                + " ORDER BY global_position DESC LIMIT 1", new MapSqlParameterSource("position", position),
                AuditExport::checkpoint);
        return anchor.isEmpty() ? null : anchor.get(0);
    }

    /** The first checkpoint at or after {@code position}, or else the chain head. */
    private long segmentEnd(long position) {
        Long checkpoint = jdbc.queryForObject("SELECT min(global_position) FROM audit_checkpoints"
                + " WHERE global_position >= :position", new MapSqlParameterSource("position", position), Long.class);
        return checkpoint != null ? checkpoint : jdbc.queryForObject(
                "SELECT global_position FROM audit_chain_head WHERE id = 1", new MapSqlParameterSource(), Long.class);
    }

    private List<AuditCheckpoint> checkpoints(long from, long to) {
        return jdbc.query("SELECT * FROM audit_checkpoints WHERE global_position > :from AND global_position <= :to"
                        + " ORDER BY global_position", new MapSqlParameterSource("from", from).addValue("to", to),
                AuditExport::checkpoint);
    }

    private List<ExportLine.PublicKeyEntry> publicKeys() {
        return jdbc.query("SELECT key_id, algorithm, public_key FROM audit_signing_keys ORDER BY key_id",
                (rs, n) -> new ExportLine.PublicKeyEntry(rs.getString("key_id"), rs.getString("algorithm"),
                        rs.getString("public_key")));
    }

    private static AuditCheckpoint checkpoint(ResultSet rs, int row) throws SQLException {
        return new AuditCheckpoint(rs.getLong("global_position"), rs.getLong("entries"), rs.getString("chain_hash"),
                instant(rs, "signed_at"), rs.getString("key_id"), rs.getString("algorithm"),
                rs.getString("signature"));
    }

    private record Plan(Long firstSealed, Long lastSealed, long unsealed) {
    }

    private static final class Counts {
        long entries;
        long links;
        long checkpoints;
        Long lastCheckpoint;

        void checkpoint(long position) {
            checkpoints++;
            lastCheckpoint = position;
        }
    }
}
