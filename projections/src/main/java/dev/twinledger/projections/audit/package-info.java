/**
 * The audit log: every event as a row ({@link dev.twinledger.projections.audit.AuditLogProjection}), linked into one
 * hash chain in global order and signed at intervals ({@link dev.twinledger.projections.audit.AuditChainSealer}).
 * The format of the record, the chain and the checkpoints is module audit-format's; ADR 14 says why it is built
 * this way.
 */
package dev.twinledger.projections.audit;
