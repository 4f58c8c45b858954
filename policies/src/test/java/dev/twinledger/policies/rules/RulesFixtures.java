package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.GroupMembership;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.grant.Validity;
import dev.twinledger.policies.role.DefaultRoles;
import dev.twinledger.policies.role.Role;
import dev.twinledger.policies.role.RoleCatalog;
import dev.twinledger.policies.scope.Scope;

import java.util.List;

import static dev.twinledger.policies.Fixtures.day;
import static dev.twinledger.policies.permission.Permissions.GRANT_CREATE;
import static dev.twinledger.policies.permission.Permissions.GROUP_MANAGE;
import static dev.twinledger.policies.permission.Permissions.INVENTORY_READ;

/** The default catalog plus {@code granter}: may grant and manage groups, but holds nothing else but reading. */
final class RulesFixtures {

    static final RoleCatalog ROLES = DefaultRoles.catalog()
            .with(Role.of("granter", GRANT_CREATE, GROUP_MANAGE, INVENTORY_READ));

    private RulesFixtures() {
    }

    static AccessState state(List<Grant> grants, List<GroupMembership> memberships) {
        return AccessState.of(ROLES, grants, memberships);
    }

    static AccessState state(Grant... grants) {
        return state(List.of(grants), List.of());
    }

    static GrantRequest request(String requester, Principal grantee, String role, Scope scope, Validity validity) {
        return new GrantRequest(grantee, role, scope, validity, requester, day(1));
    }

    static MembershipRequest join(String requester, String group, String user, Validity validity) {
        return new MembershipRequest(group, user, validity, requester, day(1));
    }
}
