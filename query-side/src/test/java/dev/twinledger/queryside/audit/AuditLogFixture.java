package dev.twinledger.queryside.audit;

import dev.twinledger.auditformat.AuditCheckpoint;
import dev.twinledger.auditformat.AuditHashes;
import dev.twinledger.auditformat.AuditRecord;
import dev.twinledger.auditformat.CanonicalJson;
import dev.twinledger.auditformat.CheckpointSigner;
import dev.twinledger.auditformat.SigningKeys;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes audit_log rows the way the audit projection and its sealer do, until they land: each row sealed with the
 * real content digest and chain hash (audit-format), the chain head kept, checkpoints signed with a real Ed25519 key.
 * So what the tests read and export is a genuinely valid chain, and a tampered row genuinely breaks it.
 */
final class AuditLogFixture {

    static final KeyPair KEYS = SigningKeys.generateEd25519();
    static final CheckpointSigner SIGNER = new CheckpointSigner(KEYS.getPrivate(), KEYS.getPublic());

    private final JdbcTemplate jdbc;
    private final List<Row> pending = new ArrayList<>();
    private String head = AuditHashes.GENESIS;
    private long headPosition = -1;
    private long entries;

    /**
     * One event as the projection writes it.
     *
     * @param record    the facts the chain commits to
     * @param resources what resource= matches
     * @param sites     what site= matches
     * @param sealed    whether the sealer has linked it yet
     */
    record Row(AuditRecord record, List<String> resources, List<String> sites, boolean sealed) {
    }

    AuditLogFixture(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO audit_signing_keys (key_id, algorithm, public_key) VALUES (?, ?, ?)"
                        + " ON CONFLICT (key_id) DO NOTHING", SIGNER.keyId(), "Ed25519",
                SigningKeys.toPem(SIGNER.publicKey()));
    }

    /** An event record with the usual metadata. */
    static AuditRecord record(long position, String eventType, String aggregateType, String aggregateId,
                              long sequence, Instant occurredAt, String actor, String site, String correlationId,
                              String payload) {
        return new AuditRecord(position, "event-" + position, eventType, aggregateType, aggregateId, sequence,
                occurredAt, actor == null ? null : "sub-" + actor, actor, site, correlationId, "cause-" + position,
                position % 3 == 0 ? "scheduled work, \"quoted\", with a comma" : null,
                position % 5 == 0 ? "CHG-" + position : null, CanonicalJson.parse(payload));
    }

    /** Adds a sealed row (written with {@link #flush()}); rows must come in increasing position. */
    AuditLogFixture sealed(AuditRecord record, List<String> resources, List<String> sites) {
        pending.add(new Row(record, resources, sites, true));
        return this;
    }

    /** Adds a row the sealer has not reached yet; only after every sealed one. */
    AuditLogFixture unsealed(AuditRecord record, List<String> resources, List<String> sites) {
        pending.add(new Row(record, resources, sites, false));
        return this;
    }

    /** Writes the pending rows, sealing the sealed ones onto the chain, and moves the chain head. */
    AuditLogFixture flush() {
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO audit_log (global_position, event_id, event_type, event_name, aggregate_type,
                        aggregate_id, sequence_number, occurred_at, actor_subject, actor_username, handling_site,
                        correlation_id, causation_id, reason, ticket, payload, resource_ids, site_ids, chain_index,
                        content_digest, previous_hash, chain_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?)""")) {
                for (Row row : pending) {
                    bind(connection, insert, row);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        pending.clear();
        jdbc.update("UPDATE audit_chain_head SET global_position = ?, entries = ?, chain_hash = ?, sealed_at = now()"
                + " WHERE id = 1", headPosition, entries, head);
        return this;
    }

    private void bind(Connection connection, PreparedStatement insert, Row row) throws SQLException {
        AuditRecord r = row.record();
        String type = r.eventType();
        insert.setLong(1, r.position());
        insert.setString(2, r.eventId());
        insert.setString(3, type);
        insert.setString(4, type.substring(type.lastIndexOf('.') + 1));
        insert.setString(5, r.aggregateType());
        insert.setString(6, r.aggregateId());
        insert.setLong(7, r.sequence());
        insert.setTimestamp(8, Timestamp.from(r.occurredAt()));
        insert.setString(9, r.actorSubject());
        insert.setString(10, r.actorUsername());
        insert.setString(11, r.handlingSite());
        insert.setString(12, r.correlationId());
        insert.setString(13, r.causationId());
        insert.setString(14, r.reason());
        insert.setString(15, r.ticket());
        insert.setString(16, r.payload().toString());
        insert.setArray(17, connection.createArrayOf("text", row.resources().toArray()));
        insert.setArray(18, connection.createArrayOf("text", row.sites().toArray()));
        if (row.sealed()) {
            String digest = r.contentDigest();
            String hash = AuditHashes.chainHash(head, digest);
            insert.setLong(19, entries);
            insert.setString(20, digest);
            insert.setString(21, head);
            insert.setString(22, hash);
            head = hash;
            headPosition = r.position();
            entries++;
        } else {
            for (int column = 19; column <= 22; column++) {
                insert.setObject(column, null);
            }
        }
    }

    /** Signs the chain at its head (after {@link #flush()}) and stores the checkpoint. */
    AuditCheckpoint checkpoint(Instant signedAt) {
        AuditCheckpoint checkpoint = SIGNER.sign(headPosition, entries, head, signedAt);
        jdbc.update("INSERT INTO audit_checkpoints (global_position, entries, chain_hash, signed_at, key_id, algorithm,"
                        + " signature) VALUES (?, ?, ?, ?, ?, ?, ?)", checkpoint.position(), checkpoint.entries(),
                checkpoint.chainHash(), Timestamp.from(checkpoint.signedAt()), checkpoint.keyId(),
                checkpoint.algorithm(), checkpoint.signature());
        return checkpoint;
    }

    /** The position of the last sealed row, -1 before any. */
    long headPosition() {
        return headPosition;
    }
}
