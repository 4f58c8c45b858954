package dev.twinledger.policies.evaluation;

import dev.twinledger.policies.grant.AccessState;
import dev.twinledger.policies.grant.Grant;
import dev.twinledger.policies.grant.GrantPath;
import dev.twinledger.policies.grant.GroupMembership;
import dev.twinledger.policies.grant.Justification;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.grant.Standing;
import dev.twinledger.policies.role.DefaultRoles;
import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;

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
import static dev.twinledger.policies.permission.Permissions.VM_PROVISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionTest {

    private static final Principal ALICE = Principal.user("alice");
    private static final Principal OPS = Principal.group("ops");

    private static Decision check(List<Grant> grants, List<GroupMembership> memberships, long day) {
        return new AccessEngine(AccessState.of(DefaultRoles.catalog(), grants, memberships))
                .check(ALICE, VM_PROVISION, WEB_1, day(day));
    }

    @Test
    void allowExplainsGrantGroupRequesterApproverTimesAndEvents() {
        Grant grant = Grant.requested("g1", OPS, "platform-admin", DC1_PROD, from(0),
                new Justification("upgrade window", "CHG-7"), true, stamp("carol", 0)).approve(stamp("dave", 1));

        List<String> explanation = check(List.of(grant), List.of(member("ops", "alice", from(0))), 2).explanation();

        assertThat(explanation).containsExactly(
                "user:alice may vm:provision on vm web-1 (site=dc1, environment=prod, project=shop)"
                        + " at 2025-03-03T00:00:00Z:",
                "grant g1: platform-admin on site=dc1, environment=prod to group:ops"
                        + " (alice a member from 2025-03-01T00:00:00Z on,"
                        + " added by admin at 2025-03-01T00:00:00Z (event e-admin-0 at position 0)),"
                        + " valid from 2025-03-01T00:00:00Z on;"
                        + " requested by carol at 2025-03-01T00:00:00Z (event e-carol-0 at position 0);"
                        + " approved by dave at 2025-03-02T00:00:00Z (event e-dave-1 at position 1);"
                        + " justification: upgrade window (ticket CHG-7)");
    }

    @Test
    void directGrantExplanationHasNoGroupApprovalOrTicket() {
        List<String> explanation = check(List.of(grant("g1", ALICE, "operator", DC1_PROD)), List.of(), 1)
                .explanation();

        assertThat(explanation.get(1)).isEqualTo("grant g1: operator on site=dc1, environment=prod to user:alice,"
                + " valid from 2025-03-01T00:00:00Z on;"
                + " requested by admin at 2025-03-01T00:00:00Z (event e-admin-0 at position 0);"
                + " justification: needed for tests");
    }

    @Test
    void denyNamesTheMissingPermissionAndScope() {
        assertThat(check(List.of(), List.of(), 1).explanation()).containsExactly(
                "user:alice may not vm:provision on vm web-1 (site=dc1, environment=prod, project=shop)"
                        + " at 2025-03-02T00:00:00Z: missing vm:provision on a scope covering"
                        + " site=dc1, environment=prod, project=shop, resource=vm/web-1");
    }

    @Test
    void denyExplainsEachGrantThatDoesNotCount() {
        List<Grant> grants = List.of(
                grant("g1", ALICE, "operator", DC1_PROD).revoke(stamp("boss", 3)),
                pending("g2", ALICE, "platform-admin", DC1_PROD),
                grant("g3", ALICE, "operator", DC1_PROD, from(9)),
                grant("g4", ALICE, "operator", DC1_PROD, between(0, 2)),
                grant("g5", OPS, "operator", DC1_PROD),
                grant("g6", Principal.group("devs"), "operator", DC1_PROD),
                grant("g7", ALICE, "operator", Scope.EVERYWHERE.withSite("dc2")));
        List<GroupMembership> memberships = List.of(member("ops", "alice", from(8)),
                member("devs", "alice", between(0, 1)));

        List<String> explanation = check(grants, memberships, 4).explanation();

        assertThat(explanation).hasSize(8);
        assertThat(explanation.get(1)).startsWith("grant g1:")
                .endsWith("does not count: revoked by boss at 2025-03-04T00:00:00Z (event e-boss-3 at position 3)");
        assertThat(explanation.get(2)).startsWith("grant g2:")
                .endsWith("does not count: awaiting a second person's approval");
        assertThat(explanation.get(3)).endsWith("does not count: valid only from 2025-03-10T00:00:00Z");
        assertThat(explanation.get(4)).endsWith("does not count: expired at 2025-03-03T00:00:00Z");
        assertThat(explanation.get(5)).endsWith(
                "does not count: membership of group ops starts at 2025-03-09T00:00:00Z");
        assertThat(explanation.get(6)).endsWith(
                "does not count: membership of group devs ended at 2025-03-02T00:00:00Z");
        assertThat(explanation.get(7)).startsWith("grant g7:")
                .endsWith("does not count: its scope site=dc2 does not cover vm web-1 (site=dc1, environment=prod,"
                        + " project=shop)");
    }

    @Test
    void allowedNeedsAPath() {
        assertThatThrownBy(() -> new Decision.Allowed(ALICE, VM_PROVISION, WEB_1, day(0), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a grant path");
    }

    @Test
    void decisionsRequireTheirFields() {
        GrantPath path = GrantPath.direct(grant("g1", ALICE, "operator", DC1_PROD));
        List<GrantPath> paths = List.of(path);

        assertThatThrownBy(() -> new Decision.Allowed(null, VM_PROVISION, WEB_1, day(0), paths))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Decision.Allowed(ALICE, null, WEB_1, day(0), paths))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Decision.Allowed(ALICE, VM_PROVISION, null, day(0), paths))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Decision.Allowed(ALICE, VM_PROVISION, WEB_1, null, paths))
                .isInstanceOf(NullPointerException.class);
        Scope needed = Scope.of(WEB_2);
        assertThatThrownBy(() -> new Decision.Denied(null, VM_PROVISION, WEB_2, day(0), needed, List.of(), paths))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Decision.Denied(ALICE, null, WEB_2, day(0), needed, List.of(), paths))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Decision.Denied(ALICE, VM_PROVISION, null, day(0), needed, List.of(), paths))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Decision.Denied(ALICE, VM_PROVISION, WEB_2, null, needed, List.of(), paths))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Decision.Denied(ALICE, VM_PROVISION, WEB_2, day(0), null, List.of(), paths))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void effectivePathIsNoReasonForDenial() {
        GrantPath path = GrantPath.direct(grant("g1", ALICE, "operator", DC1_PROD));

        assertThatThrownBy(() -> new Decision.NotCounted(path, Standing.EFFECTIVE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decision.NotCounted(path, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Decision.NotCounted(null, Standing.EXPIRED))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Explanations.why(path, Standing.EFFECTIVE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
