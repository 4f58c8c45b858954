package dev.twinledger.policies.history;

import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.PrincipalKind;
import dev.twinledger.api.access.PrincipalRef;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.scope.Scope;

/** Converts between the {@code api}'s access values, as carried on messages, and the engine's. */
public final class AccessValues {

    private AccessValues() {
    }

    /** The engine's principal for a message's. */
    public static Principal principal(PrincipalRef ref) {
        return ref.kind() == PrincipalKind.USER ? Principal.user(ref.id()) : Principal.group(ref.id());
    }

    /** A message's principal for the engine's. */
    public static PrincipalRef principal(Principal principal) {
        return principal.isUser() ? PrincipalRef.user(principal.id()) : PrincipalRef.group(principal.id());
    }

    /** The engine's scope for a message's; null is everywhere. */
    public static Scope scope(AccessScope scope) {
        if (scope == null) {
            return Scope.EVERYWHERE;
        }
        return new Scope(scope.siteId(), scope.environment(), scope.project(), scope.resourceType(),
                scope.resourceId());
    }

    /** A message's scope for the engine's. */
    public static AccessScope scope(Scope scope) {
        return new AccessScope(scope.site(), scope.environment(), scope.project(), scope.resourceType(),
                scope.resourceId());
    }
}
