package dev.twinledger.commandside.access;

import dev.twinledger.api.access.AccessDirectoryInitialized;
import dev.twinledger.api.access.AccessReviewClosed;
import dev.twinledger.api.access.AccessReviewItemDecided;
import dev.twinledger.api.access.AccessReviewStarted;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.AddGroupMember;
import dev.twinledger.api.access.ApproveGrant;
import dev.twinledger.api.access.CloseAccessReview;
import dev.twinledger.api.access.CreateGroup;
import dev.twinledger.api.access.DecideReviewItem;
import dev.twinledger.api.access.DefineRole;
import dev.twinledger.api.access.ExpireGrant;
import dev.twinledger.api.access.GrantApproved;
import dev.twinledger.api.access.GrantExpired;
import dev.twinledger.api.access.GrantRejected;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.GroupCreated;
import dev.twinledger.api.access.GroupMemberAdded;
import dev.twinledger.api.access.InitializeAccessDirectory;
import dev.twinledger.api.access.PrincipalRef;
import dev.twinledger.api.access.RejectGrant;
import dev.twinledger.api.access.RequestGrant;
import dev.twinledger.api.access.RetireRole;
import dev.twinledger.api.access.ReviewOutcome;
import dev.twinledger.api.access.RevokeGrant;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.access.RoleDefinition;
import dev.twinledger.api.access.StartAccessReview;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.commandside.domain.AccessRefused;
import dev.twinledger.commandside.domain.AlreadyExists;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import dev.twinledger.commandside.domain.UnknownResource;
import dev.twinledger.policies.role.DefaultRoles;
import dev.twinledger.policies.role.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory's rules with Axon's fixture: who may grant, approve, revoke, define roles and manage groups, and
 * that every refusal stores nothing and names its rule.
 */
class AccessDirectoryAggregateTest {

    private static final AccessScope EVERYWHERE = AccessScope.EVERYWHERE;
    private static final AccessScope DC1_PROD = new AccessScope("dc1", Environment.PROD, null, null, null);
    private static final AccessScope DC1 = new AccessScope("dc1", null, null, null, null);

