package dev.twinledger.commandside.command;

import dev.twinledger.support.web.FieldError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/**
 * The problem+json answers specific to the command side, in the same shape as the shared advice's input errors.
 * Ordered first because the shared advice answers any exception it does not know with 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CommandProblems {

    /** 400 naming the header, e.g. {@code X-Reason}. */
    @ExceptionHandler(InvalidHeader.class)
    public ProblemDetail onInvalidHeader(InvalidHeader e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid input");
        problem.setProperty("errors", List.of(new FieldError(e.header(), e.reason())));
        return problem;
    }
}
