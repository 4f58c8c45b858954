package dev.twinledger.keycloak;

/**
 * Keycloak refused a token request. Carries the HTTP status (400 {@code invalid_grant} for a wrong user password, 401 for a wrong client secret) and Keycloak's error
 * body, so tests can assert on refusals.
 */
public final class TokenRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String responseBody;

    public TokenRequestException(int status, String responseBody) {
        super("Token request refused with HTTP " + status + ": " + responseBody);
        this.status = status;
        this.responseBody = responseBody;
    }

    /** The HTTP status Keycloak answered with. */
    public int status() {
        return status;
    }

    /** Keycloak's response body, normally JSON with {@code error} and {@code error_description}. */
    public String responseBody() {
        return responseBody;
    }
}
