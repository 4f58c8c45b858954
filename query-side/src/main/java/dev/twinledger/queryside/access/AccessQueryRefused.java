package dev.twinledger.queryside.access;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/**
 * An access query the caller may not ask: answered 403 problem+json naming the permissions that would allow it and
 * the scope they are needed on. Extends {@link ErrorResponseException} so the shared problem+json advice renders it.
 */
public class AccessQueryRefused extends ErrorResponseException {

    AccessQueryRefused(String question, List<String> permissions, ScopeView scope) {
        super(HttpStatus.FORBIDDEN, problem(question, permissions, scope), null);
    }

    private static ProblemDetail problem(String question, List<String> permissions, ScopeView scope) {
        // One permission: an audit read of the inventory, where asking about oneself means nothing.
        String held = permissions.size() == 1 ? "you do not hold it there."
                : "you hold neither there. Anyone may ask about their own access.";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, question + " needs "
                + String.join(" or ", permissions) + " on " + scope.text() + "; " + held);
        problem.setTitle("Forbidden");
        problem.setProperty("permissions", permissions);
        problem.setProperty("scope", scope);
        return problem;
    }
}
