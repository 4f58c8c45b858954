package dev.twinledger.support.web;

import org.springframework.http.HttpStatus;

/**
 * An error a controller raises on purpose; answered as problem+json with its status, title and detail.
 * Use the factories so titles stay consistent across services.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public ApiException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** 404: the named resource does not exist (or not yet in this read model). */
    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    /** 409: the request conflicts with the current state (duplicate id, concurrent change). */
    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail);
    }

    /** 422: well-formed, but breaks a business rule. */
    public static ApiException unprocessable(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Rule violated", detail);
    }

    /** 400: a parameter is malformed or out of range. */
    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }
}
