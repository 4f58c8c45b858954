package dev.twinledger.queryside.audit;

import dev.twinledger.queryside.readmodel.ReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Writes one row of {@code audit_access_log} per request to the audit record, allowed or not. The row is written on
 * its own, outside any query's transaction, after the outcome is known. Failing to write it never fails the request:
 * the answer (or refusal) stands, and the loss is logged at WARN with what would have been written.
 */
@Component
public class AuditAccessLog {

    /** The request was answered. */
    public static final String ALLOWED = "allowed";
    /** The caller lacks audit:read on the scope, or the auditor realm role. */
    public static final String DENIED = "denied";
    /** A parameter was malformed or unknown (400). */
    public static final String INVALID = "invalid";
    /** What was asked for does not exist (404). */
    public static final String NOT_FOUND = "not-found";
    /** The read model did not reach minPosition in time (503). */
    public static final String UNAVAILABLE = "unavailable";
    /** Anything else: the request broke off (an export cut short, a database error). */
    public static final String FAILED = "failed";

    private static final Logger log = LoggerFactory.getLogger(AuditAccessLog.class);
    private static final int MAX_DETAIL = 2_000;

    private final ReadModel readModel;

    public AuditAccessLog(ReadModel readModel) {
        this.readModel = readModel;
    }

    /**
     * Records one request.
     *
     * @param request what was asked, by whom
     * @param outcome one of the constants of this class
     * @param scope   the scope audit:read was needed on, or null when the request did not get that far
     * @param detail  what was answered ("42 entries") or why not; cut to 2,000 characters
     */
    public void record(AuditRequest request, String outcome, String scope, String detail) {
        String shortDetail = detail == null || detail.length() <= MAX_DETAIL ? detail
                : detail.substring(0, MAX_DETAIL - 3) + "...";
        try {
            readModel.update("""
                    INSERT INTO audit_access_log (caller_subject, caller_username, request, outcome, scope, detail,
                                                  correlation_id)
                    VALUES (:subject, :username, :request, :outcome, :scope, :detail, :correlationId)""",
                    new MapSqlParameterSource()
                            .addValue("subject", request.caller().subject())
                            .addValue("username", request.caller().username())
                            .addValue("request", request.request())
                            .addValue("outcome", outcome)
                            .addValue("scope", scope)
                            .addValue("detail", shortDetail)
                            .addValue("correlationId", request.correlationId()));
            log.debug("audit access: {} {} -> {} ({}; {})", request.caller().username(), request.request(), outcome,
                    scope, shortDetail);
        } catch (RuntimeException e) {
            // The answer stands either way; a lost row must not turn it into a 500, but someone must see it.
            log.warn("audit access not recorded: {} {} -> {} ({}; {}): {}", request.caller().username(),
                    request.request(), outcome, scope, shortDetail, e.toString());
        }
    }
}
