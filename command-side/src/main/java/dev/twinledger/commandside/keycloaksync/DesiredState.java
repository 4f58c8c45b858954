package dev.twinledger.commandside.keycloaksync;

import dev.twinledger.policies.grant.GroupMembership;
import dev.twinledger.policies.history.AccessHistory;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What Keycloak should hold according to the access directory at one instant: every group created in the directory,
 * and the memberships valid then (started, not ended, not removed).
 *
 * @param groups      the group ids; unmodifiable
 * @param memberships the memberships valid at the instant, each of a group in {@code groups}; unmodifiable
 */
public record DesiredState(SortedSet<String> groups, SortedSet<Membership> memberships) {

    public DesiredState {
        groups = Collections.unmodifiableSortedSet(new TreeSet<>(groups));
        memberships = Collections.unmodifiableSortedSet(new TreeSet<>(memberships));
    }

    /** The directory's groups and the memberships valid at {@code now}. */
    public static DesiredState of(AccessHistory history, Instant now) {
        Objects.requireNonNull(now, "now");
        Set<String> groups = history.groups();
        SortedSet<Membership> valid = new TreeSet<>();
        for (GroupMembership membership : history.current().memberships()) {
            // A membership's validity is half-open: at its end instant it no longer holds, so the sync removes it.
            if (groups.contains(membership.groupId()) && membership.existsAt(now)
                    && membership.validity().contains(now)) {
                valid.add(new Membership(membership.groupId(), membership.userId()));
            }
        }
        return new DesiredState(new TreeSet<>(groups), valid);
    }
}
