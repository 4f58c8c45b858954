package dev.twinledger.queryside.audit;

import dev.twinledger.queryside.access.ScopeView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/** A question to the audit record the caller may not ask: 403 naming audit:read and the scope it is needed on. */
public class AuditReadRefused extends ErrorResponseException {

    AuditReadRefused(String question, AuditScope scope) {
        super(HttpStatus.FORBIDDEN, problem(question, scope), null);
    }

    private static ProblemDetail problem(String question, AuditScope scope) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, question
                + " needs audit:read on " + scope.text() + ", which you do not hold there");
        problem.setTitle("Forbidden");
        problem.setProperty("permissions", List.of("audit:read"));
        problem.setProperty("scope", ScopeView.of(scope.scope()));
        return problem;
    }
}
