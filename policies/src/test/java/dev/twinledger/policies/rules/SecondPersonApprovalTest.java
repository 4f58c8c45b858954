package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.twinledger.policies.Fixtures.DC1_PROD;
import static dev.twinledger.policies.Fixtures.between;
import static dev.twinledger.policies.Fixtures.day;
import static dev.twinledger.policies.Fixtures.from;
import static dev.twinledger.policies.Fixtures.grant;
import static dev.twinledger.policies.Fixtures.member;
import static dev.twinledger.policies.Fixtures.pending;
import static dev.twinledger.policies.rules.RulesFixtures.ROLES;
import static dev.twinledger.policies.rules.RulesFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class SecondPersonApprovalTest {

    private static final Principal BOB = Principal.user("bob");
    private final SecondPersonApproval rule = new SecondPersonApproval();
    private final Grant bobAdmin = pending("g1", BOB, "platform-admin", DC1_PROD);
    private final Grant daveApprover = grant("g2", Principal.user("dave"), "access-admin", Scope.EVERYWHERE);

    @Test
    void privilegedRolesNeedApproval() {
        assertThat(rule.requiresApproval("platform-admin", ROLES)).isTrue();
        assertThat(rule.requiresApproval("access-admin", ROLES)).isTrue();
        assertThat(rule.requiresApproval("operator", ROLES)).isFalse();
    }

    @Test
    void secondPersonHoldingGrantApproveMayApprove() {
        assertThat(rule.check(bobAdmin, "dave", state(bobAdmin, daveApprover), day(1)))
                .isEqualTo(new Allowance(SecondPersonApproval.NAME));
    }

    @Test
    void requesterMayNotApprove() {
        Grant adminsOwn = grant("g3", Principal.user("admin"), "access-admin", Scope.EVERYWHERE);

        assertThat(rule.check(bobAdmin, "admin", state(bobAdmin, adminsOwn), day(1)))
                .isEqualTo(Rejection.of(SecondPersonApproval.NAME,
                        "grant g1 was requested by admin, who cannot also approve it"));
    }

    @Test
    void granteeMayNotApprove() {
        Grant bobsOwn = grant("g3", BOB, "access-admin", Scope.EVERYWHERE);

        assertThat(rule.check(bobAdmin, "bob", state(bobAdmin, bobsOwn), day(1)))
                .isEqualTo(Rejection.of(SecondPersonApproval.NAME, "bob cannot approve grant g1 to themselves"));
    }

    @Test
    void memberOfTheGranteeGroupMayNotApprove() {
        Grant opsAdmin = pending("g1", Principal.group("ops"), "platform-admin", DC1_PROD);

        assertThat(rule.check(opsAdmin, "dave", state(List.of(opsAdmin, daveApprover),
                List.of(member("ops", "dave", from(3)))), day(1)))
                .isEqualTo(Rejection.of(SecondPersonApproval.NAME,
                        "dave is a member of group:ops and cannot approve grant g1 to it"));
    }

    @Test
    void formerMemberOrMemberOfAnotherGroupMayApprove() {
        Grant opsAdmin = grant("g1", Principal.group("ops"), "platform-admin", DC1_PROD, from(2));

        assertThat(rule.check(opsAdmin, "dave", state(List.of(opsAdmin, daveApprover),
                List.of(member("ops", "dave", between(0, 1)), member("devs", "dave", from(0)))), day(1))
                .isAllowed()).isTrue();
    }

    @Test
    void approverWithoutGrantApproveOverTheScopeIsRefused() {
        Grant narrowApprover = grant("g2", Principal.user("dave"), "access-admin", DC1_PROD.withProject("shop"));

        assertThat(rule.check(bobAdmin, "dave", state(bobAdmin, narrowApprover), day(1)))
                .isEqualTo(Rejection.of(SecondPersonApproval.NAME,
                        "user:dave does not hold grant:approve on a scope containing site=dc1, environment=prod"));
    }
}
