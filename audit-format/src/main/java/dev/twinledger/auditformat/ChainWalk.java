package dev.twinledger.auditformat;

import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;

/**
 * Walks a segment of the chain in global order, recomputing every hash, and reports the first position where
 * something does not hold. The service's verify endpoint and the offline verifier both walk with this class, so they
 * agree on what "intact" means.
 *
 * <p>A walk starts from an anchor it trusts: the genesis, or a checkpoint whose signature it has checked. It then
 * takes, in increasing position order, records (content at hand), links (only the digest of a record an export left
 * out) and checkpoints (checked against the chain as recomputed, and against a trusted key). The walk carries the
 * recomputed hash forward, never the recorded one, so an edit anywhere shows at its own position and everything after
 * it stays checked against the truth.
 *
 * <p>Not thread-safe; one walk per verification.
 */
public final class ChainWalk {

    private final Map<String, PublicKey> trustedKeys;
    private long position;
    private long entries;
    private String hash;
    private long recordsChecked;
    private long linksChecked;
    private long checkpointsChecked;
    private long lastCheckpointPosition = -1;

    private ChainWalk(long position, long entries, String hash, Map<String, PublicKey> trustedKeys) {
        this.position = position;
        this.entries = entries;
        this.hash = hash;
        this.trustedKeys = Map.copyOf(trustedKeys);
    }

    /** A walk from the start of the chain. */
    public static ChainWalk fromGenesis(Map<String, PublicKey> trustedKeys) {
        return new ChainWalk(-1, 0, AuditHashes.GENESIS, trustedKeys);
    }

    /**
     * A walk continuing after {@code anchor}.
     *
     * <p>The anchor is taken as given; check it with {@link #checkSignature} first.
     */
    public static ChainWalk fromCheckpoint(AuditCheckpoint anchor, Map<String, PublicKey> trustedKeys) {
        return new ChainWalk(anchor.position(), anchor.entries(), anchor.chainHash(), trustedKeys);
    }

    /** Checks {@code anchor}'s signature alone; use before {@link #fromCheckpoint}. */
    public static Optional<ChainProblem> checkSignature(AuditCheckpoint anchor, Map<String, PublicKey> trustedKeys) {
        PublicKey key = trustedKeys.get(anchor.keyId());
        if (key == null) {
            return Optional.of(new ChainProblem(anchor.position(), ChainProblem.Kind.CHECKPOINT_KEY_UNTRUSTED,
                    "checkpoint at position " + anchor.position() + " is signed by key " + anchor.keyId()
                            + ", which is not among the trusted keys " + trustedKeys.keySet()));
        }
        if (!CheckpointSigner.verify(anchor, key)) {
            return Optional.of(new ChainProblem(anchor.position(), ChainProblem.Kind.CHECKPOINT_SIGNATURE_INVALID,
                    "checkpoint at position " + anchor.position() + " does not verify with key " + anchor.keyId()));
        }
        return Optional.empty();
    }

    /**
     * A record whose content is at hand, with the digest and hashes recorded for it.
     *
     * @return the first thing wrong with it, if any
     */
    public Optional<ChainProblem> record(AuditRecord record, String recordedDigest, String recordedPrevious,
                                         String recordedHash) {
        String digest = record.contentDigest();
        if (!digest.equals(recordedDigest)) {
            return Optional.of(new ChainProblem(record.position(), ChainProblem.Kind.CONTENT_ALTERED,
                    "the record at position " + record.position() + " (event " + record.eventId() + ", "
                            + record.eventType() + ") hashes to " + digest + " but its recorded digest is "
                            + recordedDigest + ": its content was changed after it was sealed"));
        }
        recordsChecked++;
        return advance(record.position(), digest, recordedPrevious, recordedHash);
    }

    /** A record present only by its recorded digest (an export left its content out). */
    public Optional<ChainProblem> link(long position, String recordedDigest, String recordedPrevious,
                                       String recordedHash) {
        if (!AuditHashes.isHash(recordedDigest)) {
            return Optional.of(new ChainProblem(position, ChainProblem.Kind.HASH_MISMATCH,
                    "the digest recorded at position " + position + " is not a SHA-256 hash: " + recordedDigest));
        }
        linksChecked++;
        return advance(position, recordedDigest, recordedPrevious, recordedHash);
    }

    /** A checkpoint, which must cover exactly the chain walked so far. */
    public Optional<ChainProblem> checkpoint(AuditCheckpoint checkpoint) {
        if (checkpoint.position() != position || checkpoint.entries() != entries
                || !checkpoint.chainHash().equals(hash)) {
            return Optional.of(new ChainProblem(checkpoint.position(), ChainProblem.Kind.CHECKPOINT_MISMATCH,
                    "the checkpoint signed for position " + checkpoint.position() + " says " + checkpoint.entries()
                            + " records hashing to " + checkpoint.chainHash() + ", but the chain recomputed up to"
                            + " position " + position + " has " + entries + " records hashing to " + hash));
        }
        Optional<ChainProblem> signature = checkSignature(checkpoint, trustedKeys);
        if (signature.isEmpty()) {
            checkpointsChecked++;
            lastCheckpointPosition = checkpoint.position();
        }
        return signature;
    }

    private Optional<ChainProblem> advance(long at, String digest, String recordedPrevious, String recordedHash) {
        if (at <= position) {
            return Optional.of(new ChainProblem(at, ChainProblem.Kind.OUT_OF_ORDER,
                    "position " + at + " comes after position " + position));
        }
        if (!hash.equals(recordedPrevious)) {
            return Optional.of(new ChainProblem(at, ChainProblem.Kind.LINK_BROKEN,
                    "the record at position " + at + " names " + recordedPrevious + " as the previous hash, but the"
                            + " chain up to position " + position + " hashes to " + hash
                            + ": a record before it was removed, inserted or changed, or the link was edited"));
        }
        String expected = AuditHashes.chainHash(hash, digest);
        if (!expected.equals(recordedHash)) {
            return Optional.of(new ChainProblem(at, ChainProblem.Kind.HASH_MISMATCH,
                    "the chain hash recorded at position " + at + " is " + recordedHash + ", but its previous hash and"
                            + " digest give " + expected));
        }
        position = at;
        entries++;
        hash = expected;
        return Optional.empty();
    }

    /** The position of the last record walked, or of the anchor; -1 at the genesis. */
    public long position() {
        return position;
    }

    /** Records in the chain up to {@link #position()}, from the genesis. */
    public long entries() {
        return entries;
    }

    /** The recomputed chain hash at {@link #position()}. */
    public String hash() {
        return hash;
    }

    /** Records whose content was checked. */
    public long recordsChecked() {
        return recordsChecked;
    }

    /** Records checked by their digest only. */
    public long linksChecked() {
        return linksChecked;
    }

    /** Checkpoints whose hash and signature held. */
    public long checkpointsChecked() {
        return checkpointsChecked;
    }

    /** The position of the last checkpoint that held, or -1: records after it are not yet covered by a signature. */
    public long lastCheckpointPosition() {
        return lastCheckpointPosition;
    }
}
