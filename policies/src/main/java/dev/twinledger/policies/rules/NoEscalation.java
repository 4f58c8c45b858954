package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.GrantStatus;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.grant.Validity;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.role.Role;
import dev.twinledger.policies.scope.Scope;

import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * No one hands out more than they hold. To grant a role on a scope, the requester must hold, through grants
 * effective now whose validity lasts at least as long as the requested one, {@code grant:create} on a scope that
 * contains the requested scope, and every permission of the role on such a scope. Adding a user to a group is
 * handing out the group's grants, so it needs {@code group:manage} and, for each live grant of the group, every
 * permission of its role on a scope containing its scope, for as long as the membership and the grant overlap.
 */
public final class NoEscalation {

    /** The rule's name in verdicts. */
    public static final String NAME = "NoEscalation";

    /** Judges a grant request against {@code state}. */
    public Verdict check(GrantRequest request, AccessState state) {
        Optional<Role> role = state.roles().role(request.role());
        if (role.isEmpty()) {
            return Rejection.of(NAME, "role " + request.role() + " is not defined");
        }
        Authority authority = new Authority(state, request.requester(), request.at());
        if (!authority.holds(Permissions.GRANT_CREATE, request.scope(), request.validity())) {
            return Rejection.of(NAME, lacks(request.requester(), Permissions.GRANT_CREATE.toString(), request.scope(),
                    request.validity()));
        }
        SortedSet<Permission> missing = missing(authority, role.get(), request.scope(), request.validity());
        if (!missing.isEmpty()) {
            return Rejection.of(NAME, lacks(request.requester(), missing.toString(), request.scope(),
                    request.validity()) + ", so granting " + request.role() + " would escalate");
        }
        return new Allowance(NAME);
    }

    /** Judges a request to add a user to a group against {@code state}. */
    public Verdict checkMembership(MembershipRequest request, AccessState state) {
        Authority authority = new Authority(state, request.requester(), request.at());
        if (!authority.holdsAnywhere(Permissions.GROUP_MANAGE)) {
            return Rejection.of(NAME, Principal.user(request.requester()) + " holds " + Permissions.GROUP_MANAGE
                    + " nowhere");
        }
        for (Grant grant : state.grantsOf(Principal.group(request.groupId()))) {
            Optional<Validity> overlap = grant.validity().intersection(request.validity());
            if (grant.status() == GrantStatus.REVOKED || overlap.isEmpty()) {
                continue;
            }
            SortedSet<Permission> needed = new TreeSet<>(state.roles().permissionsOf(grant.role()));
            needed.add(Permissions.GROUP_MANAGE);
            needed.removeIf(permission -> authority.holds(permission, grant.scope(), overlap.get()));
            if (!needed.isEmpty()) {
                return new Rejection(NAME, lacks(request.requester(), needed.toString(), grant.scope(), overlap.get())
                        + ", so adding " + request.userId() + " to group " + request.groupId()
                        + " would hand out grant " + grant.id() + " (" + grant.role() + ") and escalate",
                        grant.id());
            }
        }
        return new Allowance(NAME);
    }

    private static SortedSet<Permission> missing(Authority authority, Role role, Scope scope, Validity validity) {
        SortedSet<Permission> missing = new TreeSet<>(role.permissions());
        missing.removeIf(permission -> authority.holds(permission, scope, validity));
        return missing;
    }

    private static String lacks(String requester, String what, Scope scope, Validity validity) {
        return Principal.user(requester) + " does not hold " + what + " on a scope containing " + scope + " "
                + validity;
    }
}
