package dev.twinledger.policies.grant;

import dev.twinledger.policies.scope.Scope;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * The grants one principal holds (or everyone holds), each list in ascending ordinal: all of them, and the same
 * split by role and by scope, so a check looks only at the grants whose role carries the permission or whose scope
 * covers the resource. Immutable.
 *
 * @param all     every grant
 * @param byRole  role name to its grants
 * @param byScope scope to its grants
 */
record PrincipalGrants(PVector<HeldGrant> all, PMap<String, PVector<HeldGrant>> byRole,
                       PMap<Scope, PVector<HeldGrant>> byScope) {

    static final PVector<HeldGrant> NO_GRANTS = TreePVector.empty();
    static final PrincipalGrants NONE = new PrincipalGrants(NO_GRANTS, HashTreePMap.empty(), HashTreePMap.empty());

    /** These grants and {@code held}, whose ordinal is not among them. */
    PrincipalGrants with(HeldGrant held) {
        Grant grant = held.grant();
        return new PrincipalGrants(Ordinals.with(all, held, HeldGrant::ordinal),
                byRole.plus(grant.role(), Ordinals.with(ofRole(grant.role()), held, HeldGrant::ordinal)),
                byScope.plus(grant.scope(), Ordinals.with(on(grant.scope()), held, HeldGrant::ordinal)));
    }

    /** These grants without {@code held}, which is among them. */
    PrincipalGrants without(HeldGrant held) {
        return new PrincipalGrants(Ordinals.without(all, held.ordinal(), HeldGrant::ordinal),
                shrink(byRole, held.grant().role(), held.ordinal()),
                shrink(byScope, held.grant().scope(), held.ordinal()));
    }

    /** The grants of role {@code role}. */
    PVector<HeldGrant> ofRole(String role) {
        return byRole.getOrDefault(role, NO_GRANTS);
    }

    /** The grants on exactly {@code scope}. */
    PVector<HeldGrant> on(Scope scope) {
        return byScope.getOrDefault(scope, NO_GRANTS);
    }

    private static <K> PMap<K, PVector<HeldGrant>> shrink(PMap<K, PVector<HeldGrant>> map, K key, int ordinal) {
        PVector<HeldGrant> left = Ordinals.without(map.get(key), ordinal, HeldGrant::ordinal);
        return left.isEmpty() ? map.minus(key) : map.plus(key, left);
    }
}
