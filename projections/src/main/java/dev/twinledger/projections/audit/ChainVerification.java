package dev.twinledger.projections.audit;

import dev.twinledger.auditformat.ChainProblem;

import java.util.List;

/**
 * What a verification of the audit chain over a range found.
 *
 * @param intact              true when every record and checkpoint in the range held
 * @param from                the first position asked about
 * @param to                  the last position asked about (the chain's head when none was given)
 * @param anchorPosition      where the walk started: -1 for the genesis, else the position of the checkpoint before
 *                            {@code from} whose signature was checked first
 * @param recordsChecked      records whose content, digest and links were recomputed
 * @param checkpointsChecked  checkpoints whose chain hash and signature held
 * @param lastCheckpoint      position of the last checkpoint that held, -1 if none
 * @param unsignedRecords     records checked after the last checkpoint that held: intact as a chain, but not yet
 *                            covered by a signature
 * @param pendingRecords      records in the range not sealed yet (they arrived recently)
 * @param lateRecords         positions (at most 100) that arrived after the chain was sealed past them and stay out
 *                            of it
 * @param firstProblem        the first position where something does not hold, or null
 */
public record ChainVerification(boolean intact, long from, long to, long anchorPosition, long recordsChecked,
                                long checkpointsChecked, long lastCheckpoint, long unsignedRecords,
                                long pendingRecords, List<Long> lateRecords, ChainProblem firstProblem) {
}
