package dev.twinledger.benchmarks;

import dev.twinledger.api.access.GrantApproved;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.GroupCreated;
import dev.twinledger.api.access.GroupMemberAdded;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.EventStamp;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.GroupMembership;
import dev.twinledger.policies.history.AccessHistory;
import dev.twinledger.policies.history.AccessValues;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.role.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The event history that folds into a generated {@link AccessState}: the roles, the groups, every membership, then
 * every grant's request followed by its approval and revocation, in one global order. What a command side or
 * query side starting on the benchmark estate folds with {@link AccessHistory#apply}.
 *
 * @param payloads the events, in global order
 * @param stamps   each event's stamp, position = index
 */
public record AccessHistoryEvents(List<Object> payloads, List<EventStamp> stamps) {

    /** The history of {@code state}. */
    public static AccessHistoryEvents of(AccessState state) {
        List<Object> payloads = new ArrayList<>();
        List<EventStamp> stamps = new ArrayList<>();
        Instant start = AccessStateGenerator.EPOCH.minus(Duration.ofDays(1));
        for (Role role : state.roles().roles().values()) {
            add(payloads, stamps, new RoleDefined(role.name(), names(role.permissions()),
                    state.roles().isPrivileged(role.name()), Set.of(), "bootstrap"), start);
        }
        Set<String> groups = new TreeSet<>();
        state.memberships().forEach(membership -> groups.add(membership.groupId()));
        state.grants().stream().filter(grant -> !grant.principal().isUser())
                .forEach(grant -> groups.add(grant.principal().id()));
        for (String group : groups) {
            add(payloads, stamps, new GroupCreated(group, "generated", "bootstrap"), start);
        }
        for (GroupMembership membership : state.memberships()) {
            add(payloads, stamps, new GroupMemberAdded(membership.groupId(), membership.userId(),
                    membership.validity().from(), membership.validity().until(), membership.added().actor()),
                    membership.added().at());
        }
        for (Grant grant : state.grants()) {
            add(payloads, stamps, new GrantRequested(grant.id(), AccessValues.principal(grant.principal()),
                    grant.role(), AccessValues.scope(grant.scope()), grant.validity().from(),
                    grant.validity().until(), grant.justification().text(), grant.justification().ticket(),
                    grant.requester(), grant.approvalRequired()), grant.requested().at());
            if (grant.approved() != null) {
                add(payloads, stamps, new GrantApproved(grant.id(), grant.approved().actor()), grant.approved().at());
            }
            if (grant.revoked() != null) {
                add(payloads, stamps, new GrantRevoked(grant.id(), grant.revoked().actor(), "generated"),
                        grant.revoked().at());
            }
        }
        return new AccessHistoryEvents(List.copyOf(payloads), List.copyOf(stamps));
    }

    /** Every event folded into an empty history. */
    public AccessHistory fold() {
        AccessHistory history = AccessHistory.empty();
        for (int i = 0; i < payloads.size(); i++) {
            history = history.apply(payloads.get(i), stamps.get(i));
        }
        return history;
    }

    /** How many events. */
    public int size() {
        return payloads.size();
    }

    private static void add(List<Object> payloads, List<EventStamp> stamps, Object payload, Instant at) {
        stamps.add(new EventStamp("bootstrap", at, "e" + payloads.size(), payloads.size()));
        payloads.add(payload);
    }

    private static Set<String> names(Set<Permission> permissions) {
        return permissions.stream().map(Permission::toString).collect(Collectors.toSet());
    }
}
