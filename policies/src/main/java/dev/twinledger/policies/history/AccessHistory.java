package dev.twinledger.policies.history;

import dev.twinledger.api.access.GrantApproved;
import dev.twinledger.api.access.GrantRejected;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.GroupCreated;
import dev.twinledger.api.access.GroupMemberAdded;
import dev.twinledger.api.access.GroupMemberRemoved;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.access.RoleRetired;
import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.EventStamp;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.GroupMembership;
import dev.twinledger.policies.grant.Justification;
import dev.twinledger.policies.grant.Validity;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.role.Role;
import dev.twinledger.policies.role.RoleCatalog;
import org.pcollections.PSortedSet;
import org.pcollections.TreePSet;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The access directory folded from its events, in their global order: grants with who requested, approved and
 * revoked them and when (the actor each event names, not its metadata), group memberships with their intervals, the
 * groups, and the role catalog as it stood from each change on. Immutable: {@link #apply} answers a new history.
 *
 * <p>One history answers for any instant up to its last event: a grant or membership carries the instants of its
 * events, and {@link #at} pairs them with the role catalog in force then, so a past check uses each role as it was.
 * Events it does not know (inventory, reviews, denials, expiry records) leave it unchanged: a grant stops giving at
 * its end time whether or not its expiry has been recorded.
 *
 * <p>Each event costs about a logarithm of the history's size (the state shares what it does not change, see
 * {@link AccessState}), so folding a history of n events from empty costs about n log n; a role change copies only
 * the small timeline of catalogs.
 */
public final class AccessHistory {

    private static final AccessHistory EMPTY = new AccessHistory(
            AccessState.empty(RoleCatalog.of(Set.of(), Set.of())), Collections.emptyNavigableMap(),
            TreePSet.empty(), -1);

    private final AccessState state;
    private final NavigableMap<Instant, RoleCatalog> catalogs;
    private final PSortedSet<String> groups;
    private final long position;

    private AccessHistory(AccessState state, NavigableMap<Instant, RoleCatalog> catalogs, PSortedSet<String> groups,
                          long position) {
        this.state = state;
        this.catalogs = catalogs;
        this.groups = groups;
        this.position = position;
    }

    /** Nothing has happened: no roles, no groups, no grants. */
    public static AccessHistory empty() {
        return EMPTY;
    }

    /**
     * Folds one event in. Events must come in their global order, each once.
     *
     * @param event any event payload; those not about access leave the history as it is (but advance its position)
     * @param stamp who caused it, when, its id and its global position
     * @throws IllegalStateException when the event names a grant this history does not hold, or contradicts it (a
     *                               second approval, a second revocation)
     */
    public AccessHistory apply(Object event, EventStamp stamp) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(stamp, "stamp");
        long at = Math.max(position, stamp.position());
        if (event instanceof RoleDefined defined) {
            return withCatalog(catalog().with(new Role(defined.role(), permissions(defined.permissions())))
                    .withPrivileged(privileged(defined.role(), defined.privileged())), stamp, at);
        }
        if (event instanceof RoleRetired retired) {
            return withCatalog(catalog().without(retired.role()), stamp, at);
        }
        if (event instanceof GroupCreated created) {
            return new AccessHistory(state, catalogs, groups.plus(created.groupId()), at);
        }
        if (event instanceof GroupMemberAdded added) {
            Validity validity = new Validity(orAt(added.validFrom(), stamp), added.validUntil());
            return with(state.withMembership(new GroupMembership(added.groupId(), added.username(), validity,
                    by(added.addedBy(), stamp))), at);
        }
        if (event instanceof GroupMemberRemoved removed) {
            return with(state.withMembershipEnded(removed.groupId(), removed.username(), stamp.at()), at);
        }
        if (event instanceof GrantRequested requested) {
            Grant grant = Grant.requested(requested.grantId(), AccessValues.principal(requested.principal()),
                    requested.role(), AccessValues.scope(requested.scope()),
                    new Validity(orAt(requested.validFrom(), stamp), requested.validUntil()),
                    new Justification(requested.justification(), requested.ticket()),
                    requested.approvalRequired(), by(requested.requestedBy(), stamp));
            return with(state.withGrant(grant), at);
        }
        if (event instanceof GrantApproved approved) {
            return with(state.withGrant(grant(approved.grantId()).approve(by(approved.approvedBy(), stamp))), at);
        }
        if (event instanceof GrantRejected rejected) {
            return with(state.withGrant(grant(rejected.grantId()).revoke(by(rejected.rejectedBy(), stamp))), at);
        }
        if (event instanceof GrantRevoked revoked) {
            return with(state.withGrant(grant(revoked.grantId()).revoke(by(revoked.revokedBy(), stamp))), at);
        }
        return at == position ? this : new AccessHistory(state, catalogs, groups, at);
    }

    /** The access state now: every grant and membership, and the latest role catalog. */
    public AccessState current() {
        return state;
    }

    /**
     * The access state for a check at {@code at}: every grant and membership (each knows when it existed, was
     * approved, revoked and valid), with the role catalog in force at {@code at}.
     */
    public AccessState at(Instant at) {
        return state.withRoles(rolesAt(at));
    }

    /** The role catalog in force at {@code at}: the one set by the last role change at or before it. */
    public RoleCatalog rolesAt(Instant at) {
        Map.Entry<Instant, RoleCatalog> entry = catalogs.floorEntry(Objects.requireNonNull(at, "at"));
        return entry == null ? EMPTY.state.roles() : entry.getValue();
    }

    /** The ids of every group created, sorted. */
    public SortedSet<String> groups() {
        return groups;
    }

    /** The global position of the last event folded in, or -1 when none. */
    public long position() {
        return position;
    }

    private RoleCatalog catalog() {
        return state.roles();
    }

    private Set<String> privileged(String role, boolean privileged) {
        Set<String> names = new TreeSet<>(catalog().privileged());
        if (privileged) {
            names.add(role);
        } else {
            names.remove(role);
        }
        return names;
    }

    private AccessHistory withCatalog(RoleCatalog catalog, EventStamp stamp, long at) {
        NavigableMap<Instant, RoleCatalog> changed = new TreeMap<>(catalogs);
        changed.put(stamp.at(), catalog);
        return new AccessHistory(state.withRoles(catalog), Collections.unmodifiableNavigableMap(changed), groups, at);
    }

    private AccessHistory with(AccessState changed, long at) {
        return new AccessHistory(changed, catalogs, groups, at);
    }

    private Grant grant(String id) {
        return state.grant(id).orElseThrow(() -> new IllegalStateException("no grant " + id + " in the history"));
    }

    /** The stamp with the actor the event itself names: who requested, approved, revoked, added. */
    private static EventStamp by(String actor, EventStamp stamp) {
        return new EventStamp(actor, stamp.at(), stamp.eventId(), stamp.position());
    }

    private static Instant orAt(Instant instant, EventStamp stamp) {
        return instant == null ? stamp.at() : instant;
    }

    private static Set<Permission> permissions(Set<String> written) {
        return written.stream().map(Permission::parse).collect(Collectors.toSet());
    }
}
