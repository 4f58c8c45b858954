package dev.twinledger.commandside.keycloaksync;

/** A Keycloak admin call failed: Keycloak unreachable, credentials refused, or an unexpected answer. */
public class KeycloakAdminException extends RuntimeException {

    public KeycloakAdminException(String message, Throwable cause) {
        super(message, cause);
    }

    public KeycloakAdminException(String message) {
        super(message);
    }
}
