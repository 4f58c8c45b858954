package dev.twinledger.queryside.web;

/** Texts shared by the endpoints' OpenAPI annotations, and the handling of empty query parameters. */
public final class ApiDocs {

    public static final String MIN_POSITION = "Global position from a command response. The request waits (bounded, "
            + "twinledger.query.min-position-timeout) until the read model has applied that event, so the answer "
            + "includes it; 503 with Retry-After if it does not happen in time.";
    public static final String PAGE = "Zero-based page number, at least 0";
    public static final String SIZE = "Page size, 1 to 500";

    private ApiDocs() {
    }

    /** Query parameters given empty ({@code ?site=}) mean "no filter", like absent ones. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
