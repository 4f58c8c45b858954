package dev.twinledger.policies.grant;

import java.util.Objects;

/**
 * Who a grant is given to: a user (the Keycloak subject or username the caller keys users by) or a group governed
 * here. Written {@code user:alice} or {@code group:ops}.
 *
 * @param kind user or group; not null
 * @param id   the user's or group's id; not null, not blank
 */
public record Principal(Kind kind, String id) {

    /** The two kinds of principal. */
    public enum Kind {
        /** A person or a service account. */
        USER,
        /** A set of users; a grant to a group reaches every user who is a member at the time of a check. */
        GROUP
    }

    /** Checks both parts: null gives {@link NullPointerException}, a blank id {@link IllegalArgumentException}. */
    public Principal {
        Objects.requireNonNull(kind, "kind");
        requireId(id, "principal id");
    }

    /** The user {@code id}. */
    public static Principal user(String id) {
        return new Principal(Kind.USER, id);
    }

    /** The group {@code id}. */
    public static Principal group(String id) {
        return new Principal(Kind.GROUP, id);
    }

    /** Whether this principal is a user. */
    public boolean isUser() {
        return kind == Kind.USER;
    }

    /** {@code user:<id>} or {@code group:<id>}. */
    @Override
    public String toString() {
        return (isUser() ? "user:" : "group:") + id;
    }

    static String requireId(String id, String what) {
        Objects.requireNonNull(id, what);
        if (id.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return id;
    }
}
