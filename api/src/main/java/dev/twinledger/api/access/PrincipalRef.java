package dev.twinledger.api.access;

import java.util.Objects;

/**
 * Who a grant is for.
 *
 * @param kind user or group, not null
 * @param id   the Keycloak username of a user, or the id of a group; not blank
 */
public record PrincipalRef(PrincipalKind kind, String id) {

    public PrincipalRef {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("principal id must not be blank");
        }
    }

    public static PrincipalRef user(String username) {
        return new PrincipalRef(PrincipalKind.USER, username);
    }

    public static PrincipalRef group(String groupId) {
        return new PrincipalRef(PrincipalKind.GROUP, groupId);
    }
}
