package dev.twinledger.auditformat;

/**
 * Where a chain stops holding, and why.
 *
 * @param position the global position of the record or checkpoint that does not hold
 * @param kind     what is wrong there
 * @param detail   a sentence for people, naming the expected and found values
 */
public record ChainProblem(long position, Kind kind, String detail) {

    /** What can be wrong at a position. */
    public enum Kind {
        /** The record's content no longer gives the digest recorded for it: the record was changed. */
        CONTENT_ALTERED,
        /** The record's previous hash is not the chain hash of the record before it: a record was removed, inserted
         * or reordered, or the link was edited. */
        LINK_BROKEN,
        /** The record's chain hash is not the hash of its previous hash and digest: the hash was edited. */
        HASH_MISMATCH,
        /** Positions do not increase. */
        OUT_OF_ORDER,
        /** A signed checkpoint names a chain hash (or record count) the chain does not have at its position. */
        CHECKPOINT_MISMATCH,
        /** A checkpoint's signature does not verify with the key it names. */
        CHECKPOINT_SIGNATURE_INVALID,
        /** A checkpoint is signed by a key that is not trusted. */
        CHECKPOINT_KEY_UNTRUSTED
    }
}
