package dev.twinledger.policies.grant;

import dev.twinledger.policies.role.RoleCatalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An immutable snapshot of everything access depends on: the role catalog, the grants (in any status) and the group
 * memberships. Grants and memberships carry their own instants, so one snapshot answers for any moment up to the
 * last event folded into it; the role catalog is taken as given, so for a past moment pass the catalog as it was
 * then. Every "with" method returns a new snapshot.
 */
public final class AccessState {

    private final RoleCatalog roles;
    private final List<Grant> grants;
    private final List<GroupMembership> memberships;
    private final Map<Principal, List<Grant>> grantsByPrincipal = new LinkedHashMap<>();
    private final Map<String, List<GroupMembership>> membershipsByUser = new LinkedHashMap<>();
    private final Map<String, List<GroupMembership>> membershipsByGroup = new LinkedHashMap<>();

    private AccessState(RoleCatalog roles, List<Grant> grants, List<GroupMembership> memberships) {
        this.roles = Objects.requireNonNull(roles, "roles");
        this.grants = List.copyOf(grants);
        this.memberships = List.copyOf(memberships);
        for (Grant grant : this.grants) {
            grantsByPrincipal.computeIfAbsent(grant.principal(), key -> new ArrayList<>()).add(grant);
        }
        for (GroupMembership membership : this.memberships) {
            membershipsByUser.computeIfAbsent(membership.userId(), key -> new ArrayList<>()).add(membership);
            membershipsByGroup.computeIfAbsent(membership.groupId(), key -> new ArrayList<>()).add(membership);
        }
    }

    /**
     * A snapshot of the given data, kept in the given order.
     *
     * @param roles       the role catalog; not null
     * @param grants      every grant; not null, no nulls, ids unique
     * @param memberships every membership interval; not null, no nulls
     * @throws IllegalArgumentException when two grants share an id
     */
    public static AccessState of(RoleCatalog roles, Collection<Grant> grants,
                                 Collection<GroupMembership> memberships) {
        SortedSet<String> ids = new TreeSet<>();
        for (Grant grant : grants) {
            if (!ids.add(grant.id())) {
                throw new IllegalArgumentException("grant " + grant.id() + " appears twice");
            }
        }
        return new AccessState(roles, List.copyOf(grants), List.copyOf(memberships));
    }

    /** No grants and no memberships yet. */
    public static AccessState empty(RoleCatalog roles) {
        return new AccessState(roles, List.of(), List.of());
    }

    /** The role catalog. */
    public RoleCatalog roles() {
        return roles;
    }

    /** Every grant, in the order given; unmodifiable. */
    public List<Grant> grants() {
        return grants;
    }

    /** Every membership interval, in the order given; unmodifiable. */
    public List<GroupMembership> memberships() {
        return memberships;
    }

    /** The grant with {@code id}, if any. */
    public Optional<Grant> grant(String id) {
        return grants.stream().filter(grant -> grant.id().equals(id)).findFirst();
    }

    /** The grants held by {@code principal} itself (not through groups); unmodifiable, possibly empty. */
    public List<Grant> grantsOf(Principal principal) {
        return Collections.unmodifiableList(grantsByPrincipal.getOrDefault(principal, List.of()));
    }

    /** Every membership interval of the user {@code userId}; unmodifiable, possibly empty. */
    public List<GroupMembership> membershipsOf(String userId) {
        return Collections.unmodifiableList(membershipsByUser.getOrDefault(userId, List.of()));
    }

    /** Every membership interval of the group {@code groupId}; unmodifiable, possibly empty. */
    public List<GroupMembership> membersOf(String groupId) {
        return Collections.unmodifiableList(membershipsByGroup.getOrDefault(groupId, List.of()));
    }

    /** Every user named by a user grant or a membership, sorted. */
    public SortedSet<String> users() {
        SortedSet<String> users = new TreeSet<>(membershipsByUser.keySet());
        for (Principal principal : grantsByPrincipal.keySet()) {
            if (principal.isUser()) {
                users.add(principal.id());
            }
        }
        return Collections.unmodifiableSortedSet(users);
    }

    /**
     * Every way a grant reaches {@code principal}, whatever its status or time: its own grants, and for a user, each
     * grant of each group through each of the user's memberships of it. Own grants come first.
     */
    public List<GrantPath> pathsOf(Principal principal) {
        List<GrantPath> paths = new ArrayList<>();
        for (Grant grant : grantsOf(principal)) {
            paths.add(GrantPath.direct(grant));
        }
        if (principal.isUser()) {
            for (GroupMembership membership : membershipsOf(principal.id())) {
                for (Grant grant : grantsOf(membership.group())) {
                    paths.add(new GrantPath(grant, membership));
                }
            }
        }
        return Collections.unmodifiableList(paths);
    }

    /** This snapshot with {@code roles} as the catalog. */
    public AccessState withRoles(RoleCatalog roles) {
        return new AccessState(roles, grants, memberships);
    }

    /** This snapshot with {@code grant} added, or replacing the grant with the same id in place. */
    public AccessState withGrant(Grant grant) {
        List<Grant> changed = new ArrayList<>(grants);
        int index = indexOf(grant.id());
        if (index < 0) {
            changed.add(grant);
        } else {
            changed.set(index, grant);
        }
        return new AccessState(roles, changed, memberships);
    }

    /** This snapshot with one more membership interval. */
    public AccessState withMembership(GroupMembership membership) {
        List<GroupMembership> changed = new ArrayList<>(memberships);
        changed.add(Objects.requireNonNull(membership, "membership"));
        return new AccessState(roles, grants, changed);
    }

    /**
     * Ends {@code userId}'s memberships of {@code groupId} at {@code at}: one still running then ends there, one that
     * had not started by then is dropped (it never took effect), one that had already ended is kept as it was.
     */
    public AccessState withMembershipEnded(String groupId, String userId, Instant at) {
        Objects.requireNonNull(at, "at");
        List<GroupMembership> changed = new ArrayList<>(memberships.size());
        for (GroupMembership membership : memberships) {
            if (!membership.groupId().equals(groupId) || !membership.userId().equals(userId)
                    || membership.validity().hasEndedBy(at)) {
                changed.add(membership);
            } else if (membership.validity().from().isBefore(at)) {
                changed.add(new GroupMembership(groupId, userId,
                        Validity.between(membership.validity().from(), at), membership.added()));
            }
        }
        return new AccessState(roles, grants, changed);
    }

    private int indexOf(String grantId) {
        for (int i = 0; i < grants.size(); i++) {
            if (grants.get(i).id().equals(grantId)) {
                return i;
            }
        }
        return -1;
    }
}
