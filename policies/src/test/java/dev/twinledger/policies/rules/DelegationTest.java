package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static dev.twinledger.policies.Fixtures.DC1_PROD;
import static dev.twinledger.policies.Fixtures.WEB_1;
import static dev.twinledger.policies.Fixtures.between;
import static dev.twinledger.policies.Fixtures.from;
import static dev.twinledger.policies.Fixtures.grant;
import static dev.twinledger.policies.rules.RulesFixtures.request;
import static dev.twinledger.policies.rules.RulesFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DelegationTest {

    private static final Principal BOB = Principal.user("bob");
    private final Grant opalOperator = grant("g1", Principal.user("opal"), "operator", DC1_PROD, between(0, 10));
    private final Delegation rule = Delegation.defaults();

    @Test
    void holderMayPassOnHerRoleWithinHerScopeAndTime() {
        Verdict verdict = rule.check(request("opal", BOB, "operator", Scope.of(WEB_1), between(1, 5)),
                state(opalOperator));

        assertThat(verdict).isEqualTo(new Allowance(Delegation.NAME));
    }

    @Test
    void roleNotDelegableIsRefused() {
        assertThat(rule.check(request("opal", BOB, "auditor", DC1_PROD, between(1, 5)), state(opalOperator)))
                .isEqualTo(Rejection.of(Delegation.NAME, "role auditor is not delegable"));
    }

    @Test
    void privilegedRoleIsNeverDelegated() {
        Delegation careless = new Delegation(Set.of("platform-admin"));
        Grant admin = grant("g2", Principal.user("pat"), "platform-admin", DC1_PROD);

        assertThat(careless.check(request("pat", BOB, "platform-admin", DC1_PROD, between(1, 5)), state(admin)))
                .isEqualTo(Rejection.of(Delegation.NAME, "role platform-admin is privileged and is never delegated"));
    }

    @Test
    void delegatingBeyondOnesScopeOrTimeIsRefused() {
        Scope dc1 = Scope.EVERYWHERE.withSite("dc1");

        assertThat(rule.check(request("opal", BOB, "operator", dc1, between(1, 5)), state(opalOperator)))
                .isEqualTo(Rejection.of(Delegation.NAME, "user:opal does not hold operator on a scope containing"
                        + " site=dc1 from 2025-03-02T00:00:00Z until 2025-03-06T00:00:00Z"));
        assertThat(rule.check(request("opal", BOB, "operator", DC1_PROD, from(1)), state(opalOperator))
                .isAllowed()).isFalse();
    }

    @Test
    void delegatingARoleOneLacksIsRefused() {
        assertThat(rule.check(request("opal", BOB, "viewer", DC1_PROD, between(1, 5)), state(opalOperator))
                .isAllowed()).as("holding viewer's permissions is not holding viewer").isFalse();
    }

    @Test
    void delegableRolesAreConfigured() {
        assertThat(Delegation.defaults().delegable()).containsExactly("operator", "viewer");
        assertThat(Delegation.none().delegable()).isEmpty();
        assertThatThrownBy(() -> new Delegation(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Delegation(new HashSet<>(Arrays.asList("viewer", null))))
                .isInstanceOf(NullPointerException.class);
    }
}
