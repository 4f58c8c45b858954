package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.grant.Validity;
import dev.twinledger.policies.scope.Scope;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone asks to give a role on a scope to a principal.
 *
 * @param grantee   who would hold the grant; not null
 * @param role      the role's name; not null
 * @param scope     where it would apply; not null
 * @param validity  when it would apply; not null
 * @param requester the user asking; not null
 * @param at        when the request is judged (now); not null
 */
public record GrantRequest(Principal grantee, String role, Scope scope, Validity validity, String requester,
                           Instant at) {

    /** Checks for nulls. */
    public GrantRequest {
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(at, "at");
    }
}
