package dev.twinledger.projections.audit;

import dev.twinledger.auditformat.AuditCheckpoint;
import dev.twinledger.auditformat.AuditRecord;
import dev.twinledger.auditformat.CanonicalJson;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Reads {@code audit_log} and {@code audit_checkpoints} rows back into module audit-format's types. Everything that
 * hashes or verifies a row (the sealer, the verify endpoint, the export) reads it through here, so they all hash the
 * same thing: the columns as stored.
 */
public final class AuditRows {

    /** The columns {@link #record} reads, for a SELECT list. */
    public static final String RECORD_COLUMNS = "global_position, event_id, event_type, aggregate_type, aggregate_id,"
            + " sequence_number, occurred_at, actor_subject, actor_username, handling_site, correlation_id,"
            + " causation_id, reason, ticket, payload::text AS payload";

    /** The seal columns {@link Seal#of} reads. */
    public static final String SEAL_COLUMNS = "chain_index, content_digest, previous_hash, chain_hash";

    /** The columns {@link #checkpoint} reads. */
    public static final String CHECKPOINT_COLUMNS =
            "global_position, entries, chain_hash, signed_at, key_id, algorithm, signature";

    private AuditRows() {
    }

    /** The record of the current row, selected with {@link #RECORD_COLUMNS}. */
    public static AuditRecord record(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong("global_position"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("aggregate_type"), rs.getString("aggregate_id"), rs.getLong("sequence_number"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor_subject"),
                rs.getString("actor_username"), rs.getString("handling_site"), rs.getString("correlation_id"),
                rs.getString("causation_id"), rs.getString("reason"), rs.getString("ticket"),
                CanonicalJson.parse(rs.getString("payload")));
    }

    /** The checkpoint of the current row, selected with {@link #CHECKPOINT_COLUMNS}. */
    public static AuditCheckpoint checkpoint(ResultSet rs) throws SQLException {
        Timestamp signedAt = rs.getTimestamp("signed_at");
        return new AuditCheckpoint(rs.getLong("global_position"), rs.getLong("entries"), rs.getString("chain_hash"),
                signedAt.toInstant(), rs.getString("key_id"), rs.getString("algorithm"), rs.getString("signature"));
    }

    /**
     * What the sealer recorded for a row; all null while it is unsealed.
     *
     * @param chainIndex    the row's place in the chain, from 1
     * @param contentDigest SHA-256 of the record's canonical form when it was sealed
     * @param previousHash  the chain hash of the record before it
     * @param chainHash     the chain hash of this record
     */
    public record Seal(Long chainIndex, String contentDigest, String previousHash, String chainHash) {

        /** The seal of the current row, selected with {@link #SEAL_COLUMNS}. */
        public static Seal of(ResultSet rs) throws SQLException {
            long index = rs.getLong("chain_index");
            return new Seal(rs.wasNull() ? null : index, rs.getString("content_digest"),
                    rs.getString("previous_hash"), rs.getString("chain_hash"));
        }

        /** Whether the row is part of the chain. */
        public boolean sealed() {
            return chainHash != null;
        }
    }
}
