package dev.twinledger.policies.grant;

import dev.twinledger.policies.scope.Scope;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PVector;

/**
 * The grants one principal holds, as ordinals into the snapshot's grant list: all of them, and the same split by
 * role and by scope, so a check looks only at the grants whose role carries the permission or whose scope covers
 * the resource. Immutable.
 *
 * @param all     every ordinal, ascending
 * @param byRole  role name to ordinals, ascending
 * @param byScope scope to ordinals, ascending
 */
record PrincipalGrants(PVector<Integer> all, PMap<String, PVector<Integer>> byRole,
                       PMap<Scope, PVector<Integer>> byScope) {

    static final PrincipalGrants NONE = new PrincipalGrants(Ordinals.NONE, HashTreePMap.empty(), HashTreePMap.empty());

    /** These grants and the grant at {@code ordinal}. */
    PrincipalGrants with(int ordinal, Grant grant) {
        return new PrincipalGrants(Ordinals.with(all, ordinal),
                byRole.plus(grant.role(), Ordinals.with(byRole.getOrDefault(grant.role(), Ordinals.NONE), ordinal)),
                byScope.plus(grant.scope(),
                        Ordinals.with(byScope.getOrDefault(grant.scope(), Ordinals.NONE), ordinal)));
    }

    /** These grants without the grant at {@code ordinal}, which was {@code grant}. */
    PrincipalGrants without(int ordinal, Grant grant) {
        return new PrincipalGrants(Ordinals.without(all, ordinal),
                shrink(byRole, grant.role(), ordinal), shrink(byScope, grant.scope(), ordinal));
    }

    /** The ordinals of the grants of role {@code role}. */
    PVector<Integer> ofRole(String role) {
        return byRole.getOrDefault(role, Ordinals.NONE);
    }

    /** The ordinals of the grants on exactly {@code scope}. */
    PVector<Integer> on(Scope scope) {
        return byScope.getOrDefault(scope, Ordinals.NONE);
    }

    private static <K> PMap<K, PVector<Integer>> shrink(PMap<K, PVector<Integer>> map, K key, int ordinal) {
        PVector<Integer> left = Ordinals.without(map.getOrDefault(key, Ordinals.NONE), ordinal);
        return left.isEmpty() ? map.minus(key) : map.plus(key, left);
    }
}
