package dev.twinledger.policies.history;

import dev.twinledger.api.access.AccessDenied;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.GrantApproved;
import dev.twinledger.api.access.GrantRejected;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.GroupCreated;
import dev.twinledger.api.access.GroupMemberAdded;
import dev.twinledger.api.access.GroupMemberRemoved;
import dev.twinledger.api.access.PrincipalRef;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.access.RoleRetired;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.policies.evaluation.AccessEngine;
import dev.twinledger.policies.grant.EventStamp;
import dev.twinledger.policies.grant.GrantStatus;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.scope.ResourceRef;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static dev.twinledger.policies.Fixtures.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessHistoryTest {

    private static final AccessScope DC1 = new AccessScope("dc1", null, null, null, null);
    private static final ResourceRef WEB_1 = ResourceRef.vm("web-1", "dc1", Environment.PROD, "shop");
    private static final Principal ALICE = Principal.user("alice");

    private long position;

    private EventStamp at(long dayNumber) {
        return new EventStamp("admin", day(dayNumber), "e" + position, position++);
    }

    private static RoleDefined operator(Set<String> permissions, boolean privileged) {
        return new RoleDefined("operator", permissions, privileged, Set.of(), "system");
    }

    private static GrantRequested grant(String id, PrincipalRef to, boolean approvalRequired, Instant from,
                                        Instant until) {
        return new GrantRequested(id, to, "operator", DC1, from, until, "on call", "CHG-1", "admin",
                approvalRequired);
    }

    private static boolean allowed(AccessHistory history, Principal who, long dayNumber) {
        return new AccessEngine(history.at(day(dayNumber)))
                .check(who, Permissions.VM_PROVISION, WEB_1, day(dayNumber)).allowed();
    }

    @Test
    void startsEmpty() {
        AccessHistory empty = AccessHistory.empty();
        assertThat(empty.position()).isEqualTo(-1);
        assertThat(empty.groups()).isEmpty();
        assertThat(empty.current().grants()).isEmpty();
        assertThat(empty.rolesAt(day(5)).roles()).isEmpty();
    }

    @Test
    void aPastCheckUsesTheRoleAsItWasThen() {
        AccessHistory history = AccessHistory.empty()
                .apply(operator(Set.of("vm:provision"), true), at(1))
                .apply(grant("g1", PrincipalRef.user("alice"), false, null, null), at(2))
                .apply(operator(Set.of("inventory:read"), false), at(4));

        assertThat(history.rolesAt(day(0)).roles()).isEmpty();
        assertThat(history.rolesAt(day(1)).isPrivileged("operator")).isTrue();
        assertThat(history.rolesAt(day(4)).isPrivileged("operator")).isFalse();
        assertThat(allowed(history, ALICE, 1)).isFalse();
        assertThat(allowed(history, ALICE, 3)).isTrue();
        assertThat(allowed(history, ALICE, 5)).isFalse();
        assertThat(history.position()).isEqualTo(2);
    }

    @Test
    void aRetiredRoleGivesNothingFromItsRetirement() {
        AccessHistory history = AccessHistory.empty()
                .apply(operator(Set.of("vm:provision"), true), at(1))
                .apply(grant("g1", PrincipalRef.user("alice"), true, day(1), null), at(1))
                .apply(new GrantApproved("g1", "bob"), at(2))
                .apply(new RoleRetired("operator", "admin", "replaced"), at(6));

        assertThat(allowed(history, ALICE, 1)).isFalse();
        assertThat(allowed(history, ALICE, 3)).isTrue();
        assertThat(allowed(history, ALICE, 6)).isFalse();
        assertThat(history.current().roles().isDefined("operator")).isFalse();
        assertThat(history.current().roles().privileged()).isEmpty();
    }

    @Test
    void groupGrantsReachMembersForTheirMembership() {
        AccessHistory history = AccessHistory.empty()
                .apply(operator(Set.of("vm:provision"), false), at(0))
                .apply(new GroupCreated("ops", "operations", "admin"), at(1))
                .apply(grant("g1", PrincipalRef.group("ops"), false, null, null), at(1))
                .apply(new GroupMemberAdded("ops", "alice", null, null, "admin"), at(2))
                .apply(new GroupMemberAdded("ops", "bob", day(3), day(9), "admin"), at(2))
                .apply(new GroupMemberRemoved("ops", "alice", "admin", "left the team"), at(5));

        assertThat(history.groups()).containsExactly("ops");
        assertThat(allowed(history, ALICE, 1)).isFalse();
        assertThat(allowed(history, ALICE, 4)).isTrue();
        assertThat(allowed(history, ALICE, 5)).isFalse();
        Principal bob = Principal.user("bob");
        assertThat(allowed(history, bob, 2)).isFalse();
        assertThat(allowed(history, bob, 8)).isTrue();
        assertThat(allowed(history, bob, 9)).isFalse();
    }

    @Test
    void grantsFollowApprovalRejectionRevocationAndTheirEnd() {
        AccessHistory history = AccessHistory.empty()
                .apply(operator(Set.of("vm:provision"), true), at(0))
                .apply(grant("g1", PrincipalRef.user("alice"), true, day(1), day(8)), at(1))
                .apply(new GrantApproved("g1", "bob"), at(2))
                .apply(grant("g2", PrincipalRef.user("carol"), true, null, null), at(2))
                .apply(new GrantRejected("g2", "bob", "no ticket"), at(3))
                .apply(grant("g3", PrincipalRef.user("dave"), true, null, null), at(3))
                .apply(new GrantApproved("g3", "bob"), at(3))
                .apply(new GrantRevoked("g3", "admin", "moved on"), at(6));

        assertThat(allowed(history, ALICE, 1)).isFalse();
        assertThat(allowed(history, ALICE, 7)).isTrue();
        assertThat(allowed(history, ALICE, 8)).isFalse();
        assertThat(allowed(history, Principal.user("carol"), 4)).isFalse();
        assertThat(history.current().grant("g2").orElseThrow().status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(allowed(history, Principal.user("dave"), 5)).isTrue();
        assertThat(allowed(history, Principal.user("dave"), 6)).isFalse();
        assertThat(history.current().grant("g1").orElseThrow().justification().ticket()).isEqualTo("CHG-1");
    }

    @Test
    void refusesEventsAboutGrantsItDoesNotHold() {
        AccessHistory history = AccessHistory.empty();
        assertThatThrownBy(() -> history.apply(new GrantRevoked("g9", "admin", "x"), at(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("g9");
    }

    @Test
    void otherEventsOnlyAdvanceThePosition() {
        AccessHistory history = AccessHistory.empty().apply(new GroupCreated("ops", "operations", "admin"), at(1));
        AccessDenied denied = new AccessDenied("eve", "vm:provision", "vm", "web-1", "dc1", Environment.PROD, "shop",
                "permission", "no grant", null, "POST /api/vms");

        AccessHistory advanced = history.apply(denied, at(2));
        assertThat(advanced.position()).isEqualTo(1);
        assertThat(advanced.groups()).containsExactly("ops");
        assertThat(advanced.apply(denied, new EventStamp("eve", day(2), "e1", 1))).isSameAs(advanced);
        assertThat(history.apply("anything", new EventStamp("eve", day(2), "e0", 0))).isSameAs(history);
        assertThatThrownBy(() -> history.apply(null, at(3))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> history.apply(denied, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> history.rolesAt(null)).isInstanceOf(NullPointerException.class);
    }
}
