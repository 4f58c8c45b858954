package dev.twinledger.queryside.inventory;

/** Texts shared by the endpoints' OpenAPI annotations. */
final class ApiDocs {

    static final String MIN_POSITION = "Global position from a command response. The request waits (bounded, "
            + "twinledger.query.min-position-timeout) until the read model has applied that event, so the answer "
            + "includes it; 503 with Retry-After if it does not happen in time.";
    static final String PAGE = "Zero-based page number, at least 0";
    static final String SIZE = "Page size, 1 to 500";

    private ApiDocs() {
    }

    /** Query parameters given empty ({@code ?site=}) mean "no filter", like absent ones. */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
