package dev.twinledger.commandside.keycloaksync;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the sync last pushed to (or found agreeing in) Keycloak and recorded: the baseline against which a change made
 * in Keycloak by someone else shows as drift.
 *
 * @param groups      the group ids Twinledger created or adopted under the parent group; unmodifiable
 * @param memberships the memberships Twinledger put (or found) in Keycloak and has not removed since; unmodifiable
 */
public record PushedState(SortedSet<String> groups, SortedSet<Membership> memberships) {

    /** Nothing pushed yet. */
    public static final PushedState NONE = new PushedState(new TreeSet<>(), new TreeSet<>());

    public PushedState {
        groups = Collections.unmodifiableSortedSet(new TreeSet<>(groups));
        memberships = Collections.unmodifiableSortedSet(new TreeSet<>(memberships));
    }
}
