package dev.twinledger.queryside.audit;

import dev.twinledger.auditformat.ChainProblem;
import dev.twinledger.projections.audit.ChainVerification;

import java.util.List;

/**
 * The answer of {@code GET /api/audit/verify}.
 *
 * @param intact             true when every record and checkpoint in the range held and none arrived late
 * @param summary            the outcome in one sentence
 * @param from               first position checked
 * @param to                 last position checked (the chain's head when not given)
 * @param anchorCheckpoint   the signed checkpoint the walk started from, null when it started at the genesis
 * @param recordsChecked     records in the range whose content, digest and links were recomputed
 * @param checkpointsChecked checkpoints whose chain hash and signature held
 * @param lastCheckpoint     the position of the last checkpoint that held, null if none
 * @param unsignedRecords    records after the last checkpoint: linked, but not yet covered by a signature
 * @param pendingRecords     records in the range not sealed yet
 * @param lateRecords        positions that arrived after the chain was sealed past them (kept outside it)
 * @param firstProblem       the first position where something does not hold, null when intact
 */
public record ChainVerificationView(boolean intact, String summary, long from, long to, Long anchorCheckpoint,
                                    long recordsChecked, long checkpointsChecked, Long lastCheckpoint,
                                    long unsignedRecords, long pendingRecords, List<Long> lateRecords,
                                    Problem firstProblem) {

    /**
     * Where the chain stops holding.
     *
     * @param position the global position
     * @param kind     CONTENT_ALTERED, LINK_BROKEN, HASH_MISMATCH, OUT_OF_ORDER, CHECKPOINT_MISMATCH,
     *                 CHECKPOINT_SIGNATURE_INVALID or CHECKPOINT_KEY_UNTRUSTED
     * @param detail   what was expected and what was found
     */
    public record Problem(long position, String kind, String detail) {
    }

    static ChainVerificationView of(ChainVerification v) {
        ChainProblem problem = v.firstProblem();
        String summary;
        if (problem != null) {
            summary = "Broken at position " + problem.position() + ": " + problem.detail();
        } else if (!v.lateRecords().isEmpty()) {
            summary = v.lateRecords().size() + " record(s) arrived after the chain was sealed past them and are not"
                    + " in it, the first at position " + v.lateRecords().get(0);
        } else {
            summary = "Intact: " + v.recordsChecked() + " records from position " + v.from() + " to " + v.to()
                    + " and " + v.checkpointsChecked() + " checkpoints hold"
                    + (v.unsignedRecords() > 0 ? "; the last " + v.unsignedRecords()
                    + " records are not covered by a checkpoint yet" : "")
                    + (v.pendingRecords() > 0 ? "; " + v.pendingRecords() + " records are not sealed yet" : "");
        }
        return new ChainVerificationView(v.intact(), summary, v.from(), v.to(),
                v.anchorPosition() < 0 ? null : v.anchorPosition(), v.recordsChecked(), v.checkpointsChecked(),
                v.lastCheckpoint() < 0 ? null : v.lastCheckpoint(), v.unsignedRecords(), v.pendingRecords(),
                v.lateRecords(),
                problem == null ? null : new Problem(problem.position(), problem.kind().name(), problem.detail()));
    }
}
