package dev.twinledger.queryside.consistency;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;

/**
 * The read model had not applied the requested position when the wait ran out.
 *
 * <p>Answered {@code 503 Service Unavailable} with {@code Retry-After} and a problem+json body. Why 503: the
 * request is valid and the data will be there, but this service cannot give a consistent answer right now. A 200
 * with older data would silently break read-your-writes (and could show access that was already revoked); 404 would
 * claim the resource does not exist; 504 is for gateways timing out on an upstream. Retry-After is 1 s, short on
 * purpose: each attempt already waits up to the server-side timeout, so a client that honours it is paced by that
 * wait, and catches up within about a second of the projection doing so.
 *
 * <p>Extends {@link ErrorResponseException} so that the shared problem+json advice renders it, headers included.
 */
public class ReadModelNotCaughtUpException extends ErrorResponseException {

    /** Seconds a client should wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 1;

    public ReadModelNotCaughtUpException(String siteId, long minPosition, Duration waited) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(siteId, minPosition, waited), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    }

    private static ProblemDetail problem(String siteId, long minPosition, Duration waited) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The read model at site " + siteId + " has not caught up yet: the event at position " + minPosition
                        + " was not applied within " + waited.toMillis() + " ms. Retry after "
                        + RETRY_AFTER_SECONDS + " s, or omit minPosition to read the current state.");
        problem.setTitle("Read model not caught up");
        problem.setProperty("minPosition", minPosition);
        problem.setProperty("site", siteId);
        return problem;
    }
}
