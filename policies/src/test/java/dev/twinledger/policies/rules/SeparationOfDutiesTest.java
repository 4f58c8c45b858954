package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.twinledger.policies.Fixtures.DC1_PROD;
import static dev.twinledger.policies.Fixtures.between;
import static dev.twinledger.policies.Fixtures.from;
import static dev.twinledger.policies.Fixtures.grant;
import static dev.twinledger.policies.Fixtures.member;
import static dev.twinledger.policies.Fixtures.pending;
import static dev.twinledger.policies.Fixtures.stamp;
import static dev.twinledger.policies.rules.RulesFixtures.join;
import static dev.twinledger.policies.rules.RulesFixtures.request;
import static dev.twinledger.policies.rules.RulesFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeparationOfDutiesTest {

    private static final Principal AUD = Principal.user("aud");
    private static final Principal OPS = Principal.group("ops");
    private static final Scope DC1 = Scope.EVERYWHERE.withSite("dc1");
    private static final Scope DC2 = Scope.EVERYWHERE.withSite("dc2");
    private final SeparationOfDuties rule = SeparationOfDuties.defaults();
    private final Grant audAuditor = grant("g1", AUD, "auditor", DC1);

    @Test
    void conflictingRoleOnOverlappingScopeIsRefusedNamingTheGrant() {
        Verdict verdict = rule.check(request("root", AUD, "access-admin", DC1_PROD, from(1)), state(audAuditor));

        assertThat(verdict).isEqualTo(new Rejection(SeparationOfDuties.NAME, "role access-admin on site=dc1,"
                + " environment=prod for user:aud conflicts with grant g1 (auditor on site=dc1,"
                + " from 2025-03-01T00:00:00Z on) held", "g1"));
    }

    @Test
    void conflictingRoleOnDisjointScopeIsAllowed() {
        assertThat(rule.check(request("root", AUD, "access-admin", DC2, from(1)), state(audAuditor)))
                .isEqualTo(new Allowance(SeparationOfDuties.NAME));
    }

    @Test
    void conflictingRoleAtDisjointTimesIsAllowed() {
        Grant lastMonth = grant("g1", AUD, "auditor", DC1, between(0, 1));

        assertThat(rule.check(request("root", AUD, "platform-admin", DC1, from(1)), state(lastMonth)).isAllowed())
                .isTrue();
    }

    @Test
    void revokedGrantDoesNotConflict() {
        assertThat(rule.check(request("root", AUD, "access-admin", DC1, from(1)),
                state(audAuditor.revoke(stamp("boss", 1)))).isAllowed()).isTrue();
    }

    @Test
    void pendingGrantConflicts() {
        Grant pendingAdmin = pending("g2", AUD, "platform-admin", DC1);

        assertThat(rule.check(request("root", AUD, "auditor", DC1, from(1)), state(pendingAdmin)).isAllowed())
                .isFalse();
    }

    @Test
    void rolesOutsideThePairsDoNotConflict() {
        assertThat(rule.check(request("root", AUD, "operator", DC1, from(1)), state(audAuditor)).isAllowed())
                .isTrue();
        assertThat(rule.conflict("auditor", "auditor")).isFalse();
        assertThat(rule.conflict("auditor", "access-admin")).isTrue();
        assertThat(rule.conflict("access-admin", "auditor")).isTrue();
    }

    @Test
    void conflictThroughAGroupIsRefusedAndSaysWhichGroup() {
        Grant opsAuditor = grant("g1", OPS, "auditor", DC1);

        Verdict verdict = rule.check(request("root", AUD, "access-admin", DC1, from(1)),
                state(List.of(opsAuditor), List.of(member("ops", "aud", from(0)))));

        assertThat(verdict).isInstanceOfSatisfying(Rejection.class, rejection -> assertThat(rejection.reason())
                .endsWith("held through group ops"));
    }

    @Test
    void groupMembershipThatNeverMeetsTheGrantDoesNotConflict() {
        Grant opsAuditor = grant("g1", OPS, "auditor", DC1, between(5, 9));

        assertThat(rule.check(request("root", AUD, "access-admin", DC1, from(1)),
                state(List.of(opsAuditor), List.of(member("ops", "aud", between(0, 2))))).isAllowed()).isTrue();
    }

    @Test
    void grantToAGroupConflictingWithItsOwnGrantIsRefused() {
        Grant opsAuditor = grant("g1", OPS, "auditor", DC1);

        assertThat(rule.check(request("root", OPS, "access-admin", DC1, from(1)), state(opsAuditor)))
                .isInstanceOfSatisfying(Rejection.class, rejection -> assertThat(rejection.reason())
                        .startsWith("role access-admin on site=dc1 for group:ops conflicts with grant g1"));
    }

    @Test
    void grantToAGroupConflictingWithAMembersGrantIsRefused() {
        AccessState state = state(List.of(audAuditor), List.of(member("ops", "aud", from(0))));

        Verdict verdict = rule.check(request("root", OPS, "platform-admin", DC1, from(1)), state);

        assertThat(verdict).isInstanceOfSatisfying(Rejection.class, rejection -> {
            assertThat(rejection.reason()).startsWith("role platform-admin on site=dc1 for user:aud (a member of"
                    + " group:ops) conflicts with grant g1");
            assertThat(rejection.conflictingGrantId()).isEqualTo("g1");
        });
    }

    @Test
    void grantToAGroupIgnoresMembersOutsideItsValidity() {
        AccessState state = state(List.of(audAuditor), List.of(member("ops", "aud", between(0, 1)),
                member("ops", "bob", from(0))));

        assertThat(rule.check(request("root", OPS, "platform-admin", DC1, from(1)), state).isAllowed()).isTrue();
    }

    @Test
    void pendingGrantIsJudgedAgainAtApprovalWithoutConflictingWithItself() {
        Grant pendingAdmin = pending("g2", AUD, "access-admin", DC1);

        assertThat(rule.check(pendingAdmin, state(pendingAdmin)).isAllowed()).isTrue();
        assertThat(rule.check(pendingAdmin, state(pendingAdmin, audAuditor)))
                .isInstanceOfSatisfying(Rejection.class,
                        rejection -> assertThat(rejection.conflictingGrantId()).isEqualTo("g1"));
    }

    @Test
    void addingAMemberWhoseOtherGrantsConflictIsRefused() {
        Grant opsAdmin = grant("g2", OPS, "access-admin", DC1_PROD);

        Verdict verdict = rule.checkMembership(join("root", "ops", "aud", from(1)), state(audAuditor, opsAdmin));

        assertThat(verdict).isInstanceOfSatisfying(Rejection.class, rejection -> {
            assertThat(rejection.reason()).startsWith("role access-admin on site=dc1, environment=prod for user:aud"
                    + " by adding aud to group ops conflicts with grant g1");
            assertThat(rejection.conflictingGrantId()).isEqualTo("g1");
        });
    }

    @Test
    void addingAMemberIgnoresRevokedAndNonOverlappingGroupGrants() {
        Grant revoked = grant("g2", OPS, "access-admin", DC1).revoke(stamp("boss", 1));
        Grant expired = grant("g3", OPS, "access-admin", DC1, between(0, 1));
        Grant harmless = grant("g4", OPS, "operator", DC1);

        assertThat(rule.checkMembership(join("root", "ops", "aud", from(1)),
                state(audAuditor, revoked, expired, harmless)).isAllowed()).isTrue();
    }

    @Test
    void addingAMemberDoesNotWeighTheGroupAgainstItself() {
        Grant opsAdmin = grant("g1", OPS, "access-admin", DC1);
        Grant opsAuditor = grant("g2", OPS, "auditor", DC1);

        AccessState state = state(List.of(opsAdmin, opsAuditor), List.of(member("ops", "aud", between(0, 1))));

        assertThat(rule.checkMembership(join("root", "ops", "aud", from(1)), state).isAllowed()).isTrue();
    }

    @Test
    void pairsAreConfigured() {
        assertThat(SeparationOfDuties.defaults().pairs()).containsExactlyInAnyOrder(
                new RolePair("access-admin", "auditor"), new RolePair("auditor", "platform-admin"));
        assertThat(new SeparationOfDuties(Set.of()).conflict("access-admin", "auditor")).isFalse();
        assertThatThrownBy(() -> new SeparationOfDuties(null)).isInstanceOf(NullPointerException.class);
    }
}
