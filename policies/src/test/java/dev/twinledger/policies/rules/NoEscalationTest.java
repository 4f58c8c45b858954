package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.twinledger.policies.Fixtures.DC1_PROD;
import static dev.twinledger.policies.Fixtures.between;
import static dev.twinledger.policies.Fixtures.from;
import static dev.twinledger.policies.Fixtures.grant;
import static dev.twinledger.policies.Fixtures.member;
import static dev.twinledger.policies.Fixtures.stamp;
import static dev.twinledger.policies.rules.RulesFixtures.join;
import static dev.twinledger.policies.rules.RulesFixtures.request;
import static dev.twinledger.policies.rules.RulesFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class NoEscalationTest {

    private static final Principal BOB = Principal.user("bob");
    private static final Scope DC1 = Scope.EVERYWHERE.withSite("dc1");
    private final NoEscalation rule = new NoEscalation();
    private final Grant rootAdmin = grant("root", Principal.user("root"), "access-admin", Scope.EVERYWHERE);

    @Test
    void adminMayGrantWithinHerScopeWhatSheHolds() {
        Verdict verdict = rule.check(request("root", BOB, "operator", DC1_PROD, from(1)), state(rootAdmin));

        assertThat(verdict).isEqualTo(new Allowance(NoEscalation.NAME));
        assertThat(verdict.isAllowed()).isTrue();
    }

    @Test
    void undefinedRoleIsRefused() {
        assertThat(rule.check(request("root", BOB, "ghost", DC1_PROD, from(1)), state(rootAdmin)))
                .isEqualTo(Rejection.of(NoEscalation.NAME, "role ghost is not defined"));
    }

    @Test
    void grantingWithoutGrantCreateIsRefused() {
        Grant operator = grant("g1", Principal.user("opal"), "operator", DC1_PROD);

        Verdict verdict = rule.check(request("opal", BOB, "viewer", DC1_PROD, from(1)), state(operator));

        assertThat(verdict).isInstanceOfSatisfying(Rejection.class, rejection -> {
            assertThat(rejection.rule()).isEqualTo(NoEscalation.NAME);
            assertThat(rejection.reason()).isEqualTo("user:opal does not hold grant:create on a scope containing"
                    + " site=dc1, environment=prod from 2025-03-02T00:00:00Z on");
            assertThat(rejection.conflictingGrantId()).isNull();
        });
        assertThat(verdict.isAllowed()).isFalse();
    }

    @Test
    void grantingBeyondOnesOwnScopeIsRefused() {
        Grant dc1ProdAdmin = grant("g1", Principal.user("ann"), "access-admin", DC1_PROD);

        Verdict verdict = rule.check(request("ann", BOB, "viewer", DC1, from(1)), state(dc1ProdAdmin));

        assertThat(verdict).isInstanceOfSatisfying(Rejection.class, rejection -> assertThat(rejection.reason())
                .contains("does not hold grant:create on a scope containing site=dc1 from"));
    }

    @Test
    void grantingLongerThanOnesOwnAuthorityIsRefused() {
        Grant temporaryAdmin = grant("g1", Principal.user("ann"), "access-admin", Scope.EVERYWHERE, between(0, 10));
        AccessState state = state(temporaryAdmin);

        assertThat(rule.check(request("ann", BOB, "viewer", DC1, between(1, 10)), state).isAllowed()).isTrue();
        assertThat(rule.check(request("ann", BOB, "viewer", DC1, from(1)), state).isAllowed()).isFalse();
        assertThat(rule.check(request("ann", BOB, "viewer", DC1, between(1, 11)), state).isAllowed()).isFalse();
    }

    @Test
    void grantingARoleWithPermissionsOneLacksIsRefusedAndNamesThem() {
        Grant granter = grant("g1", Principal.user("gus"), "granter", Scope.EVERYWHERE);

        Verdict verdict = rule.check(request("gus", BOB, "operator", DC1_PROD, from(1)), state(granter));

        assertThat(verdict).isInstanceOfSatisfying(Rejection.class, rejection -> assertThat(rejection.reason())
                .isEqualTo("user:gus does not hold [storage:manage, vm:decommission, vm:migrate, vm:operate,"
                        + " vm:provision, volume:manage] on a scope containing site=dc1, environment=prod from 2025-03-02T00:00:00Z on, so granting operator would"
                        + " escalate"));
        assertThat(rule.check(request("gus", BOB, "viewer", DC1_PROD, from(1)), state(granter)).isAllowed())
                .isTrue();
    }

    @Test
    void permissionsMayComeFromSeveralGrants() {
        Grant granter = grant("g1", Principal.user("gus"), "granter", Scope.EVERYWHERE);
        Grant operator = grant("g2", Principal.user("gus"), "operator", DC1);

        assertThat(rule.check(request("gus", BOB, "operator", DC1_PROD, from(1)), state(granter, operator))
                .isAllowed()).isTrue();
    }

    @Test
    void authorityThroughAGroupCounts() {
        Grant admins = grant("g1", Principal.group("admins"), "access-admin", Scope.EVERYWHERE);

        AccessState state = state(List.of(admins), List.of(member("admins", "ann", from(0))));

        assertThat(rule.check(request("ann", BOB, "operator", DC1, from(1)), state).isAllowed()).isTrue();
    }

    @Test
    void revokedAuthorityDoesNotCount() {
        Grant revoked = rootAdmin.revoke(stamp("boss", 1));

        assertThat(rule.check(request("root", BOB, "viewer", DC1, from(1)), state(revoked)).isAllowed()).isFalse();
    }

    @Test
    void addingAMemberNeedsGroupManageSomewhere() {
        Grant operator = grant("g1", Principal.user("opal"), "operator", Scope.EVERYWHERE);

        assertThat(rule.checkMembership(join("opal", "empty", "bob", from(1)), state(operator)))
                .isEqualTo(Rejection.of(NoEscalation.NAME, "user:opal holds group:manage nowhere"));
    }

    @Test
    void addingAMemberToAGroupWithoutGrantsNeedsOnlyGroupManage() {
        Grant granter = grant("g1", Principal.user("gus"), "granter", DC1_PROD);

        assertThat(rule.checkMembership(join("gus", "empty", "bob", from(1)), state(granter)).isAllowed()).isTrue();
    }

    @Test
    void addingAMemberHandsOutTheGroupsGrantsAndMustNotEscalate() {
        Grant granter = grant("g1", Principal.user("gus"), "granter", Scope.EVERYWHERE);
        Grant opsOperator = grant("g2", Principal.group("ops"), "operator", DC1_PROD);

        Verdict verdict = rule.checkMembership(join("gus", "ops", "bob", from(1)), state(granter, opsOperator));

        assertThat(verdict).isInstanceOfSatisfying(Rejection.class, rejection -> {
            assertThat(rejection.conflictingGrantId()).isEqualTo("g2");
            assertThat(rejection.reason()).isEqualTo("user:gus does not hold [storage:manage, vm:decommission,"
                    + " vm:migrate, vm:operate, vm:provision, volume:manage] on a scope containing site=dc1, environment=prod from 2025-03-02T00:00:00Z on,"
                    + " so adding bob to group ops would hand out grant g2 (operator) and escalate");
        });
        assertThat(rule.checkMembership(join("root", "ops", "bob", from(1)), state(rootAdmin, opsOperator))
                .isAllowed()).isTrue();
    }

    @Test
    void groupManageMustCoverTheGroupsGrantScopes() {
        Grant narrowGranter = grant("g1", Principal.user("gus"), "access-admin", DC1_PROD);
        Grant opsViewer = grant("g2", Principal.group("ops"), "viewer", Scope.EVERYWHERE);

        assertThat(rule.checkMembership(join("gus", "ops", "bob", from(1)), state(narrowGranter, opsViewer)))
                .isInstanceOfSatisfying(Rejection.class, rejection -> assertThat(rejection.reason())
                        .startsWith("user:gus does not hold [group:manage, inventory:read] on a scope containing"
                                + " everywhere"));
    }

    @Test
    void revokedOrNonOverlappingGroupGrantsAreNotHandedOut() {
        Grant granter = grant("g1", Principal.user("gus"), "granter", Scope.EVERYWHERE);
        Grant revoked = grant("g2", Principal.group("ops"), "operator", DC1_PROD).revoke(stamp("boss", 1));
        Grant over = grant("g3", Principal.group("ops"), "operator", DC1_PROD, between(0, 1));

        assertThat(rule.checkMembership(join("gus", "ops", "bob", from(1)), state(granter, revoked, over))
                .isAllowed()).isTrue();
    }
}
