package dev.twinledger.queryside.web;

import dev.twinledger.support.web.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/**
 * A query parameter that is missing, does not parse or makes no sense: 400 problem+json whose {@code errors} name
 * it, the shape the shared advice gives Spring's own binding errors. Extends {@link ErrorResponseException} so that
 * advice renders it.
 */
public class InvalidParameter extends ErrorResponseException {

    /** {@code parameter} is invalid because of {@code reason} (a sentence fragment such as "must not be blank"). */
    public InvalidParameter(String parameter, String reason) {
        super(HttpStatus.BAD_REQUEST, problem(parameter, reason), null);
    }

    private static ProblemDetail problem(String parameter, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, parameter + ": " + reason);
        problem.setTitle("Invalid input");
        problem.setProperty("errors", List.of(new FieldError(parameter, reason)));
        return problem;
    }
}
