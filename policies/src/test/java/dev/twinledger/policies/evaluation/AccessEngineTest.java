package dev.twinledger.policies.evaluation;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.GrantPath;
import dev.twinledger.policies.grant.GroupMembership;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.grant.Standing;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.role.DefaultRoles;
import dev.twinledger.policies.role.Role;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.twinledger.policies.Fixtures.DC1_PROD;
import static dev.twinledger.policies.Fixtures.WEB_1;
import static dev.twinledger.policies.Fixtures.WEB_2;
import static dev.twinledger.policies.Fixtures.between;
import static dev.twinledger.policies.Fixtures.day;
import static dev.twinledger.policies.Fixtures.from;
import static dev.twinledger.policies.Fixtures.grant;
import static dev.twinledger.policies.Fixtures.member;
import static dev.twinledger.policies.Fixtures.pending;
import static dev.twinledger.policies.Fixtures.stamp;
import static dev.twinledger.policies.permission.Permissions.AUDIT_READ;
import static dev.twinledger.policies.permission.Permissions.HOST_REGISTER;
import static dev.twinledger.policies.permission.Permissions.INVENTORY_READ;
import static dev.twinledger.policies.permission.Permissions.VM_DECOMMISSION;
import static dev.twinledger.policies.permission.Permissions.VM_MIGRATE;
import static dev.twinledger.policies.permission.Permissions.VM_PROVISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class AccessEngineTest {

    private static final Principal ALICE = Principal.user("alice");
    private static final Principal OPS = Principal.group("ops");

    private static AccessEngine engine(List<Grant> grants, List<GroupMembership> memberships) {
        return new AccessEngine(AccessState.of(DefaultRoles.catalog(), grants, memberships));
    }

    @Test
    void directGrantOnCoveringScopeAllows() {
        Grant operator = grant("g1", ALICE, "operator", DC1_PROD);

        Decision decision = engine(List.of(operator), List.of()).check(ALICE, VM_PROVISION, WEB_1, day(1));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision).isInstanceOfSatisfying(Decision.Allowed.class,
                allowed -> assertThat(allowed.paths()).containsExactly(GrantPath.direct(operator)));
        assertThat(decision.principal()).isEqualTo(ALICE);
        assertThat(decision.permission()).isEqualTo(VM_PROVISION);
        assertThat(decision.resource()).isEqualTo(WEB_1);
        assertThat(decision.at()).isEqualTo(day(1));
    }

    @Test
    void groupGrantReachesMembers() {
        Grant operator = grant("g1", OPS, "operator", DC1_PROD);
        GroupMembership aliceInOps = member("ops", "alice", from(0));

        Decision decision = engine(List.of(operator), List.of(aliceInOps)).check(ALICE, VM_MIGRATE, WEB_1, day(1));

        assertThat(decision).isInstanceOfSatisfying(Decision.Allowed.class, allowed -> {
            assertThat(allowed.paths()).containsExactly(new GrantPath(operator, aliceInOps));
            assertThat(allowed.paths().get(0).group()).contains("ops");
        });
    }

    @Test
    void everyAllowingPathIsListed() {
        Grant own = grant("g1", ALICE, "viewer", Scope.EVERYWHERE);
        Grant groups = grant("g2", OPS, "operator", DC1_PROD);
        GroupMembership aliceInOps = member("ops", "alice", from(0));

        Decision decision = engine(List.of(own, groups), List.of(aliceInOps))
                .check(ALICE, INVENTORY_READ, WEB_1, day(1));

        assertThat(decision).isInstanceOfSatisfying(Decision.Allowed.class, allowed -> assertThat(allowed.paths())
                .containsExactly(GrantPath.direct(own), new GrantPath(groups, aliceInOps)));
    }

    @Test
    void groupIsJudgedByItsOwnGrants() {
        Grant operator = grant("g1", OPS, "operator", DC1_PROD);

        assertThat(engine(List.of(operator), List.of()).check(OPS, VM_PROVISION, WEB_1, day(1)).allowed()).isTrue();
    }

    @Test
    void noGrantsMeansDeniedWithTheNeededScope() {
        Decision decision = engine(List.of(), List.of()).check(ALICE, VM_PROVISION, WEB_1, day(1));

        assertThat(decision).isInstanceOfSatisfying(Decision.Denied.class, denied -> {
            assertThat(denied.needed()).isEqualTo(Scope.of(WEB_1));
            assertThat(denied.notCounted()).isEmpty();
            assertThat(denied.outOfScope()).isEmpty();
        });
        assertThat(decision.allowed()).isFalse();
    }

    @Test
    void roleWithoutThePermissionDoesNotAllowAndIsNotMentioned() {
        Grant viewer = grant("g1", ALICE, "viewer", DC1_PROD);

        Decision decision = engine(List.of(viewer), List.of()).check(ALICE, VM_PROVISION, WEB_1, day(1));

        assertThat(decision).isInstanceOfSatisfying(Decision.Denied.class, denied -> {
            assertThat(denied.notCounted()).isEmpty();
            assertThat(denied.outOfScope()).isEmpty();
        });
    }

    @Test
    void grantOnAnotherScopeDeniesAndSaysSo() {
        Grant operator = grant("g1", ALICE, "operator", DC1_PROD);

        Decision decision = engine(List.of(operator), List.of()).check(ALICE, VM_PROVISION, WEB_2, day(1));

        assertThat(decision).isInstanceOfSatisfying(Decision.Denied.class, denied -> {
            assertThat(denied.needed()).isEqualTo(Scope.of(WEB_2));
            assertThat(denied.outOfScope()).containsExactly(GrantPath.direct(operator));
            assertThat(denied.notCounted()).isEmpty();
        });
    }

    @Test
    void expiredGrantDeniesAndSaysSo() {
        Grant operator = grant("g1", ALICE, "operator", DC1_PROD, between(0, 2));
        AccessEngine engine = engine(List.of(operator), List.of());

        assertThat(engine.check(ALICE, VM_PROVISION, WEB_1, day(2).minusNanos(1)).allowed()).isTrue();
        assertThat(notCounted(engine.check(ALICE, VM_PROVISION, WEB_1, day(2)))).containsExactly(Standing.EXPIRED);
    }

    @Test
    void notYetValidGrantDeniesAndSaysSo() {
        Grant operator = grant("g1", ALICE, "operator", DC1_PROD, from(3));
        AccessEngine engine = engine(List.of(operator), List.of());

        assertThat(notCounted(engine.check(ALICE, VM_PROVISION, WEB_1, day(3).minusNanos(1))))
                .containsExactly(Standing.NOT_YET_VALID);
        assertThat(engine.check(ALICE, VM_PROVISION, WEB_1, day(3)).allowed()).isTrue();
    }

    @Test
    void revokedGrantDeniesFromTheRevocationOn() {
        Grant operator = grant("g1", ALICE, "operator", DC1_PROD).revoke(stamp("boss", 4));
        AccessEngine engine = engine(List.of(operator), List.of());

        assertThat(engine.check(ALICE, VM_PROVISION, WEB_1, day(3)).allowed()).as("before revocation").isTrue();
        assertThat(notCounted(engine.check(ALICE, VM_PROVISION, WEB_1, day(4)))).containsExactly(Standing.REVOKED);
    }

    @Test
    void pendingGrantDeniesUntilApproved() {
        Grant admin = pending("g1", ALICE, "platform-admin", DC1_PROD).approve(stamp("boss", 2));
        AccessEngine engine = engine(List.of(admin), List.of());

        assertThat(notCounted(engine.check(ALICE, VM_PROVISION, WEB_1, day(1))))
                .containsExactly(Standing.PENDING_APPROVAL);
        assertThat(engine.check(ALICE, VM_PROVISION, WEB_1, day(2)).allowed()).isTrue();
    }

    @Test
    void membershipOutsideItsIntervalDeniesAndSaysSo() {
        Grant operator = grant("g1", OPS, "operator", DC1_PROD);
        AccessEngine engine = engine(List.of(operator), List.of(member("ops", "alice", between(2, 4))));

        assertThat(notCounted(engine.check(ALICE, VM_PROVISION, WEB_1, day(1))))
                .containsExactly(Standing.MEMBERSHIP_NOT_YET_VALID);
        assertThat(engine.check(ALICE, VM_PROVISION, WEB_1, day(2)).allowed()).isTrue();
        assertThat(notCounted(engine.check(ALICE, VM_PROVISION, WEB_1, day(4))))
                .containsExactly(Standing.MEMBERSHIP_ENDED);
    }

    @Test
    void ineffectiveGrantOnAnotherScopeIsNotMentioned() {
        Grant operator = grant("g1", ALICE, "operator", DC1_PROD).revoke(stamp("boss", 1));

        Decision decision = engine(List.of(operator), List.of()).check(ALICE, VM_PROVISION, WEB_2, day(2));

        assertThat(decision).isInstanceOfSatisfying(Decision.Denied.class, denied -> {
            assertThat(denied.notCounted()).isEmpty();
            assertThat(denied.outOfScope()).isEmpty();
        });
    }

    @Test
    void grantsAndMembershipsNotYetRecordedAreIgnored() {
        Grant later = grant("g1", ALICE, "operator", DC1_PROD);
        AccessEngine engine = engine(List.of(later), List.of());

        Decision before = engine.check(ALICE, VM_PROVISION, WEB_1, day(0).minusSeconds(1));

        assertThat(before).isInstanceOfSatisfying(Decision.Denied.class,
                denied -> assertThat(denied.notCounted()).isEmpty());
    }

    @Test
    void undefinedRoleGivesNothing() {
        Grant ghost = grant("g1", ALICE, "ghost", Scope.EVERYWHERE);

        AccessEngine engine = engine(List.of(ghost), List.of());

        assertThat(engine.check(ALICE, INVENTORY_READ, WEB_1, day(1)).allowed()).isFalse();
        assertThat(engine.whatCanDo(ALICE, day(1))).isEmpty();
    }

    @Test
    void roleIsTakenAsTheCatalogDefinesIt() {
        Grant operator = grant("g1", ALICE, "operator", DC1_PROD);
        AccessState state = AccessState.of(DefaultRoles.catalog(), List.of(operator), List.of());
        AccessEngine narrowed = new AccessEngine(state.withRoles(
                state.roles().with(Role.of("operator", INVENTORY_READ))));

        assertThat(narrowed.check(ALICE, VM_PROVISION, WEB_1, day(1)).allowed()).isFalse();
        assertThat(narrowed.state().roles().permissionsOf("operator")).containsExactly(INVENTORY_READ);
    }

    @Test
    void whatCanDoListsPermissionsPerScope() {
        Scope dc2 = Scope.EVERYWHERE.withSite("dc2");
        List<Grant> grants = List.of(
                grant("g1", ALICE, "viewer", DC1_PROD),
                grant("g2", OPS, "auditor", DC1_PROD),
                grant("g3", ALICE, "operator", dc2),
                grant("g4", ALICE, "platform-admin", dc2).revoke(stamp("boss", 1)));

        var canDo = engine(grants, List.of(member("ops", "alice", from(0)))).whatCanDo(ALICE, day(2));

        assertThat(canDo).containsExactly(
                entry(DC1_PROD, Set.of(AUDIT_READ, INVENTORY_READ)),
                entry(dc2, DefaultRoles.catalog().permissionsOf("operator")));
        assertThat(canDo.get(DC1_PROD)).containsExactly(AUDIT_READ, INVENTORY_READ);
    }

    @Test
    void whoCanFindsUsersDirectlyAndThroughGroups() {
        Grant alices = grant("g1", ALICE, "operator", DC1_PROD);
        Grant opss = grant("g2", OPS, "operator", Scope.EVERYWHERE);
        Grant carols = grant("g3", Principal.user("carol"), "viewer", Scope.EVERYWHERE);
        GroupMembership bobInOps = member("ops", "bob", from(0));
        GroupMembership daveInOps = member("ops", "dave", between(0, 1));

        var who = engine(List.of(alices, opss, carols), List.of(bobInOps, daveInOps))
                .whoCan(VM_PROVISION, WEB_1, day(2));

        assertThat(who).containsExactly(
                entry("alice", List.of(GrantPath.direct(alices))),
                entry("bob", List.of(new GrantPath(opss, bobInOps))));
    }

    @Test
    void whoCanPagesByUserIdAndCountsEveryUser() {
        Grant opssRevoked = grant("g1", OPS, "operator", Scope.EVERYWHERE).revoke(stamp("boss", 1));
        Grant opss = grant("g2", OPS, "operator", DC1_PROD);
        Grant opssAgain = grant("g3", OPS, "operator", Scope.EVERYWHERE);
        Grant alices = grant("g4", ALICE, "operator", DC1_PROD);
        List<GroupMembership> members = List.of(member("ops", "bob", from(0)), member("ops", "carol", from(0)),
                member("ops", "dave", between(0, 1)), member("ops", "erin", from(5)));
        AccessEngine engine = engine(List.of(opssRevoked, opss, opssAgain, alices), members);

        AccessEngine.WhoCanPage first = engine.whoCan(VM_PROVISION, WEB_1, day(2), 0, 2);
        AccessEngine.WhoCanPage second = engine.whoCan(VM_PROVISION, WEB_1, day(2), 2, 2);

        assertThat(first.total()).isEqualTo(3);
        assertThat(first.users()).containsExactly(
                entry("alice", List.of(GrantPath.direct(alices))),
                entry("bob", List.of(new GrantPath(opss, members.get(0)), new GrantPath(opssAgain, members.get(0)))));
        assertThat(second.users()).containsOnlyKeys("carol");
        assertThat(engine.whoCan(VM_PROVISION, WEB_1, day(2), 9, 2).users()).isEmpty();
        assertThatThrownBy(() -> engine.whoCan(VM_PROVISION, WEB_1, day(2), -1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.whoCan(VM_PROVISION, WEB_1, day(2), 0, -2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matrixSaysWhetherAUserHoldsAPermissionOnAllOrPartOfTheScope() {
        Scope dc1 = Scope.EVERYWHERE.withSite("dc1");
        List<Grant> grants = List.of(
                grant("g1", ALICE, "viewer", Scope.EVERYWHERE),
                grant("g2", ALICE, "operator", DC1_PROD),
                grant("g3", Principal.user("bob"), "platform-admin", dc1),
                grant("g4", Principal.user("carol"), "operator", Scope.EVERYWHERE.withSite("dc2")),
                grant("g5", Principal.user("dave"), "operator", dc1).revoke(stamp("boss", 1)));

        AccessMatrix matrix = engine(grants, List.of()).matrix(dc1, day(2));

        assertThat(matrix.rows()).containsOnlyKeys("alice", "bob");
        assertThat(matrix.coverage("alice", INVENTORY_READ)).contains(Coverage.WHOLE);
        assertThat(matrix.coverage("alice", VM_PROVISION)).contains(Coverage.PART);
        assertThat(matrix.coverage("bob", HOST_REGISTER)).contains(Coverage.WHOLE);
        assertThat(matrix.coverage("alice", HOST_REGISTER)).isEmpty();
        assertThat(matrix.coverage("carol", VM_PROVISION)).isEmpty();
        assertThat(matrix.scope()).isEqualTo(dc1);
        assertThat(matrix.at()).isEqualTo(day(2));
    }

    @Test
    void matrixKeepsWholeCoverageWhicheverGrantComesFirst() {
        Scope dc1 = Scope.EVERYWHERE.withSite("dc1");
        List<Grant> narrowFirst = List.of(
                grant("g1", ALICE, "operator", DC1_PROD),
                grant("g2", ALICE, "viewer", Scope.EVERYWHERE));
        List<Grant> wideFirst = List.of(narrowFirst.get(1), narrowFirst.get(0));

        assertThat(engine(narrowFirst, List.of()).matrix(dc1, day(1)).coverage("alice", INVENTORY_READ))
                .contains(Coverage.WHOLE);
        assertThat(engine(wideFirst, List.of()).matrix(dc1, day(1)).coverage("alice", INVENTORY_READ))
                .contains(Coverage.WHOLE);
    }

    @Test
    void matrixReachesGroupMembers() {
        Grant opss = grant("g1", OPS, "auditor", Scope.EVERYWHERE);

        AccessMatrix matrix = engine(List.of(opss), List.of(member("ops", "bob", from(0))))
                .matrix(DC1_PROD, day(1));

        assertThat(matrix.rows()).containsOnlyKeys("bob");
        assertThat(matrix.coverage("bob", AUDIT_READ)).contains(Coverage.WHOLE);
    }

    @Test
    void effectivePathsLeaveOutWhatDoesNotCount() {
        Grant active = grant("g1", ALICE, "viewer", Scope.EVERYWHERE);
        Grant revoked = grant("g2", ALICE, "operator", Scope.EVERYWHERE).revoke(stamp("boss", 1));

        AccessEngine engine = engine(List.of(active, revoked), List.of());

        assertThat(engine.effectivePaths(ALICE, day(2))).containsExactly(GrantPath.direct(active));
        assertThat(engine.effectivePaths(ALICE, day(-1))).as("before anything was granted").isEmpty();
        assertThat(engine.gives(GrantPath.direct(active), INVENTORY_READ)).isTrue();
        assertThat(engine.gives(GrantPath.direct(active), Permission.parse("vm:steal"))).isFalse();
    }

    @Test
    void argumentsAreRequired() {
        AccessEngine engine = engine(List.of(), List.of());

        assertThatThrownBy(() -> new AccessEngine(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> engine.check(null, VM_PROVISION, WEB_1, day(0)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> engine.check(ALICE, null, WEB_1, day(0))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> engine.check(ALICE, VM_PROVISION, null, day(0)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> engine.check(ALICE, VM_PROVISION, WEB_1, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> engine.matrix(null, day(0))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void environmentMismatchIsOutOfScope() {
        Grant operator = grant("g1", ALICE, "operator", DC1_PROD);
        ResourceRef devVm = ResourceRef.vm("dev-1", "dc1", Environment.DEV, "shop");

        assertThat(engine(List.of(operator), List.of()).check(ALICE, VM_PROVISION, devVm, day(1)).allowed())
                .isFalse();
    }

    private static List<Standing> notCounted(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Denied.class);
        return ((Decision.Denied) decision).notCounted().stream().map(Decision.NotCounted::standing).toList();
    }
}
