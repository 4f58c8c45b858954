package dev.twinledger.queryside.access;

import dev.twinledger.support.web.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/** A query parameter that does not parse or makes no sense: 400 problem+json whose {@code errors} name it. */
public class InvalidAccessParameter extends ErrorResponseException {

    InvalidAccessParameter(String parameter, String reason) {
        super(HttpStatus.BAD_REQUEST, problem(parameter, reason), null);
    }

    private static ProblemDetail problem(String parameter, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, parameter + ": " + reason);
        problem.setTitle("Invalid input");
        problem.setProperty("errors", List.of(new FieldError(parameter, reason)));
        return problem;
    }
}
