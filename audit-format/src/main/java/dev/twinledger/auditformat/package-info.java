/**
 * The tamper-evident audit record, shared by the service that writes it and the auditor who checks it offline.
 *
 * <ul>
 *   <li>{@link dev.twinledger.auditformat.AuditRecord}: one stored event as the audit log keeps it, and its
 *       {@link dev.twinledger.auditformat.CanonicalJson canonical form};</li>
 *   <li>{@link dev.twinledger.auditformat.AuditHashes}: the content digest of a record and the chain hash linking it
 *       to the record before it in global order;</li>
 *   <li>{@link dev.twinledger.auditformat.AuditCheckpoint}: a chain hash at a position, signed with the service's key
 *       ({@link dev.twinledger.auditformat.CheckpointSigner}, {@link dev.twinledger.auditformat.SigningKeys});</li>
 *   <li>{@link dev.twinledger.auditformat.ChainWalk}: walks a chain segment and names the first position where the
 *       record, a link or a checkpoint does not hold.</li>
 * </ul>
 * The rules are spelled out in docs/audit-format.md; this package is their only implementation.
 */
package dev.twinledger.auditformat;
