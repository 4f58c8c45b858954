package dev.twinledger.queryside.audit;

import dev.twinledger.support.security.Caller;
import dev.twinledger.support.web.CorrelationIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;

/**
 * One request to the audit record as its access log names it, taken while the request is being handled (an export
 * records its outcome later, from another thread, when the servlet request may be gone).
 *
 * @param caller        who asked
 * @param request       method, path and query string, e.g. {@code GET /api/audit/events?resource=web-1}
 * @param correlationId the request's correlation id, or null
 */
public record AuditRequest(Caller caller, String request, String correlationId) {

    /** The request being handled, by the authenticated caller. */
    public static AuditRequest of(Authentication authentication, HttpServletRequest request) {
        return new AuditRequest(Caller.of(authentication), describe(request), correlationId(request));
    }

    /** {@code METHOD /path?query}. */
    static String describe(HttpServletRequest request) {
        return request.getMethod() + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }

    private static String correlationId(HttpServletRequest request) {
        Object id = request.getAttribute(CorrelationIdFilter.ATTRIBUTE);
        return id != null ? id.toString() : MDC.get("correlationId");
    }
}
