package dev.twinledger.policies.grant;

import dev.twinledger.policies.role.RoleCatalog;
import dev.twinledger.policies.scope.Scope;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.PVector;
import org.pcollections.TreePMap;
import org.pcollections.TreePVector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An immutable snapshot of everything access depends on: the role catalog, the grants (in any status) and the group
 * memberships. Grants and memberships carry their own instants, so one snapshot answers for any moment up to the
 * last event folded into it; the role catalog is taken as given, so for a past moment pass the catalog as it was
 * then. Every "with" method returns a new snapshot.
 *
 * <p>The snapshot is built from persistent collections: a "with" method shares everything it does not change with
 * the snapshot it started from, so it costs a logarithm of the size, not a copy, and folding n events costs about
 * n log n. The grants are indexed by principal, and per principal by role and by scope (and the same over every
 * principal), so that a question names only the grants that can answer it; every index lists grants in the order
 * they were given, so answers come in that order whichever index found them.
 */
public final class AccessState {

    private static final PVector<Integer> NO_MEMBERSHIPS = TreePVector.empty();

    private final RoleCatalog roles;
    private final PVector<Grant> grants;
    private final PMap<String, Integer> grantOrdinals;
    private final PMap<Principal, PrincipalGrants> grantsByPrincipal;
    private final PrincipalGrants everyonesGrants;
    private final PSortedMap<Integer, GroupMembership> memberships;
    private final int nextMembership;
    private final PMap<String, PVector<Integer>> membershipsByUser;
    private final PMap<String, PVector<Integer>> membershipsByGroup;
    /** The memberships as a list, made on first demand; a benign race, the list being immutable. */
    private List<GroupMembership> membershipList;

    private AccessState(RoleCatalog roles, PVector<Grant> grants, PMap<String, Integer> grantOrdinals,
                        PMap<Principal, PrincipalGrants> grantsByPrincipal, PrincipalGrants everyonesGrants,
                        PSortedMap<Integer, GroupMembership> memberships, int nextMembership,
                        PMap<String, PVector<Integer>> membershipsByUser,
                        PMap<String, PVector<Integer>> membershipsByGroup) {
        this.roles = Objects.requireNonNull(roles, "roles");
        this.grants = grants;
        this.grantOrdinals = grantOrdinals;
        this.grantsByPrincipal = grantsByPrincipal;
        this.everyonesGrants = everyonesGrants;
        this.memberships = memberships;
        this.nextMembership = nextMembership;
        this.membershipsByUser = membershipsByUser;
        this.membershipsByGroup = membershipsByGroup;
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
        AccessState state = empty(roles);
        for (Grant grant : List.copyOf(grants)) {
            if (state.grantOrdinals.containsKey(grant.id())) {
                throw new IllegalArgumentException("grant " + grant.id() + " appears twice");
            }
            state = state.withGrant(grant);
        }
        for (GroupMembership membership : List.copyOf(memberships)) {
            state = state.withMembership(membership);
        }
        return state;
    }

    /** No grants and no memberships yet. */
    public static AccessState empty(RoleCatalog roles) {
        return new AccessState(roles, TreePVector.empty(), HashTreePMap.empty(), HashTreePMap.empty(),
                PrincipalGrants.NONE, TreePMap.empty(), 0, HashTreePMap.empty(), HashTreePMap.empty());
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
        List<GroupMembership> list = membershipList;
        if (list == null) {
            list = List.copyOf(memberships.values());
            membershipList = list;
        }
        return list;
    }

    /** The grant with {@code id}, if any. */
    public Optional<Grant> grant(String id) {
        return Optional.ofNullable(grantOrdinals.get(id)).map(grants::get);
    }

    /** The grants held by {@code principal} itself (not through groups); unmodifiable, possibly empty. */
    public List<Grant> grantsOf(Principal principal) {
        return principalGrants(principal).all().stream().map(HeldGrant::grant).toList();
    }

