package dev.twinledger.commandside.keycloaksync;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.twinledger.commandside.keycloaksync.DriftKind.EXTRA_GROUP;
import static dev.twinledger.commandside.keycloaksync.DriftKind.EXTRA_MEMBER;
import static dev.twinledger.commandside.keycloaksync.DriftKind.MISSING_GROUP;
import static dev.twinledger.commandside.keycloaksync.DriftKind.MISSING_MEMBER;
import static dev.twinledger.commandside.keycloaksync.DriftKind.UNKNOWN_USER;
import static org.assertj.core.api.Assertions.assertThat;

/** The sync's decision from desired, pushed and actual state, without Keycloak or a database. */
class ReconciliationTest {

    private static final Set<String> EVERYONE = Set.of("alice", "bob", "carol");
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    @Test
    void aNewGroupIsCreatedWithItsMembers() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops"), m("ops", "alice"), m("ops", "bob")),
                PushedState.NONE, KeycloakGroups.NONE, EVERYONE, Set.of());

        assertThat(plan.createGroups()).containsExactly("ops");
        assertThat(plan.add()).containsExactly(m("ops", "alice"), m("ops", "bob"));
        assertThat(plan.remove()).isEmpty();
        assertThat(plan.drift()).isEmpty();
    }

    @Test
    void anAddedMemberIsPushedToAnExistingGroup() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops"), m("ops", "alice"), m("ops", "bob")),
                pushed(Set.of("ops"), m("ops", "alice")), keycloak(Map.of("ops", List.of("alice"))), EVERYONE,
                Set.of());

        assertThat(plan.createGroups()).isEmpty();
        assertThat(plan.add()).containsExactly(m("ops", "bob"));
        assertThat(plan.drift()).isEmpty();
    }

    @Test
    void aRemovedMemberIsRemovedFromKeycloak() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops"), m("ops", "bob")),
                pushed(Set.of("ops"), m("ops", "alice"), m("ops", "bob")),
                keycloak(Map.of("ops", List.of("alice", "bob"))), EVERYONE, Set.of());

        assertThat(plan.remove()).containsExactly(m("ops", "alice"));
        assertThat(plan.add()).isEmpty();
        assertThat(plan.drift()).isEmpty();
    }

    @Test
    void aTimeBoundedMembershipIsRemovedFromKeycloakAtItsEnd() {
        Instant end = T0.plusSeconds(3600);
        Directory directory = new Directory().group("ops", T0).member("ops", "alice", T0, end);
        PushedState pushed = pushed(Set.of("ops"), m("ops", "alice"));
        KeycloakGroups actual = keycloak(Map.of("ops", List.of("alice")));

        SyncPlan before = Reconciliation.plan(DesiredState.of(directory.current(), end.minusSeconds(1)), pushed,
                actual, EVERYONE, Set.of());
        SyncPlan atEnd = Reconciliation.plan(DesiredState.of(directory.current(), end), pushed, actual, EVERYONE,
                Set.of());

        assertThat(before.remove()).isEmpty();
        assertThat(before.changesKeycloak()).isFalse();
        assertThat(atEnd.remove()).containsExactly(m("ops", "alice"));
        assertThat(atEnd.drift()).isEmpty();
    }

    @Test
    void aMemberAddedByHandInKeycloakIsDriftAndIsNotRemoved() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops"), m("ops", "alice")),
                pushed(Set.of("ops"), m("ops", "alice")), keycloak(Map.of("ops", List.of("alice", "mallory"))),
                EVERYONE, Set.of());

        assertThat(plan.remove()).isEmpty();
        assertThat(plan.drift()).containsExactly(new DriftItem("ops", "mallory", EXTRA_MEMBER));
    }

    @Test
    void aMemberRemovedByHandInKeycloakIsDriftAndIsNotAddedBack() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops"), m("ops", "alice"), m("ops", "bob")),
                pushed(Set.of("ops"), m("ops", "alice"), m("ops", "bob")), keycloak(Map.of("ops", List.of("bob"))),
                EVERYONE, Set.of());

        assertThat(plan.add()).isEmpty();
        assertThat(plan.drift()).containsExactly(new DriftItem("ops", "alice", MISSING_MEMBER));
    }

    @Test
    void driftClearsWhenTheDirectoryComesToAgreeWithKeycloak() {
        // mallory was added by hand; then an access admin makes them a member in the directory too.
        SyncPlan adopted = Reconciliation.plan(desired(Set.of("ops"), m("ops", "alice"), m("ops", "mallory")),
                pushed(Set.of("ops"), m("ops", "alice")), keycloak(Map.of("ops", List.of("alice", "mallory"))),
                EVERYONE, Set.of());
        // alice was removed by hand; then her membership is ended in the directory too.
        SyncPlan forgotten = Reconciliation.plan(desired(Set.of("ops")), pushed(Set.of("ops"), m("ops", "alice")),
                keycloak(Map.of("ops", List.of())), EVERYONE, Set.of());

        assertThat(adopted.drift()).isEmpty();
        assertThat(adopted.adopt()).containsExactly(m("ops", "mallory"));
        assertThat(adopted.changesKeycloak()).isFalse();
        assertThat(forgotten.drift()).isEmpty();
        assertThat(forgotten.forget()).containsExactly(m("ops", "alice"));
        assertThat(forgotten.changesKeycloak()).isFalse();
    }

    @Test
    void driftClearsWhenKeycloakIsPutBackByHand() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops"), m("ops", "alice")),
                pushed(Set.of("ops"), m("ops", "alice")), keycloak(Map.of("ops", List.of("alice"))), EVERYONE,
                Set.of());

        assertThat(plan.drift()).isEmpty();
        assertThat(plan.changesKeycloak()).isFalse();
        assertThat(plan.adopt()).isEmpty();
        assertThat(plan.forget()).isEmpty();
    }

    @Test
    void aUserKeycloakDoesNotKnowIsReportedAndNotCreated() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops"), m("ops", "alice"), m("ops", "ghost")),
                PushedState.NONE, KeycloakGroups.NONE, Set.of("alice"), Set.of());

        assertThat(plan.add()).containsExactly(m("ops", "alice"));
        assertThat(plan.drift()).containsExactly(new DriftItem("ops", "ghost", UNKNOWN_USER));
    }

    @Test
    void aGroupDeletedByHandIsDriftAndIsNeitherCreatedAgainNorFilled() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops"), m("ops", "alice"), m("ops", "bob")),
                pushed(Set.of("ops"), m("ops", "alice")), KeycloakGroups.NONE, EVERYONE, Set.of());

        assertThat(plan.createGroups()).isEmpty();
        assertThat(plan.add()).isEmpty();
        assertThat(plan.forget()).isEmpty();
        assertThat(plan.drift()).containsExactly(DriftItem.ofGroup("ops", MISSING_GROUP));
    }

    @Test
    void aGroupMadeByHandUnderTheParentIsReportedAndLeftAlone() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops")), pushed(Set.of("ops")),
                keycloak(Map.of("ops", List.of(), "handmade", List.of("alice"))), EVERYONE, Set.of());

        assertThat(plan.changesKeycloak()).isFalse();
        assertThat(plan.drift()).containsExactly(DriftItem.ofGroup("handmade", EXTRA_GROUP));
    }

    @Test
    void anExistingGroupOfTheSameNameIsAdoptedWithTheMembersItAlreadyHas() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops"), m("ops", "alice"), m("ops", "bob")),
                PushedState.NONE, keycloak(Map.of("ops", List.of("alice"))), EVERYONE, Set.of());

        assertThat(plan.createGroups()).isEmpty();
        assertThat(plan.adoptGroups()).containsExactly("ops");
        assertThat(plan.adopt()).containsExactly(m("ops", "alice"));
        assertThat(plan.add()).containsExactly(m("ops", "bob"));
        assertThat(plan.drift()).isEmpty();
    }

    @Test
    void aStrangerInAnAdoptedGroupIsDrift() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops")), PushedState.NONE,
                keycloak(Map.of("ops", List.of("mallory"))), EVERYONE, Set.of());

        assertThat(plan.remove()).isEmpty();
        assertThat(plan.drift()).containsExactly(new DriftItem("ops", "mallory", EXTRA_MEMBER));
    }

    @Test
    void overwritingAnExtraMemberRemovesIt() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops"), m("ops", "alice")),
                pushed(Set.of("ops"), m("ops", "alice")), keycloak(Map.of("ops", List.of("alice", "mallory"))),
                EVERYONE, Set.of(new DriftItem("ops", "mallory", EXTRA_MEMBER)));

        assertThat(plan.remove()).containsExactly(m("ops", "mallory"));
        assertThat(plan.drift()).isEmpty();
    }

    @Test
    void overwritingAMissingMemberAddsItBack() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops"), m("ops", "alice")),
                pushed(Set.of("ops"), m("ops", "alice")), keycloak(Map.of("ops", List.of())), EVERYONE,
                Set.of(new DriftItem("ops", "alice", MISSING_MEMBER)));

        assertThat(plan.add()).containsExactly(m("ops", "alice"));
        assertThat(plan.drift()).isEmpty();
    }

    @Test
    void overwritingADeletedGroupCreatesItAgainWithTheDirectorysMembers() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops"), m("ops", "alice"), m("ops", "bob")),
                pushed(Set.of("ops"), m("ops", "alice"), m("ops", "carol")), KeycloakGroups.NONE, EVERYONE,
                Set.of(DriftItem.ofGroup("ops", MISSING_GROUP)));

        assertThat(plan.createGroups()).containsExactly("ops");
        assertThat(plan.add()).containsExactly(m("ops", "alice"), m("ops", "bob"));
        assertThat(plan.forget()).containsExactly(m("ops", "carol"));
        assertThat(plan.drift()).isEmpty();
    }

    @Test
    void anOverwriteOfAKindThatCannotBeOverwrittenChangesNothing() {
        Set<DriftItem> overwrites = Set.of(DriftItem.ofGroup("handmade", EXTRA_GROUP),
                new DriftItem("ops", "ghost", UNKNOWN_USER));

        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops"), m("ops", "ghost")), pushed(Set.of("ops")),
                keycloak(Map.of("ops", List.of(), "handmade", List.of())), EVERYONE, overwrites);

        assertThat(plan.changesKeycloak()).isFalse();
        assertThat(plan.drift()).containsExactly(DriftItem.ofGroup("handmade", EXTRA_GROUP),
                new DriftItem("ops", "ghost", UNKNOWN_USER));
    }

    @Test
    void inAgreementNothingHappens() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops", "dba"), m("ops", "alice"), m("dba", "bob")),
                pushed(Set.of("ops", "dba"), m("ops", "alice"), m("dba", "bob")),
                keycloak(Map.of("ops", List.of("alice"), "dba", List.of("bob"))), EVERYONE, Set.of());

        assertThat(plan).isEqualTo(new SyncPlan(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(),
                new TreeSet<>(), new TreeSet<>(), List.of()));
    }

    @Test
    void eachGroupIsDecidedOnItsOwn() {
        SyncPlan plan = Reconciliation.plan(desired(Set.of("ops", "dba"), m("ops", "alice"), m("dba", "alice")),
                pushed(Set.of("ops", "dba"), m("ops", "alice")), keycloak(Map.of("ops", List.of(), "dba", List.of())),
                EVERYONE, Set.of());

        assertThat(plan.add()).containsExactly(m("dba", "alice"));
        assertThat(plan.drift()).containsExactly(new DriftItem("ops", "alice", MISSING_MEMBER));
    }

    private static Membership m(String group, String username) {
        return new Membership(group, username);
    }

    private static DesiredState desired(Set<String> groups, Membership... memberships) {
        return new DesiredState(new TreeSet<>(groups), new TreeSet<>(Arrays.asList(memberships)));
    }

    private static PushedState pushed(Set<String> groups, Membership... memberships) {
        return new PushedState(new TreeSet<>(groups), new TreeSet<>(Arrays.asList(memberships)));
    }

    private static KeycloakGroups keycloak(Map<String, List<String>> members) {
        TreeMap<String, KeycloakGroups.KeycloakGroup> groups = new TreeMap<>();
        members.forEach((group, usernames) -> {
            Map<String, String> ids = new LinkedHashMap<>();
            usernames.forEach(username -> ids.put(username, "uid-" + username));
            groups.put(group, new KeycloakGroups.KeycloakGroup("gid-" + group, ids));
        });
        return new KeycloakGroups(groups);
    }
}
