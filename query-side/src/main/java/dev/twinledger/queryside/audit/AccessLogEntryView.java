package dev.twinledger.queryside.audit;

import java.time.Instant;

/**
 * One read of the audit record: who asked what, and what came of it.
 *
 * @param id            the entry's number, increasing; the key of {@code after}
 * @param accessedAt    when
 * @param caller        who asked
 * @param request       method, path and query string
 * @param outcome       {@code allowed}, {@code denied} (no audit:read on the scope, or no auditor realm role),
 *                      {@code invalid} (400), {@code not-found}, {@code unavailable} (503) or {@code failed}
 * @param scope         the scope audit:read was needed on, or null when the request did not get that far
 * @param detail        what was answered ("42 entries") or why not
 * @param correlationId the request's correlation id
 */
public record AccessLogEntryView(long id, Instant accessedAt, AuditEntryView.ActorView caller, String request,
                                 String outcome, String scope, String detail, String correlationId) {
}
