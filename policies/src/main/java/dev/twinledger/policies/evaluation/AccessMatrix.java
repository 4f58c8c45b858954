package dev.twinledger.policies.evaluation;

import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.scope.Scope;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Who holds which permission within a scope at an instant: one row per user who holds anything there (directly or
 * through groups), one cell per permission, saying whether the user holds it on the whole scope or part of it.
 *
 * @param scope the scope; not null
 * @param at    the instant; not null
 * @param rows  user id to permission to coverage; not null, no empty rows; kept sorted and unmodifiable
 */
public record AccessMatrix(Scope scope, Instant at, Map<String, Map<Permission, Coverage>> rows) {

    /** Copies the rows into sorted, unmodifiable maps. */
    public AccessMatrix {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(at, "at");
        SortedMap<String, Map<Permission, Coverage>> copy = new TreeMap<>();
        rows.forEach((user, cells) -> {
            if (cells.isEmpty()) {
                throw new IllegalArgumentException("user " + user + " has an empty row");
            }
            copy.put(user, Collections.unmodifiableSortedMap(new TreeMap<>(cells)));
        });
        rows = Collections.unmodifiableSortedMap(copy);
    }

    /** How much of the scope {@code userId} holds {@code permission} on; empty when none of it. */
    public Optional<Coverage> coverage(String userId, Permission permission) {
        return Optional.ofNullable(rows.get(userId)).map(cells -> cells.get(permission));
    }
}
