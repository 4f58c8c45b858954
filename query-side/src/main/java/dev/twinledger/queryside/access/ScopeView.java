package dev.twinledger.queryside.access;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.scope.Scope;

/**
 * Where a grant applies, or where a permission is missing: each attribute null means "any".
 *
 * @param siteId       the site, or null
 * @param environment  the environment, or null
 * @param project      the project, or null
 * @param resourceType the single resource's type, or null
 * @param resourceId   the single resource's id, or null
 * @param text         the scope in words, e.g. {@code site=dc1, environment=prod}, or {@code everywhere}
 */
public record ScopeView(String siteId, Environment environment, String project, String resourceType,
                        String resourceId, String text) {

    /** The view of {@code scope}. */
    public static ScopeView of(Scope scope) {
        return new ScopeView(scope.site(), scope.environment(), scope.project(), scope.resourceType(),
                scope.resourceId(), scope.toString());
    }
}
