package dev.twinledger.commandside.keycloaksync;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * One user in one Twinledger group, as the sync compares it.
 *
 * @param group    the group id (also its Keycloak group name); not blank
 * @param username the Keycloak username, kept in lower case because Keycloak stores and compares usernames so; not
 *                 blank
 */
public record Membership(String group, String username) implements Comparable<Membership> {

    private static final Comparator<Membership> ORDER =
            Comparator.comparing(Membership::group).thenComparing(Membership::username);

    public Membership {
        requireText(group, "group");
        username = requireText(username, "username").toLowerCase(Locale.ROOT);
    }

    @Override
    public int compareTo(Membership other) {
        return ORDER.compare(this, other);
    }

    static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
