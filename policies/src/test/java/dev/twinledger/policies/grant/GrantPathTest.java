package dev.twinledger.policies.grant;

import org.junit.jupiter.api.Test;

import static dev.twinledger.policies.Fixtures.DC1_PROD;
import static dev.twinledger.policies.Fixtures.between;
import static dev.twinledger.policies.Fixtures.day;
import static dev.twinledger.policies.Fixtures.from;
import static dev.twinledger.policies.Fixtures.grant;
import static dev.twinledger.policies.Fixtures.member;
import static dev.twinledger.policies.Fixtures.pending;
import static dev.twinledger.policies.Fixtures.stamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantPathTest {

    private static final Principal ALICE = Principal.user("alice");
    private static final Principal OPS = Principal.group("ops");

    @Test
    void directPathCountsWhileTheGrantIsValid() {
        GrantPath path = GrantPath.direct(grant("g1", ALICE, "operator", DC1_PROD, between(1, 3)));

        assertThat(path.group()).isEmpty();
        assertThat(path.window()).contains(between(1, 3));
        assertThat(path.standingAt(day(1))).isEqualTo(Standing.EFFECTIVE);
        assertThat(path.standingAt(day(1).minusNanos(1))).isEqualTo(Standing.NOT_YET_VALID);
        assertThat(path.standingAt(day(3))).isEqualTo(Standing.EXPIRED);
    }

    @Test
    void revokedAndPendingGrantsDoNotCount() {
        Grant pending = pending("g1", ALICE, "platform-admin", DC1_PROD);

        assertThat(GrantPath.direct(pending).standingAt(day(1))).isEqualTo(Standing.PENDING_APPROVAL);
        assertThat(GrantPath.direct(pending.revoke(stamp("boss", 1))).standingAt(day(1)))
                .isEqualTo(Standing.REVOKED);
    }

    @Test
    void groupPathCountsWhileGrantAndMembershipAreValid() {
        GrantPath path = new GrantPath(grant("g1", OPS, "operator", DC1_PROD, between(1, 10)),
                member("ops", "alice", between(3, 5)));

        assertThat(path.group()).contains("ops");
        assertThat(path.window()).contains(between(3, 5));
        assertThat(path.standingAt(day(2))).isEqualTo(Standing.MEMBERSHIP_NOT_YET_VALID);
        assertThat(path.standingAt(day(3))).isEqualTo(Standing.EFFECTIVE);
        assertThat(path.standingAt(day(5))).isEqualTo(Standing.MEMBERSHIP_ENDED);
        assertThat(path.standingAt(day(10))).as("grant reasons come first").isEqualTo(Standing.EXPIRED);
    }

    @Test
    void groupPathWithDisjointIntervalsGivesNothing() {
        GrantPath path = new GrantPath(grant("g1", OPS, "operator", DC1_PROD, between(1, 2)),
                member("ops", "alice", between(3, 5)));

        assertThat(path.window()).isEmpty();
    }

    @Test
    void pathExistsOnceGrantAndMembershipAreRecorded() {
        Grant grant = grant("g1", OPS, "operator", DC1_PROD);
        GroupMembership late = new GroupMembership("ops", "alice", from(0), stamp("admin", 2));

        assertThat(GrantPath.direct(grant).existsAt(day(0))).isTrue();
        assertThat(GrantPath.direct(grant).existsAt(day(0).minusNanos(1))).isFalse();
        assertThat(new GrantPath(grant, late).existsAt(day(1))).isFalse();
        assertThat(new GrantPath(grant, late).existsAt(day(2))).isTrue();
    }

    @Test
    void membershipMustLeadToTheGroupsGrant() {
        Grant alices = grant("g1", ALICE, "operator", DC1_PROD);

        assertThatThrownBy(() -> new GrantPath(alices, member("ops", "alice", from(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not held by group ops");
    }
}
