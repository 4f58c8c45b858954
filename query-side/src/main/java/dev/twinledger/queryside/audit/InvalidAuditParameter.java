package dev.twinledger.queryside.audit;

import dev.twinledger.support.web.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.List;
import java.util.stream.Collectors;

/** Query parameters of an audit request that do not parse, make no sense, or are unknown: 400 naming each one. */
public class InvalidAuditParameter extends ErrorResponseException {

    private final transient List<FieldError> errors;

    InvalidAuditParameter(List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, problem(errors), null);
        this.errors = List.copyOf(errors);
    }

    /** The parameters named, each with what is wrong with it. */
    public List<FieldError> errors() {
        return errors;
    }

    /** For the access log: {@code name: reason; ...}. */
    String summary() {
        return errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; "));
    }

    private static ProblemDetail problem(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ")));
        problem.setTitle("Invalid input");
        problem.setProperty("errors", errors);
        return problem;
    }
}
