package dev.twinledger.policies.rules;

import dev.twinledger.policies.evaluation.AccessEngine;
import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.GrantPath;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.grant.Validity;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.scope.Scope;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * What a user holds at an instant, as the grant rules and the access directory ask it: a permission on a scope
 * containing another (so holding it on a broader scope counts), for a whole interval, or anywhere at all.
 */
public final class Authority {

    private final AccessEngine engine;
    private final String user;
    private final Instant at;

    public Authority(AccessState state, String user, Instant at) {
        this.engine = new AccessEngine(state);
        this.user = user;
        this.at = at;
    }

    /**
     * Whether the user holds {@code permission} now on a scope containing {@code scope}, for all of {@code validity}.
     */
    boolean holds(Permission permission, Scope scope, Validity validity) {
        return any(path -> engine.gives(path, permission), scope, window -> window.encloses(validity));
    }

    /**
     * Whether the user holds the role {@code role} now on a scope containing {@code scope}, for all of
     * {@code validity}.
     */
    boolean holdsRole(String role, Scope scope, Validity validity) {
        return any(path -> path.grant().role().equals(role), scope, window -> window.encloses(validity));
    }

    /** Whether the user holds {@code permission} now on a scope containing {@code scope}. */
    public boolean holdsNow(Permission permission, Scope scope) {
        return any(path -> engine.gives(path, permission), scope, window -> true);
    }

    /** Whether the user holds {@code permission} now anywhere at all. */
    public boolean holdsAnywhere(Permission permission) {
        return engine.effectivePaths(Principal.user(user), at).stream()
                .anyMatch(path -> engine.gives(path, permission));
    }

    /**
     * Whether a path effective now passes {@code gives}, has a scope containing {@code scope} and a window that passes
     * {@code lasting}.
     */
    private boolean any(Predicate<GrantPath> gives, Scope scope, Predicate<Validity> lasting) {
        return engine.effectivePaths(Principal.user(user), at).stream()
                .filter(gives)
                .filter(path -> path.grant().scope().contains(scope))
                .anyMatch(path -> lasting.test(path.window().orElseThrow()));
    }
}
