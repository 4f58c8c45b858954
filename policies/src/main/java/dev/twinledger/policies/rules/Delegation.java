package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.role.DefaultRoles;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A user may pass on a role they hold without holding {@code grant:create}: a delegable, non-privileged role, on a
 * scope contained in the scope they hold it on, for no longer than they hold it (through grants effective now).
 * The delegate gets nothing the delegator lacks, so delegation cannot escalate; chains of delegation are allowed
 * and stay within the first delegator's grant.
 *
 * @param delegable names of the roles that may be delegated; not null, kept sorted and unmodifiable
 */
public record Delegation(Set<String> delegable) {

    /** The rule's name in verdicts. */
    public static final String NAME = "Delegation";

    /** Copies the set. */
    public Delegation {
        SortedSet<String> copy = new TreeSet<>();
        for (String role : Objects.requireNonNull(delegable, "delegable")) {
            copy.add(Objects.requireNonNull(role, "role"));
        }
        delegable = Collections.unmodifiableSortedSet(copy);
    }

    /** {@code viewer} and {@code operator} may be delegated. */
    public static Delegation defaults() {
        return new Delegation(Set.of(DefaultRoles.VIEWER, DefaultRoles.OPERATOR));
    }

    /** Nothing may be delegated. */
    public static Delegation none() {
        return new Delegation(Set.of());
    }

    /** Judges a grant request as a delegation. */
    public Verdict check(GrantRequest request, AccessState state) {
        if (!delegable.contains(request.role())) {
            return Rejection.of(NAME, "role " + request.role() + " is not delegable");
        }
        if (state.roles().isPrivileged(request.role())) {
            return Rejection.of(NAME, "role " + request.role() + " is privileged and is never delegated");
        }
        if (!new Authority(state, request.requester(), request.at())
                .holdsRole(request.role(), request.scope(), request.validity())) {
            return Rejection.of(NAME, Principal.user(request.requester()) + " does not hold " + request.role()
                    + " on a scope containing " + request.scope() + " " + request.validity());
        }
        return new Allowance(NAME);
    }
}
