package dev.twinledger.queryside.audit;

import dev.twinledger.support.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;

/**
 * One request to the audit record on its way to its access-log row: the controller names the scope once it knows
 * it, and ends the call either with its answer or with the exception that answers it. Exactly one row is written.
 */
final class AuditCall {

    private final AuditAccessLog accessLog;
    private final AuditRequest request;
    private AuditScope scope;

    private AuditCall(AuditAccessLog accessLog, AuditRequest request) {
        this.accessLog = accessLog;
        this.request = request;
    }

    static AuditCall start(AuditAccessLog accessLog, Authentication authentication, HttpServletRequest http) {
        return new AuditCall(accessLog, AuditRequest.of(authentication, http));
    }

    AuditRequest request() {
        return request;
    }

    /** The scope audit:read is needed on. */
    AuditScope scope(AuditScope scope) {
        this.scope = scope;
        return scope;
    }

    AuditScope scope() {
        return scope;
    }

    /** Records the answer and returns it. */
    <T> T allowed(T answer, String detail) {
        accessLog.record(request, AuditAccessLog.ALLOWED, scopeText(), detail);
        return answer;
    }

    /** Records the failure and returns it, to be thrown. */
    RuntimeException failed(RuntimeException e) {
        accessLog.record(request, outcomeOf(e), scopeText(), detailOf(e));
        return e;
    }

    private String scopeText() {
        return scope == null ? null : scope.text();
    }

    static String outcomeOf(Throwable e) {
        int status = e instanceof ErrorResponseException response ? response.getStatusCode().value()
                : e instanceof ApiException api ? api.status().value() : 500;
        return switch (status) {
            case 400 -> AuditAccessLog.INVALID;
            case 403 -> AuditAccessLog.DENIED;
            case 404 -> AuditAccessLog.NOT_FOUND;
            case 503 -> AuditAccessLog.UNAVAILABLE;
            default -> AuditAccessLog.FAILED;
        };
    }

    static String detailOf(Throwable e) {
        if (e instanceof ErrorResponseException response && response.getBody().getDetail() != null) {
            return response.getBody().getDetail();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
