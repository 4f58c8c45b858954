/**
 * Audit queries: the audit log by resource, actor, event type, site, time range and correlation id, paged by global
 * position; its export as JSON Lines or CSV with what offline verification needs; who may read it
 * ({@code audit:read} on a scope, {@link dev.twinledger.queryside.audit.AuditScopes}); and the log of those reads.
 */
package dev.twinledger.queryside.audit;
