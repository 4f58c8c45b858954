package dev.twinledger.queryside.audit;

import dev.twinledger.support.security.DeniedAttemptRecorder;
import dev.twinledger.support.security.LoggingDeniedAttemptRecorder;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The query side's record of requests the filter chain refused (a valid token without the realm role an endpoint
 * needs): logged as every service logs them, and, for the audit record's endpoints, also written to the audit access
 * log, so that a viewer's attempt to read the audit log is itself on record.
 */
@Component
class RealmGateRefusals implements DeniedAttemptRecorder {

    private static final String AUDIT_PATHS = "/api/audit/";

    private final DeniedAttemptRecorder logging = new LoggingDeniedAttemptRecorder();
    private final AuditAccessLog accessLog;

    RealmGateRefusals(AuditAccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @Override
    public void record(Authentication caller, HttpServletRequest request, String reason) {
        logging.record(caller, request, reason);
        if (request.getRequestURI().startsWith(request.getContextPath() + AUDIT_PATHS)) {
            accessLog.record(AuditRequest.of(caller, request), AuditAccessLog.DENIED, null, reason);
        }
    }
}