    /** Every membership interval of the user {@code userId}; unmodifiable, possibly empty. */
    public List<GroupMembership> membershipsOf(String userId) {
        return membershipsAt(membershipsByUser.getOrDefault(userId, NO_MEMBERSHIPS));
    }

    /** Every membership interval of the group {@code groupId}; unmodifiable, possibly empty. */
    public List<GroupMembership> membersOf(String groupId) {
        return membershipsAt(membershipsByGroup.getOrDefault(groupId, NO_MEMBERSHIPS));
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
     * grant of each group through each of the user's memberships of it. Own grants come first, then the groups'
     * in the order of the memberships, each in the order the grants were given.
     */
    public List<GrantPath> pathsOf(Principal principal) {
        return paths(principal, PrincipalGrants::all);
    }

    /**
     * The {@link #pathsOf paths} of {@code principal} whose grant is of one of {@code roleNames}, in the same order:
     * what a check of a permission carried by those roles has to look at.
     */
    public List<GrantPath> pathsOf(Principal principal, Set<String> roleNames) {
        return paths(principal, held -> union(roleNames.stream().map(held::ofRole).toList()));
    }

    /**
     * The {@link #pathsOf paths} of {@code principal} whose grant's scope is one of {@code scopes}, in the same
     * order: with the scopes that cover a resource, every path that may give something on it.
     */
    public List<GrantPath> pathsOn(Principal principal, Set<Scope> scopes) {
        // A principal holding few grants is quicker scanned than looked up once per scope.
        return paths(principal, held -> held.all().size() <= scopes.size()
                ? held.all().stream().filter(grant -> scopes.contains(grant.grant().scope())).toList()
                : union(scopes.stream().map(held::on).toList()));
    }

    /**
     * The grants of one of {@code roleNames} on one of {@code scopes}, whoever holds them and whatever their status
     * or time, in the order they were given.
     */
    public List<Grant> grantsOn(Set<Scope> scopes, Set<String> roleNames) {
        List<Grant> found = new ArrayList<>();
        for (HeldGrant held : union(scopes.stream().map(everyonesGrants::on).toList())) {
            if (roleNames.contains(held.grant().role())) {
                found.add(held.grant());
            }
        }
        return Collections.unmodifiableList(found);
    }

    /** This snapshot with {@code roles} as the catalog. */
    public AccessState withRoles(RoleCatalog roles) {
        return new AccessState(roles, grants, grantOrdinals, grantsByPrincipal, everyonesGrants, memberships,
                nextMembership, membershipsByUser, membershipsByGroup);
    }

    /** This snapshot with {@code grant} added, or replacing the grant with the same id in place. */
    public AccessState withGrant(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        Integer known = grantOrdinals.get(grant.id());
        int ordinal = known == null ? grants.size() : known;
        PMap<Principal, PrincipalGrants> byPrincipal = grantsByPrincipal;
        PrincipalGrants everyone = everyonesGrants;
        if (known != null) {
            HeldGrant old = new HeldGrant(ordinal, grants.get(ordinal));
            byPrincipal = without(byPrincipal, old);
            everyone = everyone.without(old);
        }
        HeldGrant held = new HeldGrant(ordinal, grant);
        byPrincipal = byPrincipal.plus(grant.principal(),
                byPrincipal.getOrDefault(grant.principal(), PrincipalGrants.NONE).with(held));
        return new AccessState(roles, known == null ? grants.plus(grant) : grants.with(ordinal, grant),
                grantOrdinals.plus(grant.id(), ordinal), byPrincipal, everyone.with(held), memberships,
                nextMembership, membershipsByUser, membershipsByGroup);
    }

    /** This snapshot with one more membership interval. */
    public AccessState withMembership(GroupMembership membership) {
        Objects.requireNonNull(membership, "membership");
        int ordinal = nextMembership;
        return new AccessState(roles, grants, grantOrdinals, grantsByPrincipal, everyonesGrants,
                memberships.plus(ordinal, membership), ordinal + 1,
                append(membershipsByUser, membership.userId(), ordinal),
                append(membershipsByGroup, membership.groupId(), ordinal));
    }

    /**
     * Ends {@code userId}'s memberships of {@code groupId} at {@code at}: one still running then ends there, one that
     * had not started by then is dropped (it never took effect), one that had already ended is kept as it was.
     */
    public AccessState withMembershipEnded(String groupId, String userId, Instant at) {
        Objects.requireNonNull(at, "at");
        PSortedMap<Integer, GroupMembership> changed = memberships;
        PMap<String, PVector<Integer>> byUser = membershipsByUser;
        PMap<String, PVector<Integer>> byGroup = membershipsByGroup;
        for (int ordinal : membershipsByUser.getOrDefault(userId, NO_MEMBERSHIPS)) {
            GroupMembership membership = memberships.get(ordinal);
            if (!membership.groupId().equals(groupId) || membership.validity().hasEndedBy(at)) {
                continue;
            }
            if (membership.validity().from().isBefore(at)) {
                changed = changed.plus(ordinal, new GroupMembership(groupId, userId,
                        Validity.between(membership.validity().from(), at), membership.added()));
            } else {
                changed = changed.minus(ordinal);
                byUser = remove(byUser, userId, ordinal);
                byGroup = remove(byGroup, groupId, ordinal);
            }
        }
        return new AccessState(roles, grants, grantOrdinals, grantsByPrincipal, everyonesGrants, changed,
                nextMembership, byUser, byGroup);
    }

    private interface GrantsOf {
        List<HeldGrant> of(PrincipalGrants grants);
    }

    private List<GrantPath> paths(Principal principal, GrantsOf select) {
        Objects.requireNonNull(principal, "principal");
        List<GrantPath> paths = new ArrayList<>();
        for (HeldGrant held : select.of(principalGrants(principal))) {
            paths.add(GrantPath.direct(held.grant()));
        }
        if (principal.isUser()) {
            for (GroupMembership membership : membershipsOf(principal.id())) {
                for (HeldGrant held : select.of(principalGrants(membership.group()))) {
                    paths.add(new GrantPath(held.grant(), membership));
                }
            }
        }
        return Collections.unmodifiableList(paths);
    }

    private PrincipalGrants principalGrants(Principal principal) {
        return grantsByPrincipal.getOrDefault(principal, PrincipalGrants.NONE);
    }

    private List<GroupMembership> membershipsAt(List<Integer> ordinals) {
        List<GroupMembership> found = new ArrayList<>(ordinals.size());
        for (int ordinal : ordinals) {
            found.add(memberships.get(ordinal));
        }
        return Collections.unmodifiableList(found);
    }

    /** The grants of several index entries, in ascending ordinal (each grant is in at most one of them). */
    private static List<HeldGrant> union(List<PVector<HeldGrant>> lists) {
        List<PVector<HeldGrant>> found = lists.stream().filter(list -> !list.isEmpty()).toList();
        if (found.size() <= 1) {
            return found.isEmpty() ? List.of() : found.get(0);
        }
        return found.stream().flatMap(List::stream).sorted(Comparator.comparingInt(HeldGrant::ordinal)).toList();
    }

    private static PMap<Principal, PrincipalGrants> without(PMap<Principal, PrincipalGrants> byPrincipal,
                                                           HeldGrant held) {
        Principal principal = held.grant().principal();
        PrincipalGrants left = byPrincipal.get(principal).without(held);
        return left.all().isEmpty() ? byPrincipal.minus(principal) : byPrincipal.plus(principal, left);
    }

    private static PMap<String, PVector<Integer>> append(PMap<String, PVector<Integer>> index, String key,
                                                         int ordinal) {
        return index.plus(key, index.getOrDefault(key, NO_MEMBERSHIPS).plus(ordinal));
    }

    private static PMap<String, PVector<Integer>> remove(PMap<String, PVector<Integer>> index, String key,
                                                         int ordinal) {
        PVector<Integer> left = Ordinals.without(index.get(key), ordinal, Integer::intValue);
        return left.isEmpty() ? index.minus(key) : index.plus(key, left);
    }
}
