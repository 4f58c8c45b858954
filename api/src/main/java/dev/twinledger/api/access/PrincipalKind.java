package dev.twinledger.api.access;

/** Whether a principal is a user (a Keycloak username) or a group governed here. */
public enum PrincipalKind {
    USER,
    GROUP
}
