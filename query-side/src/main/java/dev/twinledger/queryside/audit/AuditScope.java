package dev.twinledger.queryside.audit;

import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;

/**
 * Where {@code audit:read} is needed for an audit question: on one resource (covered by any grant scope the resource
 * lies in), or on a scope (contained in a grant's scope).
 *
 * @param resource the resource the question is limited to, or null
 * @param scope    the scope needed when {@code resource} is null; {@link Scope#of} the resource otherwise
 */
public record AuditScope(ResourceRef resource, Scope scope) {

    /** The scope needed on one resource. */
    public static AuditScope of(ResourceRef resource) {
        return new AuditScope(resource, Scope.of(resource));
    }

    /** The scope needed when no single resource limits the question. */
    public static AuditScope of(Scope scope) {
        return new AuditScope(null, scope);
    }

    /** For example {@code site=dc1, environment=prod, project=shop, resource=vm/web-1}, or {@code everywhere}. */
    public String text() {
        return scope.toString();
    }
}
