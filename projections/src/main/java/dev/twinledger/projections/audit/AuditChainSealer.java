package dev.twinledger.projections.audit;

import dev.twinledger.auditformat.AuditCheckpoint;
import dev.twinledger.auditformat.AuditHashes;
import dev.twinledger.auditformat.AuditRecord;
import dev.twinledger.auditformat.CheckpointSigner;
import dev.twinledger.auditformat.SigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Links unsealed {@code audit_log} rows into the hash chain, in global-position order, and signs checkpoints.
 *
 * <p>A row is sealed only once no lower position can still arrive: below the lowest publication watermark read
 * from every partition ({@link #horizon()}). So the chain is the same however the partitions interleave, and a
 * rebuild gives the same hashes. Each batch seals in its own transaction holding the lock on the one
 * {@code audit_chain_head} row, so two instances on one read database take turns; the digest and hashes are computed
 * from the columns as stored, the same way verification reads them.
 *
 * <p>A checkpoint signs the chain at every {@code checkpointEvery}-th record, and also signs the head when
 * {@code checkpointInterval} has passed with unsigned records, so a quiet system does not leave its last records
 * unsigned for long.
 *
 * <p>Thread-safe (the database lock orders concurrent callers).
 */
public final class AuditChainSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditChainSealer.class);

    /**
     * What one call sealed.
     *
     * @param sealed      records linked into the chain
     * @param head        the chain's last position afterwards (-1 while empty)
     * @param entries     records in the chain afterwards
     * @param checkpoints checkpoints signed
     * @param horizon     the watermark the call sealed below
     */
    public record SealResult(long sealed, long head, long entries, int checkpoints, long horizon) {
    }

    private record Head(long position, long entries, String hash) {
    }

    private record Link(long position, long index, String digest, String previous, String hash) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CheckpointSigner signer;
    private final int batchSize;
    private final long checkpointEvery;
    private final Duration checkpointInterval;
    private final Clock clock;
    private volatile boolean lateRowsReported;

    /**
     * @param transactions       transactions on the read database
     * @param batchSize          rows sealed per transaction
     * @param checkpointEvery    records between checkpoints
     * @param checkpointInterval longest time a sealed record stays without a checkpoint
     */
    public AuditChainSealer(JdbcTemplate jdbc, TransactionTemplate transactions, CheckpointSigner signer,
                            int batchSize, long checkpointEvery, Duration checkpointInterval, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.signer = signer;
        this.batchSize = batchSize;
        this.checkpointEvery = checkpointEvery;
        this.checkpointInterval = checkpointInterval;
        this.clock = clock;
    }

    /** The signer's key id, and the key checkpoints made here verify with. */
    public CheckpointSigner signer() {
        return signer;
    }

    /**
     * The position below which nothing more can arrive: the lowest watermark over the partitions, once a watermark
     * has been read from as many partitions as the topic has; 0 before that.
     */
    public long horizon() {
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT count(*) AS seen, coalesce(max(partitions), 0) AS partitions,
                       coalesce(min(published_below), 0) AS horizon
                  FROM audit_partition_watermarks""");
        long seen = ((Number) row.get("seen")).longValue();
        long partitions = ((Number) row.get("partitions")).longValue();
        return seen == 0 || seen < partitions ? 0 : ((Number) row.get("horizon")).longValue();
    }

    /** Seals everything below {@link #horizon()}. */
    public SealResult sealAvailable() {
        return sealBelow(horizon());
    }

    /**
     * Seals every unsealed row below {@code horizon}, in batches, and signs checkpoints as due. The caller promises
     * that no row below {@code horizon} is still to come.
     */
    public SealResult sealBelow(long horizon) {
        long sealed = 0;
        int checkpoints = 0;
        Head head;
        while (true) {
            BatchOutcome outcome = Objects.requireNonNull(transactions.execute(status -> sealBatch(horizon)));
            sealed += outcome.sealed();
            checkpoints += outcome.checkpoints();
            head = outcome.head();
            if (outcome.sealed() < batchSize) {
                break;
            }
        }
        reportLateRows(head);
        if (sealed > 0) {
            log.debug("audit chain: sealed {} records up to position {} ({} in the chain), {} checkpoints", sealed,
                    head.position(), head.entries(), checkpoints);
        }
        return new SealResult(sealed, head.position(), head.entries(), checkpoints, horizon);
    }

    private record BatchOutcome(long sealed, int checkpoints, Head head) {
    }

    private BatchOutcome sealBatch(long horizon) {
        Head head = jdbc.queryForObject(
                "SELECT global_position, entries, chain_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE",
                (rs, n) -> new Head(rs.getLong(1), rs.getLong(2), rs.getString(3)));
        List<AuditRecord> records = jdbc.query("SELECT " + AuditRows.RECORD_COLUMNS + """
                 FROM audit_log
                WHERE chain_hash IS NULL AND global_position > ? AND global_position < ?
                ORDER BY global_position
                LIMIT ?""", (rs, n) -> AuditRows.record(rs), head.position(), horizon, batchSize);
        List<Link> links = new ArrayList<>(records.size());
        String previous = head.hash();
        long index = head.entries();
        for (AuditRecord record : records) {
            String digest = record.contentDigest();
            String hash = AuditHashes.chainHash(previous, digest);
            links.add(new Link(record.position(), ++index, digest, previous, hash));
            previous = hash;
        }
        int checkpoints = 0;
        for (Link link : links) {
            if (link.index() % checkpointEvery == 0) {
                sign(new Head(link.position(), link.index(), link.hash()));
                checkpoints++;
            }
        }
        if (!links.isEmpty()) {
            jdbc.batchUpdate("""
                    UPDATE audit_log SET chain_index = ?, content_digest = ?, previous_hash = ?, chain_hash = ?
                     WHERE global_position = ? AND chain_hash IS NULL""", links, links.size(), (ps, link) -> {
                ps.setLong(1, link.index());
                ps.setString(2, link.digest());
                ps.setString(3, link.previous());
                ps.setString(4, link.hash());
                ps.setLong(5, link.position());
            });
            Link last = links.get(links.size() - 1);
            head = new Head(last.position(), last.index(), last.hash());
            jdbc.update("UPDATE audit_chain_head SET global_position = ?, entries = ?, chain_hash = ?, sealed_at = ?"
                    + " WHERE id = 1", head.position(), head.entries(), head.hash(), Timestamp.from(clock.instant()));
        }
        if (intervalCheckpointDue(head)) {
            sign(head);
            checkpoints++;
        }
        return new BatchOutcome(links.size(), checkpoints, head);
    }

    /** Whether the head has records no checkpoint covers, and the last checkpoint (or the first seal) is old. */
    private boolean intervalCheckpointDue(Head head) {
        if (head.entries() == 0) {
            return false;
        }
        List<Map<String, Object>> last = jdbc.queryForList(
                "SELECT entries, signed_at FROM audit_checkpoints ORDER BY global_position DESC LIMIT 1");
        long signedEntries = last.isEmpty() ? 0 : ((Number) last.get(0).get("entries")).longValue();
        Instant since = last.isEmpty()
                ? jdbc.queryForObject("SELECT min(recorded_at) FROM audit_log WHERE chain_index = 1", Timestamp.class)
                        .toInstant()
                : ((Timestamp) last.get(0).get("signed_at")).toInstant();
        return head.entries() > signedEntries && !clock.instant().isBefore(since.plus(checkpointInterval));
    }

    private void sign(Head head) {
        AuditCheckpoint checkpoint = signer.sign(head.position(), head.entries(), head.hash(), clock.instant());
        jdbc.update("""
                INSERT INTO audit_signing_keys (key_id, algorithm, public_key) VALUES (?, ?, ?)
                ON CONFLICT (key_id) DO NOTHING""", signer.keyId(), checkpoint.algorithm(),
                SigningKeys.toPem(signer.publicKey()));
        jdbc.update("INSERT INTO audit_checkpoints (" + AuditRows.CHECKPOINT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                checkpoint.position(), checkpoint.entries(), checkpoint.chainHash(),
                Timestamp.from(checkpoint.signedAt()), checkpoint.keyId(), checkpoint.algorithm(),
                checkpoint.signature());
    }

    /**
     * Rows below the head that are still unsealed arrived after the chain was sealed past them: only possible when
     * an event store transaction committed later than the gap timeout. They stay out of the chain (it is never
     * rewritten) and verification lists them.
     */
    private void reportLateRows(Head head) {
        if (lateRowsReported) {
            return;
        }
        Long late = jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE chain_hash IS NULL AND global_position < ?", Long.class,
                head.position());
        if (late != null && late > 0) {
            lateRowsReported = true;
            log.error("audit chain: {} records arrived after the chain was sealed past their position; they are kept"
                    + " but not chained (GET /api/audit/verify lists them)", late);
        }
    }
}
