package dev.twinledger.commandside.authorization;

import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.PrincipalRef;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.inventory.Environment;

import java.util.Set;

/** Access directory events for tests, with the default roles' permissions written out. */
final class Directory {

    static final Set<String> OPERATOR = Set.of("inventory:read", "vm:provision", "vm:decommission", "vm:migrate",
            "vm:operate", "volume:manage", "storage:manage");

    private Directory() {
    }

    static RoleDefined operatorRole() {
        return new RoleDefined("operator", OPERATOR, false, Set.of(), "system");
    }

    static GrantRequested operatorGrant(String grantId, String user, String site, Environment environment) {
        return new GrantRequested(grantId, PrincipalRef.user(user), "operator",
                new AccessScope(site, environment, null, null, null), null, null, "on call for " + site, "CHG-1",
                "admin", false);
    }

    static GrantRevoked revoked(String grantId) {
        return new GrantRevoked(grantId, "admin", "left the team");
    }

    static AccessScope site(String site) {
        return new AccessScope(site, null, null, null, null);
    }
}