    private AggregateTestFixture<AccessDirectoryAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AccessDirectoryAggregate.class);
    }

    /** The directory as the bootstrap leaves it: default roles, admin and admin2 hold access-admin everywhere. */
    private static List<Object> initialized() {
        List<Object> events = new ArrayList<>();
        events.add(new AccessDirectoryInitialized(Set.of("access-admin", "platform-admin"), List.of("admin", "admin2")));
        for (Role role : DefaultRoles.catalog().roles().values()) {
            events.add(new RoleDefined(role.name(), written(role), role.name().equals("access-admin")
                    || role.name().equals("platform-admin"), Set.of(), "system"));
        }
        events.add(grant("bootstrap-admin", PrincipalRef.user("admin"), "access-admin", EVERYWHERE, null, "system",
                false));
        events.add(grant("bootstrap-admin2", PrincipalRef.user("admin2"), "access-admin", EVERYWHERE, null, "system",
                false));
        return events;
    }

    private static Set<String> written(Role role) {
        Set<String> names = new TreeSet<>();
        role.permissions().forEach(permission -> names.add(permission.toString()));
        return names;
    }

    private static GrantRequested grant(String id, PrincipalRef to, String role, AccessScope scope, Instant until,
                                        String by, boolean approval) {
        return new GrantRequested(id, to, role, scope, null, until, "because", null, by, approval);
    }

    private static List<Object> with(Object... more) {
        List<Object> events = initialized();
        events.addAll(List.of(more));
        return events;
    }

    private static RequestGrant request(String id, String to, String role, AccessScope scope, String by) {
        return new RequestGrant(id, PrincipalRef.user(to), role, scope, null, null, "on call", "CHG-1", by);
    }

    @Test
    void initializationSeedsRolesAndBootstrapAdmins() {
        List<RoleDefinition> roles = List.of(new RoleDefinition("access-admin", Set.of("grant:create")),
                new RoleDefinition("viewer", Set.of("inventory:read")));
        fixture.givenNoPriorActivity()
                .when(new InitializeAccessDirectory(roles, Set.of("access-admin"), List.of("root")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccessDirectoryInitialized(Set.of("access-admin"), List.of("root")),
                        new RoleDefined("access-admin", Set.of("grant:create"), true, Set.of(), "system"),
                        new RoleDefined("viewer", Set.of("inventory:read"), false, Set.of(), "system"),
                        new GrantRequested("bootstrap-root", PrincipalRef.user("root"), "access-admin", EVERYWHERE,
                                null, null, "bootstrap admin from configuration", null, "system", false));
    }

    @Test
    void initializationRefusesUnknownPermissions() {
        fixture.givenNoPriorActivity()
                .when(new InitializeAccessDirectory(List.of(new RoleDefinition("odd", Set.of("vm:fly"))), Set.of(),
                        List.of()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("vm:fly"));
    }

    @Test
    void anAdminGrantsAnOrdinaryRoleAtOnce() {
        fixture.given(initialized())
                .when(request("g1", "dana", "operator", DC1_PROD, "admin"))
                .expectEvents(new GrantRequested("g1", PrincipalRef.user("dana"), "operator", DC1_PROD,
                        fixture.currentTime(), null, "on call", "CHG-1", "admin", false));
    }

    @Test
    void aPrivilegedRoleWaitsForASecondPersonAndTheRequesterMayNotApprove() {
        List<Object> pending = with(grant("g1", PrincipalRef.user("pat"), "platform-admin", EVERYWHERE, null,
                "admin", true));
        fixture.given(initialized())
                .when(request("g1", "pat", "platform-admin", EVERYWHERE, "admin"))
                .expectEvents(new GrantRequested("g1", PrincipalRef.user("pat"), "platform-admin", EVERYWHERE,
                        fixture.currentTime(), null, "on call", "CHG-1", "admin", true));
        fixture.given(pending)
                .when(new ApproveGrant("g1", "admin"))
                .expectNoEvents()
                .expectException(AccessRefused.class)
                .expectException(refusedBy("second-person-approval", null));
        fixture.given(pending)
                .when(new ApproveGrant("g1", "admin2"))
                .expectEvents(new GrantApproved("g1", "admin2"));
        fixture.given(pending)
                .when(new RejectGrant("g1", "admin2", "no ticket"))
                .expectEvents(new GrantRejected("g1", "admin2", "no ticket"));
    }

    @Test
    void approvingTwiceOrANonPendingGrantIsAConflict() {
        fixture.given(with(grant("g1", PrincipalRef.user("dana"), "operator", DC1, null, "admin", false)))
                .when(new ApproveGrant("g1", "admin2"))
                .expectException(StateConflict.class);
    }

    @Test
    void grantingBeyondOnesOwnScopeIsRefused() {
        // dana may grant operator only within dc1.
        fixture.given(with(grant("g-dana", PrincipalRef.user("dana"), "access-admin", DC1, null, "admin", true),
                        new GrantApproved("g-dana", "admin2")))
                .when(request("g2", "erin", "operator", EVERYWHERE, "dana"))
                .expectNoEvents()
                .expectException(refusedBy("no-escalation", null));
    }

    @Test
    void grantingARoleWithPermissionsOneLacksIsRefused() {
        // A custom "granter" role may create grants but holds nothing else: it cannot hand out operator.
        fixture.given(with(new RoleDefined("granter", Set.of("grant:create"), false, Set.of(), "admin"),
                        grant("g-gus", PrincipalRef.user("gus"), "granter", EVERYWHERE, null, "admin", false)))
                .when(request("g2", "erin", "operator", DC1, "gus"))
                .expectNoEvents()
                .expectException(AccessRefused.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("vm:provision"));
    }

    @Test
    void aSeparationOfDutiesConflictIsRefusedNamingTheGrant() {
        fixture.given(with(grant("g-aud", PrincipalRef.user("alice"), "auditor", EVERYWHERE, null, "admin", false)))
                .when(request("g2", "alice", "platform-admin", DC1, "admin"))
                .expectNoEvents()
                .expectException(refusedBy("separation-of-duties", "g-aud"));
    }

    @Test
    void aUserWithoutGrantCreateMayNotGrant() {
        fixture.given(initialized())
                .when(request("g2", "erin", "viewer", DC1, "mallory"))
                .expectNoEvents()
                .expectException(AccessRefused.class);
    }

    @Test
    void unknownRolesGroupsAndTakenIdsAreRefused() {
        fixture.given(initialized())
                .when(request("g1", "dana", "wizard", DC1, "admin"))
                .expectException(UnknownResource.class);
        fixture.given(initialized())
                .when(new RequestGrant("g1", PrincipalRef.group("ghosts"), "viewer", DC1, null, null, "x", null,
                        "admin"))
                .expectException(UnknownResource.class);
        fixture.given(with(grant("g1", PrincipalRef.user("dana"), "viewer", DC1, null, "admin", false)))
                .when(request("g1", "dana", "viewer", DC1, "admin"))
                .expectException(AlreadyExists.class);
    }

    @Test
    void aValidityThatEndsBeforeItStartsIsRefused() {
        Instant now = fixture.currentTime();
        fixture.given(initialized())
                .when(new RequestGrant("g1", PrincipalRef.user("dana"), "viewer", DC1, now.plusSeconds(60),
                        now.plusSeconds(30), "x", null, "admin"))
                .expectException(RuleViolation.class);
    }

    @Test
    void aGrantWithAnEndIsRecordedAsExpiredOnceByItsDeadline() {
        Instant until = fixture.currentTime().plus(Duration.ofHours(1));
        fixture.given(initialized())
                .when(new RequestGrant("g1", PrincipalRef.user("dana"), "operator", DC1, null, until, "x", null,
                        "admin"))
                .expectScheduledDeadline(until, new ExpireGrant("g1"));
        fixture.given(with(grant("g1", PrincipalRef.user("dana"), "operator", DC1, until, "admin", false)))
                .whenThenTimeElapses(Duration.ofHours(2))
                .expectDeadlinesMet(new ExpireGrant("g1"));
    }

    @Test
    void theExpiryDeadlineRecordsTheEndAndNothingForARevokedGrant() {
        Instant until = fixture.currentTime().plusSeconds(60);
        fixture.given(initialized())
                .andGivenCommands(new RequestGrant("g1", PrincipalRef.user("dana"), "operator", DC1, null, until, "x",
                        null, "admin"))
                .whenTimeElapses(Duration.ofSeconds(61))
                .expectEvents(new GrantExpired("g1", until));
        fixture = new AggregateTestFixture<>(AccessDirectoryAggregate.class);
        Instant later = fixture.currentTime().plusSeconds(60);
        fixture.given(initialized())
                .andGivenCommands(new RequestGrant("g1", PrincipalRef.user("dana"), "operator", DC1, null, later, "x",
                        null, "admin"), new RevokeGrant("g1", "admin", "moved on"))
                .whenTimeElapses(Duration.ofSeconds(61))
                .expectNoEvents();
    }

    @Test
    void revocationNeedsGrantRevokeAndHappensOnce() {
        List<Object> granted = with(grant("g1", PrincipalRef.user("dana"), "operator", DC1, null, "admin", false));
        fixture.given(granted)
                .when(new RevokeGrant("g1", "admin2", "left"))
                .expectEvents(new GrantRevoked("g1", "admin2", "left"));
        fixture.given(granted)
                .when(new RevokeGrant("g1", "dana", "self"))
                .expectNoEvents()
                .expectException(AccessRefused.class);
        List<Object> revoked = new ArrayList<>(granted);
        revoked.add(new GrantRevoked("g1", "admin", "left"));
        fixture.given(revoked)
                .when(new RevokeGrant("g1", "admin", "again"))
                .expectException(StateConflict.class);
        fixture.given(initialized())
                .when(new RevokeGrant("nope", "admin", "x"))
                .expectException(UnknownResource.class);
    }

    @Test
    void rolesAreDefinedByThoseWhoHoldWhatTheyPutInThem() {
        fixture.given(initialized())
                .when(new DefineRole("reader", Set.of("inventory:read", "audit:read"), false, "admin"))
                .expectEvents(new RoleDefined("reader", Set.of("audit:read", "inventory:read"), false, Set.of(),
                        "admin"));
        fixture.given(initialized())
                .when(new DefineRole("reader", Set.of("inventory:read"), false, "mallory"))
                .expectNoEvents()
                .expectException(AccessRefused.class);
        fixture.given(initialized())
                .when(new DefineRole("reader", Set.of("vm:fly"), false, "admin"))
                .expectException(RuleViolation.class);
        fixture.given(initialized())
                .when(new DefineRole("viewer", Set.of("inventory:read"), false, "admin"))
                .expectNoEvents();
    }

    @Test
    void aRoleWithLiveGrantsIsNotRetired() {
        fixture.given(with(grant("g1", PrincipalRef.user("dana"), "viewer", DC1, null, "admin", false)))
                .when(new RetireRole("viewer", "admin", "replaced"))
                .expectException(StateConflict.class);
        fixture.given(initialized())
                .when(new RetireRole("wizard", "admin", "x"))
                .expectException(UnknownResource.class);
    }

    @Test
    void groupsAreManagedAndTheirMembersMustNotBreakSeparationOfDuties() {
        fixture.given(initialized())
                .when(new CreateGroup("ops", "operators", "admin"))
                .expectEvents(new GroupCreated("ops", "operators", "admin"));
        List<Object> group = with(new GroupCreated("ops", "operators", "admin"),
                grant("g-ops", PrincipalRef.group("ops"), "platform-admin", DC1, null, "admin", true),
                new GrantApproved("g-ops", "admin2"),
                grant("g-aud", PrincipalRef.user("alice"), "auditor", EVERYWHERE, null, "admin", false));
        fixture.given(group)
                .when(new AddGroupMember("ops", "bob", null, null, "admin"))
                .expectEvents(new GroupMemberAdded("ops", "bob", fixture.currentTime(), null, "admin"));
        fixture.given(group)
                .when(new AddGroupMember("ops", "alice", null, null, "admin"))
                .expectNoEvents()
                .expectException(refusedBy("separation-of-duties", "g-aud"));
        fixture.given(initialized())
                .when(new AddGroupMember("nobody", "bob", null, null, "admin"))
                .expectException(UnknownResource.class);
    }

    @Test
    void aReviewListsTheGrantsInItsScopeAndTheReviewerDecides() {
        Instant deadline = fixture.currentTime().plus(Duration.ofDays(7));
        List<Object> granted = with(grant("g1", PrincipalRef.user("dana"), "operator", DC1_PROD, null, "admin",
                false), grant("g2", PrincipalRef.user("erin"), "viewer", DC1, null, "admin", false),
                grant("g3", PrincipalRef.user("finn"), "viewer", new AccessScope("dc2", null, null, null, null), null,
                        "admin", false));
        fixture.given(granted)
                .when(new StartAccessReview("r1", DC1, "admin2", deadline, "admin"))
                .expectEvents(new AccessReviewStarted("r1", DC1, "admin2", deadline, "admin", List.of("g1", "g2")))
                .expectScheduledDeadline(deadline, new CloseAccessReview("r1", "system"));
        List<Object> started = new ArrayList<>(granted);
        started.add(new AccessReviewStarted("r1", DC1, "admin2", deadline, "admin", List.of("g1", "g2")));
        fixture.given(started)
                .when(new DecideReviewItem("r1", "g1", ReviewOutcome.REVOKED, "no longer on call", "admin2"))
                .expectEvents(new AccessReviewItemDecided("r1", "g1", ReviewOutcome.REVOKED, "no longer on call",
                        "admin2"), new GrantRevoked("g1", "admin2", "access review r1: no longer on call"));
        fixture.given(started)
                .when(new DecideReviewItem("r1", "g1", ReviewOutcome.CONFIRMED, null, "admin"))
                .expectNoEvents()
                .expectException(AccessRefused.class);
        List<Object> decided = new ArrayList<>(started);
        decided.add(new AccessReviewItemDecided("r1", "g2", ReviewOutcome.CONFIRMED, null, "admin2"));
        fixture.given(decided)
                .whenThenTimeElapses(Duration.ofDays(8))
                .expectEvents(new AccessReviewClosed("r1", "system", 1, 0, List.of("g1"), true));
        fixture.given(decided)
                .when(new CloseAccessReview("r1", "admin2"))
                .expectEvents(new AccessReviewClosed("r1", "admin2", 1, 0, List.of("g1"), false));
    }

    @Test
    void theReviewerIsSomeoneElseAndTheDeadlineIsAhead() {
        fixture.given(initialized())
                .when(new StartAccessReview("r1", DC1, "admin", fixture.currentTime().plusSeconds(60), "admin"))
                .expectException(RuleViolation.class);
        fixture.given(initialized())
                .when(new StartAccessReview("r1", DC1, "admin2", fixture.currentTime().minusSeconds(60), "admin"))
                .expectException(RuleViolation.class);
        fixture.given(initialized())
                .when(new StartAccessReview("r1", DC1, "admin2", fixture.currentTime().plusSeconds(60), "dana"))
                .expectException(AccessRefused.class);
    }

    /** An {@link AccessRefused} by {@code rule}, naming {@code grantId} as the conflicting grant when not null. */
    private static org.hamcrest.Matcher<Throwable> refusedBy(String rule, String grantId) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable thrown) {
                return thrown instanceof AccessRefused refused && refused.rule().equals(rule)
                        && (grantId == null || grantId.equals(refused.conflictingGrantId()));
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("refused by " + rule + (grantId == null ? "" : " naming " + grantId));
            }
        };
    }

    @Test
    void ruleNamesAreKebabCase() {
        assertThat(AccessRules.ruleName("SeparationOfDuties")).isEqualTo(AccessRefused.SEPARATION_OF_DUTIES);
        assertThat(AccessRules.ruleName("NoEscalation")).isEqualTo("no-escalation");
    }
}
