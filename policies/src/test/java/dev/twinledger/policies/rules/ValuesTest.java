package dev.twinledger.policies.rules;

import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import static dev.twinledger.policies.Fixtures.day;
import static dev.twinledger.policies.Fixtures.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTest {

    @Test
    void rolePairIsUnordered() {
        assertThat(new RolePair("b", "a")).isEqualTo(new RolePair("a", "b"));
        assertThat(new RolePair("b", "a").first()).isEqualTo("a");
    }

    @Test
    void roleCannotConflictWithItself() {
        assertThatThrownBy(() -> new RolePair("a", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RolePair(null, "a")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RolePair("a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void verdictsSayWhetherTheyAllow() {
        assertThat(new Allowance("R").isAllowed()).isTrue();
        assertThat(Rejection.of("R", "because").isAllowed()).isFalse();
        assertThat(Rejection.of("R", "because").conflictingGrantId()).isNull();
        assertThatThrownBy(() -> new Allowance(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Rejection.of(null, "because")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Rejection.of("R", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void requestsNeedEveryField() {
        Principal bob = Principal.user("bob");

        assertThatThrownBy(() -> new GrantRequest(null, "r", Scope.EVERYWHERE, from(0), "a", day(0)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new GrantRequest(bob, null, Scope.EVERYWHERE, from(0), "a", day(0)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new GrantRequest(bob, "r", null, from(0), "a", day(0)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new GrantRequest(bob, "r", Scope.EVERYWHERE, null, "a", day(0)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new GrantRequest(bob, "r", Scope.EVERYWHERE, from(0), null, day(0)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new GrantRequest(bob, "r", Scope.EVERYWHERE, from(0), "a", null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MembershipRequest(null, "u", from(0), "a", day(0)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MembershipRequest("g", null, from(0), "a", day(0)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MembershipRequest("g", "u", null, "a", day(0)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MembershipRequest("g", "u", from(0), null, day(0)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MembershipRequest("g", "u", from(0), "a", null))
                .isInstanceOf(NullPointerException.class);
    }
}
