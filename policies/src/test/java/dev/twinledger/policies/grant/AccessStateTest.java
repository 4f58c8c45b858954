package dev.twinledger.policies.grant;

import dev.twinledger.policies.Fixtures;
import dev.twinledger.policies.role.DefaultRoles;
import dev.twinledger.policies.role.RoleCatalog;
import dev.twinledger.policies.scope.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.twinledger.policies.Fixtures.DC1_PROD;
import static dev.twinledger.policies.Fixtures.between;
import static dev.twinledger.policies.Fixtures.from;
import static dev.twinledger.policies.Fixtures.grant;
import static dev.twinledger.policies.Fixtures.member;
import static dev.twinledger.policies.Fixtures.stamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessStateTest {

    private static final Principal ALICE = Principal.user("alice");
    private static final Principal OPS = Principal.group("ops");
    private final Grant alices = grant("g1", ALICE, "viewer", DC1_PROD);
    private final Grant opss = grant("g2", OPS, "operator", DC1_PROD);
    private final GroupMembership aliceInOps = member("ops", "alice", from(0));
    private final GroupMembership bobInOps = member("ops", "bob", from(0));
    private final AccessState state = AccessState.of(DefaultRoles.catalog(), List.of(alices, opss),
            List.of(aliceInOps, bobInOps));

    @Test
    void indexesGrantsByPrincipal() {
        assertThat(state.grantsOf(ALICE)).containsExactly(alices);
        assertThat(state.grantsOf(OPS)).containsExactly(opss);
        assertThat(state.grantsOf(Principal.user("nobody"))).isEmpty();
        assertThat(state.grant("g2")).contains(opss);
        assertThat(state.grant("g9")).isEmpty();
    }

    @Test
    void indexesMembershipsByUserAndGroup() {
        assertThat(state.membershipsOf("alice")).containsExactly(aliceInOps);
        assertThat(state.membersOf("ops")).containsExactly(aliceInOps, bobInOps);
        assertThat(state.membersOf("devs")).isEmpty();
        assertThat(state.membershipsOf("carol")).isEmpty();
    }

    @Test
    void knowsUsersFromGrantsAndMemberships() {
        assertThat(state.users()).containsExactly("alice", "bob");
    }

    @Test
    void userPathsAreOwnGrantsThenGroupGrants() {
        assertThat(state.pathsOf(ALICE)).containsExactly(GrantPath.direct(alices), new GrantPath(opss, aliceInOps));
        assertThat(state.pathsOf(Principal.user("bob"))).containsExactly(new GrantPath(opss, bobInOps));
    }

    @Test
    void groupPathsAreItsOwnGrants() {
        AccessState withMemberNamedLikeTheGroup = state.withMembership(member("devs", "ops", from(0)));

        assertThat(withMemberNamedLikeTheGroup.pathsOf(OPS)).containsExactly(GrantPath.direct(opss));
    }

    @Test
    void withGrantAddsOrReplacesInPlace() {
        Grant revoked = alices.revoke(stamp("boss", 1));
        Grant third = grant("g3", ALICE, "auditor", DC1_PROD);

        AccessState changed = state.withGrant(revoked).withGrant(third);

        assertThat(changed.grants()).containsExactly(revoked, opss, third);
        assertThat(state.grants()).containsExactly(alices, opss);
    }

    @Test
    void withMembershipAppendsAnInterval() {
        GroupMembership again = member("ops", "alice", from(5));

        assertThat(state.withMembership(again).membershipsOf("alice")).containsExactly(aliceInOps, again);
        assertThatThrownBy(() -> state.withMembership(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void withRolesReplacesTheCatalog() {
        RoleCatalog empty = RoleCatalog.of(List.of(), Set.of());

        assertThat(state.withRoles(empty).roles()).isEqualTo(empty);
        assertThat(state.withRoles(empty).grants()).isEqualTo(state.grants());
    }

    @Test
    void emptyStateHasNothing() {
        AccessState empty = AccessState.empty(DefaultRoles.catalog());

        assertThat(empty.grants()).isEmpty();
        assertThat(empty.memberships()).isEmpty();
        assertThat(empty.users()).isEmpty();
    }

    @Test
    void duplicateGrantIdsAreRejected() {
        assertThatThrownBy(() -> AccessState.of(DefaultRoles.catalog(), List.of(alices, alices), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("g1 appears twice");
    }

    @Test
    void viewsAreUnmodifiable() {
        assertThatThrownBy(() -> state.grants().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.grantsOf(ALICE).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.users().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.pathsOf(ALICE).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void endingAMembershipCutsTheRunningOneAndDropsOneNotYetStarted() {
        GroupMembership running = member("ops", "alice", from(0));
        GroupMembership later = member("ops", "alice", between(5, 9));
        GroupMembership ended = member("ops", "alice", between(0, 1));
        GroupMembership otherGroup = member("devs", "alice", from(0));
        AccessState before = AccessState.of(DefaultRoles.catalog(), List.of(),
                List.of(running, later, ended, otherGroup, bobInOps));

        AccessState after = before.withMembershipEnded("ops", "alice", Fixtures.day(3));

        assertThat(after.membershipsOf("alice")).extracting(GroupMembership::validity)
                .containsExactly(between(0, 3), between(0, 1), from(0));
        assertThat(after.membershipsOf("bob")).containsExactly(bobInOps);
        assertThatThrownBy(() -> before.withMembershipEnded("ops", "alice", null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void replacingAGrantMovesItBetweenIndexesAndLeavesTheOldSnapshotAsItWas() {
        Grant movedToOps = grant("g1", OPS, "auditor", DC1_PROD.withProject("shop"));

        AccessState changed = state.withGrant(movedToOps);

        assertThat(changed.grants()).containsExactly(movedToOps, opss);
        assertThat(changed.grantsOf(ALICE)).isEmpty();
        assertThat(changed.grantsOf(OPS)).containsExactly(movedToOps, opss);
        assertThat(changed.pathsOf(ALICE, Set.of("viewer"))).isEmpty();
        assertThat(changed.pathsOf(ALICE, Set.of("auditor", "operator")))
                .containsExactly(new GrantPath(movedToOps, aliceInOps), new GrantPath(opss, aliceInOps));
        assertThat(changed.users()).containsExactly("alice", "bob");
        assertThat(state.grantsOf(ALICE)).containsExactly(alices);
        assertThat(state.pathsOf(ALICE, Set.of("viewer"))).containsExactly(GrantPath.direct(alices));

        AccessState movedAgain = changed.withGrant(grant("g2", ALICE, "operator", DC1_PROD));
        assertThat(movedAgain.grantsOf(OPS)).containsExactly(movedToOps);
    }

    @Test
    void pathsOnScopesFindTheGrantsOnExactlyThoseScopesInPathOrder() {
        Scope dc1 = Scope.EVERYWHERE.withSite("dc1");
        Scope dc2 = Scope.EVERYWHERE.withSite("dc2");
        List<Grant> many = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            many.add(grant("m" + i, OPS, "viewer", i % 3 == 0 ? dc1 : i % 3 == 1 ? dc2 : DC1_PROD));
        }
        many.add(alices);
        AccessState crowded = AccessState.of(DefaultRoles.catalog(), many, List.of(aliceInOps));

        // ops holds more grants than scopes asked for (looked up per scope), alice fewer (scanned): same answers.
        assertThat(crowded.pathsOn(ALICE, Set.of(dc1, DC1_PROD))).extracting(path -> path.grant().id())
                .containsExactly("g1", "m0", "m2", "m3", "m5");
        assertThat(crowded.pathsOn(OPS, Set.of(dc2))).extracting(path -> path.grant().id())
                .containsExactly("m1", "m4");
        assertThat(crowded.pathsOn(OPS, Set.of(Scope.EVERYWHERE))).isEmpty();
    }

    @Test
    void grantsOnAScopeAreEveryHoldersOfTheRolesThereInTheOrderGiven() {
        Grant alicesOperator = grant("g3", ALICE, "operator", DC1_PROD);
        Grant alicesAuditor = grant("g4", ALICE, "auditor", DC1_PROD);
        AccessState more = state.withGrant(alicesOperator).withGrant(alicesAuditor);

        assertThat(more.grantsOn(Set.of(DC1_PROD), Set.of("operator"))).containsExactly(opss, alicesOperator);
        assertThat(more.grantsOn(Set.of(DC1_PROD, Scope.EVERYWHERE), Set.of("operator", "auditor")))
                .containsExactly(opss, alicesOperator, alicesAuditor);
        assertThat(more.grantsOn(Set.of(Scope.EVERYWHERE), Set.of("operator"))).isEmpty();
    }

    @Test
    void droppingAUsersOnlyMembershipForgetsTheUserThere() {
        AccessState before = AccessState.of(DefaultRoles.catalog(), List.of(opss),
                List.of(member("ops", "dave", from(5)), aliceInOps));

        AccessState after = before.withMembershipEnded("ops", "dave", Fixtures.day(3));

        assertThat(after.membershipsOf("dave")).isEmpty();
        assertThat(after.membersOf("ops")).containsExactly(aliceInOps);
        assertThat(after.memberships()).containsExactly(aliceInOps).isSameAs(after.memberships());
        assertThat(after.pathsOf(Principal.user("dave"))).isEmpty();
        assertThat(before.membershipsOf("dave")).hasSize(1);
        assertThat(after.users()).containsExactly("alice");
    }
}
