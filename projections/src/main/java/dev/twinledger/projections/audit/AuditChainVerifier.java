package dev.twinledger.projections.audit;

import dev.twinledger.auditformat.AuditCheckpoint;
import dev.twinledger.auditformat.ChainProblem;
import dev.twinledger.auditformat.ChainWalk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies the audit chain as stored, over a range of positions: recomputes every record's digest from its columns,
 * every link and chain hash, and checks every checkpoint in the range against the recomputed chain and a trusted key.
 * It stops at the first thing that does not hold and names its position.
 *
 * <p>A range that does not start at the beginning starts from the last checkpoint before it, whose signature is
 * checked first: the signature is what makes a starting hash trustworthy. Rows are streamed, so any range can be
 * verified in constant memory.
 *
 * <p>Only keys given to the constructor are trusted. The keys in {@code audit_signing_keys} are there to be published,
 * not believed: whoever can rewrite the chain can also add a key of their own to that table.
 */
public final class AuditChainVerifier {

    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Map<String, PublicKey> trustedKeys;

    /** A verifier trusting exactly {@code trustedKeys} (key id to key). */
    public AuditChainVerifier(JdbcTemplate jdbc, TransactionTemplate transactions,
                              Map<String, PublicKey> trustedKeys) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.trustedKeys = Map.copyOf(trustedKeys);
    }

    /** The keys this verifier trusts. */
    public Map<String, PublicKey> trustedKeys() {
        return trustedKeys;
    }

    /**
     * Verifies the records with positions in {@code [from, to]}; {@code to} null means up to the chain's head.
     */
    public ChainVerification verify(long from, Long to) {
        return readOnly.execute(status -> walk(from, to));
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private ChainVerification walk(long from, Long requestedTo) {
        long head = jdbc.queryForObject("SELECT global_position FROM audit_chain_head WHERE id = 1", Long.class);
        long to = requestedTo == null ? head : requestedTo;
        List<AuditCheckpoint> anchors = jdbc.query("SELECT " + AuditRows.CHECKPOINT_COLUMNS
                        + " FROM audit_checkpoints WHERE global_position < ? ORDER BY global_position DESC LIMIT 1",
                (rs, n) -> AuditRows.checkpoint(rs), from);
        ChainWalk walk;
        long anchorPosition = -1;
        if (anchors.isEmpty()) {
            walk = ChainWalk.fromGenesis(trustedKeys);
        } else {
            AuditCheckpoint anchor = anchors.get(0);
            Optional<ChainProblem> problem = ChainWalk.checkSignature(anchor, trustedKeys);
            if (problem.isPresent()) {
                return result(false, from, to, anchor.position(), null, 0, problem.get(), 0, List.of());
            }
            walk = ChainWalk.fromCheckpoint(anchor, trustedKeys);
            anchorPosition = anchor.position();
        }
        Deque<AuditCheckpoint> checkpoints = new ArrayDeque<>(jdbc.query("SELECT " + AuditRows.CHECKPOINT_COLUMNS
                        + " FROM audit_checkpoints WHERE global_position > ? AND global_position <= ?"
                        + " ORDER BY global_position",
                (rs, n) -> AuditRows.checkpoint(rs), walk.position(), to));
        ChainWalk chain = walk;
        ChainProblem[] found = new ChainProblem[1];
        long[] recordsInRange = new long[1];
        try {
            jdbc.query("SELECT " + AuditRows.RECORD_COLUMNS + ", " + AuditRows.SEAL_COLUMNS + """
                     FROM audit_log
                    WHERE global_position > ? AND global_position <= ? AND chain_hash IS NOT NULL
                    ORDER BY global_position""", rs -> {
                long position = rs.getLong("global_position");
                found[0] = checkpointsBefore(position, checkpoints, chain);
                if (found[0] != null) {
                    throw new Stop();
                }
                AuditRows.Seal seal = AuditRows.Seal.of(rs);
                found[0] = chain.record(AuditRows.record(rs), seal.contentDigest(), seal.previousHash(),
                        seal.chainHash()).orElse(null);
                if (found[0] != null) {
                    throw new Stop();
                }
                if (position >= from) {
                    recordsInRange[0]++;
                }
            }, walk.position(), to);
            found[0] = checkpointsBefore(Long.MAX_VALUE, checkpoints, chain);
        } catch (Stop stop) {
            // found[0] says why
        }
        long pending = jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE chain_hash IS NULL"
                + " AND global_position > ? AND global_position >= ? AND global_position <= ?", Long.class,
                head, from, to);
        List<Long> late = jdbc.queryForList("SELECT global_position FROM audit_log WHERE chain_hash IS NULL"
                + " AND global_position < ? AND global_position >= ? AND global_position <= ?"
                + " ORDER BY global_position LIMIT 100", Long.class, head, from, to);
        return result(found[0] == null, from, to, anchorPosition, chain, recordsInRange[0], found[0], pending, late);
    }

    private static ChainProblem checkpointsBefore(long position, Deque<AuditCheckpoint> checkpoints, ChainWalk walk) {
        while (!checkpoints.isEmpty() && checkpoints.peekFirst().position() < position) {
            Optional<ChainProblem> problem = walk.checkpoint(checkpoints.pollFirst());
            if (problem.isPresent()) {
                return problem.get();
            }
        }
        return null;
    }

    private ChainVerification result(boolean intact, long from, long to, long anchor, ChainWalk walk, long records,
                                     ChainProblem problem, long pending, List<Long> late) {
        long lastCheckpoint = walk == null ? -1 : walk.lastCheckpointPosition();
        long unsigned = 0;
        if (walk != null && walk.entries() > 0) {
            long signedEntries = lastCheckpoint < 0 ? 0 : jdbc.queryForObject(
                    "SELECT entries FROM audit_checkpoints WHERE global_position = ?", Long.class, lastCheckpoint);
            unsigned = Math.max(0, walk.entries() - Math.max(signedEntries, anchorEntries(anchor)));
        }
        return new ChainVerification(intact && late.isEmpty(), from, to, anchor, records,
                walk == null ? 0 : walk.checkpointsChecked(), lastCheckpoint, unsigned, pending, late, problem);
    }

    private long anchorEntries(long anchor) {
        if (anchor < 0) {
            return 0;
        }
        return jdbc.queryForObject("SELECT entries FROM audit_checkpoints WHERE global_position = ?", Long.class,
                anchor);
    }
}
