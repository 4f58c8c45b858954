package dev.twinledger.queryside.access;

import dev.twinledger.policies.evaluation.Coverage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The effective access matrix of a scope at an instant: one row per user who holds any permission on some of it.
 *
 * @param scope the scope
 * @param asOf  the instant
 * @param rows  the users, sorted by username
 */
public record MatrixView(ScopeView scope, Instant asOf, List<Row> rows) {

    /**
     * One user's permissions on the scope.
     *
     * @param user        the username
     * @param permissions each permission the user holds there, sorted: {@code WHOLE} when a grant's scope contains the
     *                    whole scope, {@code PART} when grants only overlap it
     */
    public record Row(String user, Map<String, Coverage> permissions) {
    }
}
