package dev.twinledger.policies.rules;

import java.util.Objects;

/**
 * Two different roles that one principal must not hold on overlapping scopes at overlapping times. Unordered: the
 * constructor puts the names in alphabetical order, so {@code (a, b)} equals {@code (b, a)}.
 *
 * @param first  one role's name; not null
 * @param second the other role's name; not null, not equal to {@code first}
 */
public record RolePair(String first, String second) {

    /** Checks the names and orders them. */
    public RolePair {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first.equals(second)) {
            throw new IllegalArgumentException("a role cannot conflict with itself: " + first);
        }
        if (first.compareTo(second) > 0) {
            String swap = first;
            first = second;
            second = swap;
        }
    }
}
