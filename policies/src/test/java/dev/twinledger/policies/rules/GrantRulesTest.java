package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import static dev.twinledger.policies.Fixtures.DC1_PROD;
import static dev.twinledger.policies.Fixtures.WEB_1;
import static dev.twinledger.policies.Fixtures.between;
import static dev.twinledger.policies.Fixtures.day;
import static dev.twinledger.policies.Fixtures.from;
import static dev.twinledger.policies.Fixtures.grant;
import static dev.twinledger.policies.Fixtures.pending;
import static dev.twinledger.policies.rules.RulesFixtures.ROLES;
import static dev.twinledger.policies.rules.RulesFixtures.join;
import static dev.twinledger.policies.rules.RulesFixtures.request;
import static dev.twinledger.policies.rules.RulesFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantRulesTest {

    private static final Principal BOB = Principal.user("bob");
    private final GrantRules rules = GrantRules.defaults();
    private final Grant root = grant("root", Principal.user("root"), "access-admin", Scope.EVERYWHERE);
    private final Grant bobAuditor = grant("g1", BOB, "auditor", Scope.EVERYWHERE);
    private final Grant opalOperator = grant("g2", Principal.user("opal"), "operator", DC1_PROD);

    @Test
    void grantWithinAuthorityAndWithoutConflictIsAllowed() {
        assertThat(rules.request(request("root", BOB, "operator", DC1_PROD, from(1)), state(root)))
                .isEqualTo(new Allowance(SeparationOfDuties.NAME));
    }

    @Test
    void grantWithinAuthorityButConflictingIsRefused() {
        assertThat(rules.request(request("root", BOB, "platform-admin", DC1_PROD, from(1)), state(root, bobAuditor)))
                .isInstanceOfSatisfying(Rejection.class,
                        rejection -> assertThat(rejection.rule()).isEqualTo(SeparationOfDuties.NAME));
    }

    @Test
    void delegationStandsInForMissingGrantCreate() {
        assertThat(rules.request(request("opal", BOB, "operator", Scope.of(WEB_1), between(1, 2)),
                state(opalOperator)).isAllowed()).isTrue();
    }

    @Test
    void refusalSaysWhyItIsNeitherAGrantNorADelegation() {
        Verdict verdict = rules.request(request("opal", BOB, "auditor", DC1_PROD, from(1)), state(opalOperator));

        assertThat(verdict).isEqualTo(Rejection.of(NoEscalation.NAME, "user:opal does not hold grant:create on a"
                + " scope containing site=dc1, environment=prod from 2025-03-02T00:00:00Z on; nor may it be"
                + " delegated: role auditor is not delegable"));
    }

    @Test
    void approvalBySecondPersonIsJudgedForConflictsAgain() {
        Grant pendingAdmin = pending("g3", BOB, "platform-admin", DC1_PROD);

        assertThat(rules.approval(pendingAdmin, "root", state(root, pendingAdmin), day(1)).isAllowed()).isTrue();
        assertThat(rules.approval(pendingAdmin, "root", state(root, pendingAdmin, bobAuditor), day(1)))
                .isInstanceOfSatisfying(Rejection.class,
                        rejection -> assertThat(rejection.conflictingGrantId()).isEqualTo("g1"));
    }

    @Test
    void selfApprovalIsRefusedBeforeConflictsAreWeighed() {
        Grant pendingAdmin = pending("g3", BOB, "platform-admin", DC1_PROD);

        assertThat(rules.approval(pendingAdmin, "admin", state(pendingAdmin, bobAuditor), day(1)))
                .isInstanceOfSatisfying(Rejection.class,
                        rejection -> assertThat(rejection.rule()).isEqualTo(SecondPersonApproval.NAME));
    }

    @Test
    void membershipIsJudgedForEscalationThenConflicts() {
        Grant opsAdmin = grant("g3", Principal.group("ops"), "platform-admin", DC1_PROD);

        assertThat(rules.membership(join("root", "ops", "opal", from(1)), state(root, opsAdmin)).isAllowed())
                .isTrue();
        assertThat(rules.membership(join("root", "ops", "bob", from(1)), state(root, opsAdmin, bobAuditor)))
                .isInstanceOfSatisfying(Rejection.class,
                        rejection -> assertThat(rejection.rule()).isEqualTo(SeparationOfDuties.NAME));
        assertThat(rules.membership(join("opal", "ops", "bob", from(1)), state(opalOperator, opsAdmin)))
                .isInstanceOfSatisfying(Rejection.class,
                        rejection -> assertThat(rejection.rule()).isEqualTo(NoEscalation.NAME));
    }

    @Test
    void privilegedRolesWaitForApproval() {
        assertThat(rules.requiresApproval("access-admin", ROLES)).isTrue();
        assertThat(rules.requiresApproval("viewer", ROLES)).isFalse();
    }

    @Test
    void rulesAreRequired() {
        assertThatThrownBy(() -> new GrantRules(null, Delegation.none())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new GrantRules(SeparationOfDuties.defaults(), null))
                .isInstanceOf(NullPointerException.class);
    }
}
