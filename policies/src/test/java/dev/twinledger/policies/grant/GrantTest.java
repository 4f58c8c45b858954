package dev.twinledger.policies.grant;

import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import static dev.twinledger.policies.Fixtures.DC1_PROD;
import static dev.twinledger.policies.Fixtures.day;
import static dev.twinledger.policies.Fixtures.from;
import static dev.twinledger.policies.Fixtures.grant;
import static dev.twinledger.policies.Fixtures.pending;
import static dev.twinledger.policies.Fixtures.stamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantTest {

    private static final Principal ALICE = Principal.user("alice");

    @Test
    void grantNeedingNoApprovalIsActiveAtOnce() {
        Grant grant = grant("g1", ALICE, "operator", DC1_PROD);

        assertThat(grant.status()).isEqualTo(GrantStatus.ACTIVE);
        assertThat(grant.statusAt(day(0))).isEqualTo(GrantStatus.ACTIVE);
        assertThat(grant.requester()).isEqualTo("admin");
        assertThat(grant.approver()).isEmpty();
    }

    @Test
    void privilegedGrantIsPendingUntilApproved() {
        Grant grant = pending("g1", ALICE, "platform-admin", DC1_PROD);

        assertThat(grant.status()).isEqualTo(GrantStatus.PENDING_APPROVAL);
        assertThat(grant.statusAt(day(5))).isEqualTo(GrantStatus.PENDING_APPROVAL);

        Grant approved = grant.approve(stamp("boss", 2));

        assertThat(approved.status()).isEqualTo(GrantStatus.ACTIVE);
        assertThat(approved.approver()).contains("boss");
        assertThat(approved.statusAt(day(2).minusNanos(1))).isEqualTo(GrantStatus.PENDING_APPROVAL);
        assertThat(approved.statusAt(day(2))).isEqualTo(GrantStatus.ACTIVE);
    }

    @Test
    void revocationCountsFromItsInstant() {
        Grant revoked = grant("g1", ALICE, "operator", DC1_PROD).revoke(stamp("boss", 3));

        assertThat(revoked.status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(revoked.statusAt(day(3).minusNanos(1))).isEqualTo(GrantStatus.ACTIVE);
        assertThat(revoked.statusAt(day(3))).isEqualTo(GrantStatus.REVOKED);
    }

    @Test
    void rejectedRequestIsARevokedPendingGrant() {
        Grant rejected = pending("g1", ALICE, "platform-admin", DC1_PROD).revoke(stamp("boss", 1));

        assertThat(rejected.status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(rejected.statusAt(day(0))).isEqualTo(GrantStatus.PENDING_APPROVAL);
        assertThat(rejected.statusAt(day(1))).isEqualTo(GrantStatus.REVOKED);
    }

    @Test
    void existsFromItsRequest() {
        Grant grant = grant("g1", ALICE, "operator", DC1_PROD);

        assertThat(grant.existsAt(day(0))).isTrue();
        assertThat(grant.existsAt(day(0).minusNanos(1))).isFalse();
    }

    @Test
    void onlyPendingGrantsCanBeApproved() {
        Grant active = grant("g1", ALICE, "operator", DC1_PROD);
        Grant approved = pending("g2", ALICE, "platform-admin", DC1_PROD).approve(stamp("boss", 1));
        Grant rejected = pending("g3", ALICE, "platform-admin", DC1_PROD).revoke(stamp("boss", 1));

        assertThatThrownBy(() -> active.approve(stamp("boss", 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is ACTIVE, not pending approval");
        assertThatThrownBy(() -> approved.approve(stamp("boss", 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rejected.approve(stamp("boss", 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void revokedGrantCannotBeRevokedAgain() {
        Grant revoked = grant("g1", ALICE, "operator", DC1_PROD).revoke(stamp("boss", 1));

        assertThatThrownBy(() -> revoked.revoke(stamp("boss", 2))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already revoked");
    }

    @Test
    void approvalOfGrantNeedingNoneIsInconsistent() {
        Grant active = grant("g1", ALICE, "operator", DC1_PROD);

        assertThatThrownBy(() -> new Grant("g1", ALICE, "operator", DC1_PROD, from(0), active.justification(),
                false, stamp("admin", 0), stamp("boss", 1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs no approval");
    }

    @Test
    void approvalOrRevocationBeforeRequestIsInconsistent() {
        Grant grant = pending("g1", ALICE, "platform-admin", DC1_PROD);

        assertThatThrownBy(() -> new Grant("g1", ALICE, "platform-admin", DC1_PROD, from(0),
                grant.justification(), true, stamp("admin", 2), stamp("boss", 1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("approved before");
        assertThatThrownBy(() -> new Grant("g1", ALICE, "platform-admin", DC1_PROD, from(0),
                grant.justification(), true, stamp("admin", 2), null, stamp("boss", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revoked before");
    }

    @Test
    void requiredFieldsAreChecked() {
        Grant g = grant("g1", ALICE, "operator", DC1_PROD);

        assertThatThrownBy(() -> Grant.requested(" ", ALICE, "operator", DC1_PROD, from(0), g.justification(),
                false, g.requested())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Grant.requested("g1", null, "operator", DC1_PROD, from(0), g.justification(),
                false, g.requested())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Grant.requested("g1", ALICE, " ", DC1_PROD, from(0), g.justification(),
                false, g.requested())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Grant.requested("g1", ALICE, "operator", null, from(0), g.justification(),
                false, g.requested())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Grant.requested("g1", ALICE, "operator", Scope.EVERYWHERE, null,
                g.justification(), false, g.requested())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Grant.requested("g1", ALICE, "operator", Scope.EVERYWHERE, from(0), null,
                false, g.requested())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Grant.requested("g1", ALICE, "operator", Scope.EVERYWHERE, from(0),
                g.justification(), false, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> g.revoke(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> pending("g2", ALICE, "x", DC1_PROD).approve(null))
                .isInstanceOf(NullPointerException.class);
    }
}
