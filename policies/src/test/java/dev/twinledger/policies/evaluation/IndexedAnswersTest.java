package dev.twinledger.policies.evaluation;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.EventStamp;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.GrantPath;
import dev.twinledger.policies.grant.GroupMembership;
import dev.twinledger.policies.grant.Justification;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.grant.Standing;
import dev.twinledger.policies.grant.Validity;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.role.DefaultRoles;
import dev.twinledger.policies.role.Role;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static dev.twinledger.policies.Fixtures.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine answers from indexes (by role, by scope); these answers, reasons included, must be exactly what
 * walking every path of every user gives. Random states with replaced grants, ended and dropped memberships, and
 * a catalog with a retired role are checked against that reference at several instants.
 */
class IndexedAnswersTest {

    private static final String[] ROLES = {DefaultRoles.VIEWER, DefaultRoles.OPERATOR, DefaultRoles.PLATFORM_ADMIN,
            DefaultRoles.AUDITOR, "retired"};
    private static final Permission[] PERMISSIONS = {Permissions.VM_PROVISION, Permissions.INVENTORY_READ,
            Permissions.HOST_MAINTENANCE, Permissions.AUDIT_READ, Permissions.ROLE_DEFINE};
    private static final List<ResourceRef> RESOURCES = List.of(
            ResourceRef.vm("vm-1", "dc1", Environment.PROD, "p1"),
            ResourceRef.vm("vm-2", "dc2", Environment.DEV, "p2"),
            ResourceRef.host("h-1", "dc1"),
            ResourceRef.site("dc2"));

    @Test
    void checksAndWhoCanMatchTheWalkOverEveryPath() {
        for (long seed = 1; seed <= 25; seed++) {
            AccessState state = randomState(new SplittableRandom(seed));
            AccessEngine engine = new AccessEngine(state);
            for (int d = -1; d <= 12; d += 3) {
                Instant at = day(d);
                for (Permission permission : PERMISSIONS) {
                    for (ResourceRef resource : RESOURCES) {
                        Map<String, List<GrantPath>> expectedWho = new TreeMap<>();
                        for (String user : state.users()) {
                            Principal principal = Principal.user(user);
                            Decision expected = reference(state, principal, permission, resource, at);
                            assertThat(engine.check(principal, permission, resource, at))
                                    .as("seed %d, %s %s %s at %s", seed, user, permission, resource, at)
                                    .isEqualTo(expected);
                            if (expected instanceof Decision.Allowed allowed) {
                                expectedWho.put(user, allowed.paths());
                            }
                        }
                        for (int g = 0; g < 4; g++) {
                            Principal group = Principal.group("g" + g);
                            assertThat(engine.check(group, permission, resource, at))
                                    .isEqualTo(reference(state, group, permission, resource, at));
                        }
                        assertThat(engine.whoCan(permission, resource, at)).as("seed %d", seed)
                                .isEqualTo(expectedWho);
                    }
                }
            }
        }
    }

    /** The check as it was before the indexes: every path of the principal, filtered. */
    private static Decision reference(AccessState state, Principal principal, Permission permission,
                                      ResourceRef resource, Instant at) {
        List<GrantPath> allowing = new ArrayList<>();
        List<Decision.NotCounted> notCounted = new ArrayList<>();
        List<GrantPath> outOfScope = new ArrayList<>();
        for (GrantPath path : state.pathsOf(principal)) {
            if (!path.existsAt(at) || !state.roles().permissionsOf(path.grant().role()).contains(permission)) {
                continue;
            }
            boolean covers = path.grant().scope().covers(resource);
            Standing standing = path.standingAt(at);
            if (standing == Standing.EFFECTIVE) {
                (covers ? allowing : outOfScope).add(path);
            } else if (covers) {
                notCounted.add(new Decision.NotCounted(path, standing));
            }
        }
        if (!allowing.isEmpty()) {
            return new Decision.Allowed(principal, permission, resource, at, allowing);
        }
        return new Decision.Denied(principal, permission, resource, at, Scope.of(resource), notCounted, outOfScope);
    }

    private static AccessState randomState(SplittableRandom random) {
        // "retired" is granted but not in the catalog: it gives nothing.
        AccessState state = AccessState.empty(DefaultRoles.catalog()
                .with(Role.of("spare", Permissions.VM_PROVISION)).without("spare"));
        int grants = 0;
        for (int step = 0; step < 120; step++) {
            int what = random.nextInt(10);
            if (what < 3) {
                state = state.withMembership(new GroupMembership("g" + random.nextInt(4), "u" + random.nextInt(8),
                        validity(random), stamp(random)));
            } else if (what < 4 && !state.memberships().isEmpty()) {
                GroupMembership some = state.memberships().get(random.nextInt(state.memberships().size()));
                state = state.withMembershipEnded(some.groupId(), some.userId(), day(random.nextInt(10)));
            } else if (what < 5 && grants > 0) {
                Grant some = state.grants().get(random.nextInt(grants));
                state = state.withGrant(random.nextBoolean() && some.revoked() == null
                        ? some.revoke(new EventStamp("boss", some.requested().at().plus(Duration.ofDays(2)), "r", 0))
                        : grant(random, some.id()));
            } else {
                state = state.withGrant(grant(random, "gr" + grants++));
            }
        }
        return state;
    }

    private static Grant grant(SplittableRandom random, String id) {
        Principal principal = random.nextInt(3) == 0 ? Principal.group("g" + random.nextInt(4))
                : Principal.user("u" + random.nextInt(8));
        String role = ROLES[random.nextInt(ROLES.length)];
        boolean approval = random.nextInt(4) == 0;
        EventStamp requested = stamp(random);
        Grant grant = Grant.requested(id, principal, role, scope(random), validity(random),
                Justification.of("random"), approval, requested);
        return approval && random.nextBoolean()
                ? grant.approve(new EventStamp("approver", requested.at().plus(Duration.ofDays(1)), "a", 0)) : grant;
    }

    private static Scope scope(SplittableRandom random) {
        Scope scope = Scope.EVERYWHERE;
        if (random.nextBoolean()) {
            scope = scope.withSite(random.nextBoolean() ? "dc1" : "dc2");
        }
        switch (random.nextInt(5)) {
            case 0 -> scope = scope.withEnvironment(random.nextBoolean() ? Environment.PROD : Environment.DEV);
            case 1 -> scope = scope.withProject(random.nextBoolean() ? "p1" : "p2");
            case 2 -> scope = scope.withResource("vm", "vm-" + (1 + random.nextInt(2)));
            case 3 -> scope = scope.withResource("host", "h-1");
            default -> { }
        }
        return scope;
    }

    private static Validity validity(SplittableRandom random) {
        Instant from = day(random.nextInt(8));
        return random.nextInt(3) == 0 ? Validity.between(from, from.plus(Duration.ofDays(1 + random.nextInt(5))))
                : Validity.startingAt(from);
    }

    private static EventStamp stamp(SplittableRandom random) {
        return new EventStamp("admin", day(random.nextInt(6)), "e", 0);
    }
}
