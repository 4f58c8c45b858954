package dev.twinledger.queryside.access;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDenied;
import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.api.access.AccessDirectoryInitialized;
import dev.twinledger.api.access.AccessReviewClosed;
import dev.twinledger.api.access.AccessReviewItemDecided;
import dev.twinledger.api.access.AccessReviewStarted;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.GrantApproved;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.GroupCreated;
import dev.twinledger.api.access.GroupMemberAdded;
import dev.twinledger.api.access.PrincipalRef;
import dev.twinledger.api.access.ReviewOutcome;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.history.AccessHistory;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.policies.scope.ResourceRef;
import dev.twinledger.policies.scope.Scope;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import dev.twinledger.queryside.asof.InventoryVersions;
import dev.twinledger.queryside.readmodel.ReadModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The access queries over a read model the real projections built on PostgreSQL: checks explain themselves with the
 * stored events, a VM is judged where it stood at the instant asked about, the fold catches up incrementally and
 * rebuilds to the same state, the oversight rule, and the listings.
 */
class AccessReadModelTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    private static final Instant MOVED = T0.plus(Duration.ofDays(10));
    private static final AccessScope DC1 = new AccessScope("dc1", null, null, null, null);

    private static TestDatabase database;
    private static ProjectionHarness harness;
    private static JdbcTemplate jdbc;
    private static FoldedAccessHistory folded;
    private static AccessEvaluator evaluator;
    private static AccessListings listings;
    private static ResourceAttributes attributes;
    private static long opsGrantPosition;

    @BeforeAll
    static void buildTheReadModel() {
        database = TestDatabase.createMigrated(AccessReadModelTest.class);
        harness = ProjectionHarness.start(database.dataSource());
        jdbc = new JdbcTemplate(database.dataSource());
        inventory(new SiteRegistered("dc1", "One", Platform.OPENSTACK), T0);
        inventory(new SiteRegistered("dc2", "Two", Platform.VMWARE), T0);
        inventory(new HostRegistered("h-1", "dc1", "hv1", 32, 65_536, 0, 1.0, false), T0);
        inventory(new VmProvisioned("web-1", "web", "dc1", "h-1", "shop", Environment.PROD, 2, 4_096, null),
                T0.plus(Duration.ofDays(1)));
        // A VM's migrations are on the VM's own stream.
        harness.publishAndAwait("web-1", new MigrationRequested("m-1", "web-1", MigrationKind.SITE_TO_SITE, "dc1",
                "h-1", Platform.OPENSTACK, "dc2", "h-9", Platform.VMWARE, 4_096, null), MOVED.minusSeconds(60));
        harness.publishAndAwait("web-1", new MigrationCompleted("m-1", "web-1", MigrationKind.SITE_TO_SITE, "dc1",
                "h-1", "dc2", "h-9", null, null, null), MOVED);

        directory(new AccessDirectoryInitialized(Set.of("access-admin"), List.of("root")), T0, null);
        directory(new RoleDefined("operator", Set.of("vm:provision", "inventory:read"), false, Set.of(), "system"),
                T0, null);
        directory(new RoleDefined("auditor", Set.of("audit:read", "inventory:read"), false, Set.of(), "system"), T0,
                null);
        directory(new RoleDefined("access-admin", Set.of("grant:create", "audit:read"), true, Set.of(), "system"),
                T0, null);
        directory(new GrantRequested("bootstrap-root", PrincipalRef.user("root"), "access-admin",
                AccessScope.EVERYWHERE, null, null, "bootstrap admin from configuration", null, "system", false),
                T0, null);
        directory(new GroupCreated("ops", "operators", "root"), T0.plusSeconds(60), "root");
        directory(new GroupMemberAdded("ops", "alice", null, null, "root"), T0.plusSeconds(120), "root");
        opsGrantPosition = directory(new GrantRequested("g-ops", PrincipalRef.group("ops"), "operator", DC1, null,
                null, "runs dc1", "CHG-1", "root", false), T0.plusSeconds(180), "root");
        directory(new GrantRequested("g-carol", PrincipalRef.user("carol"), "auditor", DC1, null, null,
                "audits dc1", null, "root", false), T0.plusSeconds(240), "root");
        directory(new GrantRequested("g-short", PrincipalRef.user("alice"), "operator", AccessScope.EVERYWHERE,
                null, T0.plus(Duration.ofDays(2)), "a short job", null, "root", false), T0.plusSeconds(300), "root");
        directory(new GrantRequested("g-dan", PrincipalRef.user("dan"), "access-admin", AccessScope.EVERYWHERE,
                null, null, "second admin", null, "root", true), T0.plusSeconds(360), "root");
        directory(new GrantApproved("g-dan", "erin"), T0.plusSeconds(420), "erin");
        directory(new AccessReviewStarted("rev-1", DC1, "dan", T0.plus(Duration.ofDays(30)), "root",
                List.of("g-ops", "g-carol")), T0.plusSeconds(480), "root");
        directory(new AccessReviewItemDecided("rev-1", "g-ops", ReviewOutcome.CONFIRMED, "still needed", "dan"),
                T0.plusSeconds(540), "dan");
        directory(new AccessReviewClosed("rev-1", "dan", 1, 0, List.of("g-carol"), false), T0.plusSeconds(600),
                "dan");
        long denied = harness.nextPosition();
        harness.publish(ProjectionHarness.standalone(new AccessDenied("mallory", "vm:provision", "vm", "web-1",
                "dc1", Environment.PROD, "shop", "permission", "missing vm:provision on vm web-1", null,
                "POST /api/vms"), denied, T0.plusSeconds(630), Map.of(EventMetadata.ACTOR_USERNAME, "mallory")));
        harness.await(denied);

        folded = new FoldedAccessHistory(database.dataSource());
        evaluator = new AccessEvaluator(folded);
        ReadModel readModel = new ReadModel(new NamedParameterJdbcTemplate(database.dataSource()));
        listings = new AccessListings(readModel);
        attributes = new ResourceAttributes(database.dataSource(), new InventoryVersions(readModel));
    }

    @AfterAll
    static void stop() {
        harness.close();
        database.close();
    }

    @Test
    void aCheckNamesTheGrantTheGroupWhoGrantedItAndTheGrantingEvent() {
        Instant at = T0.plus(Duration.ofDays(3));
        CheckView check = evaluator.check(Principal.user("alice"), Permissions.VM_PROVISION,
                ResourceRef.vm("web-1", "dc1", Environment.PROD, "shop"), "test", at);

        assertThat(check.allowed()).isTrue();
        assertThat(check.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.grantId()).isEqualTo("g-ops");
            assertThat(reason.via()).isEqualTo("ops");
            assertThat(reason.grantedBy()).isEqualTo("root");
            assertThat(reason.grantedAt()).isEqualTo(T0.plusSeconds(180));
            assertThat(reason.grantPosition()).isEqualTo(opsGrantPosition);
            assertThat(reason.grantEventId()).isEqualTo(jdbc.queryForObject(
                    "SELECT event_id FROM access_events WHERE global_position = ?", String.class, opsGrantPosition));
            assertThat(reason.membership().addedBy()).isEqualTo("root");
            assertThat(reason.ticket()).isEqualTo("CHG-1");
        });
        assertThat(check.explanation().get(0)).contains("user:alice may vm:provision");
    }

    @Test
    void anApprovedGrantNamesItsApproverAndADenialWhatIsMissing() {
        Instant at = T0.plus(Duration.ofDays(3));
        CheckView dan = evaluator.check(Principal.user("dan"), Permissions.GRANT_CREATE,
                new ResourceRef("grant", "any", null, null, null), "test", at);
        assertThat(dan.allowed()).isTrue();
        assertThat(dan.reasons().get(0).approvedBy()).isEqualTo("erin");
        assertThat(dan.reasons().get(0).approvedAt()).isEqualTo(T0.plusSeconds(420));

        CheckView beforeApproval = evaluator.check(Principal.user("dan"), Permissions.GRANT_CREATE,
                new ResourceRef("grant", "any", null, null, null), "test", T0.plusSeconds(400));
        assertThat(beforeApproval.allowed()).isFalse();
        assertThat(beforeApproval.notCounted()).singleElement()
                .satisfies(n -> assertThat(n.standing()).isEqualTo("PENDING_APPROVAL"));

        CheckView carol = evaluator.check(Principal.user("carol"), Permissions.VM_PROVISION,
                ResourceRef.vm("web-1", "dc1", Environment.PROD, "shop"), "test", at);
        assertThat(carol.allowed()).isFalse();
        assertThat(carol.missing().permission()).isEqualTo("vm:provision");
        assertThat(carol.missing().scope().resourceId()).isEqualTo("web-1");
        assertThat(carol.explanation().get(0)).contains("may not vm:provision");
    }

    @Test
    void beforeAnyEventNothingIsAllowedAndAnExpiredGrantGivesNothingAfterItsEnd() {
        assertThat(evaluator.whatCanDo(Principal.user("root"), T0.minusSeconds(1))).isEmpty();
        assertThat(evaluator.whatCanDo(Principal.user("alice"), T0.plus(Duration.ofDays(1)))).hasSize(2);
        assertThat(evaluator.whatCanDo(Principal.user("alice"), T0.plus(Duration.ofDays(2))))
                .extracting(item -> item.scope().text()).containsExactly("site=dc1");
    }

    @Test
    void aVmIsJudgedAtTheSiteItStoodAtThen() {
        assertThat(attributes.locate("vm", "web-1", MOVED.minusSeconds(1))).get()
                .satisfies(located -> assertThat(located.resource().site()).isEqualTo("dc1"))
                .satisfies(located -> assertThat(located.source()).contains("site at asOf"));
        assertThat(attributes.locate("vm", "web-1", MOVED)).get()
                .satisfies(located -> assertThat(located.resource()).isEqualTo(
                        ResourceRef.vm("web-1", "dc2", Environment.PROD, "shop")));
        assertThat(attributes.locate("vm", "web-1", T0)).get()
                .satisfies(located -> assertThat(located.source()).contains("not provisioned at asOf"));
        assertThat(attributes.locate("host", "h-1", T0)).get()
                .satisfies(located -> assertThat(located.resource()).isEqualTo(ResourceRef.host("h-1", "dc1")));
        assertThat(attributes.locate("site", "dc2", T0)).get()
                .satisfies(located -> assertThat(located.resource()).isEqualTo(ResourceRef.site("dc2")));
        assertThat(attributes.locate("vm", "ghost", T0)).isEmpty();
        assertThat(attributes.locate("group", "ops", T0)).isEmpty();
    }

    @Test
    void oversightCoversWhatTheGrantCoversAndNoMore() {
        Instant now = Instant.now();
        ResourceRef atDc1 = ResourceRef.vm("web-1", "dc1", Environment.PROD, "shop");
        ResourceRef atDc2 = ResourceRef.vm("web-1", "dc2", Environment.PROD, "shop");
        assertThat(evaluator.holdsOn("carol", QueryAuthorization.OVERSIGHT, atDc1, now)).isTrue();
        assertThat(evaluator.holdsOn("carol", QueryAuthorization.OVERSIGHT, atDc2, now)).isFalse();
        assertThat(evaluator.holdsOn("carol", QueryAuthorization.OVERSIGHT,
                new Scope("dc1", Environment.PROD, null, null, null), now)).isTrue();
        assertThat(evaluator.holdsOn("carol", QueryAuthorization.OVERSIGHT, Scope.EVERYWHERE, now)).isFalse();
        assertThat(evaluator.holdsOn("root", QueryAuthorization.OVERSIGHT, Scope.EVERYWHERE, now)).isTrue();
        assertThat(evaluator.holdsOn("alice", QueryAuthorization.OVERSIGHT, atDc1, now)).isFalse();
    }

    @Test
    void theFoldCatchesUpIncrementallyAndARebuildFoldsTheSameState() {
        AccessHistory before = folded.refresh();
        assertThat(folded.refresh()).as("nothing new: the same history").isSameAs(before);

        long position = directory(new GrantRequested("g-late", PrincipalRef.user("zoe"), "auditor", DC1, null, null,
                "late", null, "root", false), T0.plus(Duration.ofDays(20)), "root");
        AccessHistory after = folded.refresh();
        assertThat(after.position()).isEqualTo(position);
        assertThat(after.current().grant("g-late")).isPresent();
        assertThat(after.current().grants()).hasSize(before.current().grants().size() + 1);

        AccessHistory rebuilt = new FoldedAccessHistory(database.dataSource()).refresh();
        assertThat(rebuilt.position()).isEqualTo(after.position());
        assertThat(rebuilt.current().grants()).isEqualTo(after.current().grants());
        assertThat(rebuilt.current().memberships()).isEqualTo(after.current().memberships());
        assertThat(rebuilt.current().roles()).isEqualTo(after.current().roles());
    }

    @Test
    void grantsAreListedByPrincipalRoleAndStatusWithTheirLifecycle() {
        Instant now = Instant.now();
        assertThat(listings.grants(null, null, null, null, now, 0, 50).items()).extracting(GrantView::id)
                .startsWith("bootstrap-root", "g-carol", "g-dan");
        assertThat(listings.grants("USER", "alice", null, null, now, 0, 50).items()).extracting(GrantView::id)
                .containsExactly("g-short");
        assertThat(listings.grants(null, null, null, GrantStatusFilter.EXPIRED, now, 0, 50).items())
                .extracting(GrantView::id).containsExactly("g-short");
        assertThat(listings.grants(null, null, "operator", null, now, 0, 50).totalItems()).isEqualTo(2);
        assertThat(listings.grants(null, null, "operator", GrantStatusFilter.ACTIVE, now, 0, 50).items())
                .extracting(GrantView::id).containsExactly("g-ops");
        GrantView dan = listings.grant("g-dan", now).orElseThrow();
        assertThat(dan.status()).isEqualTo("ACTIVE");
        assertThat(dan.requested().by()).isEqualTo("root");
        assertThat(dan.approved().by()).isEqualTo("erin");
        assertThat(dan.revoked()).isNull();
        assertThat(listings.grant("ghost", now)).isEmpty();
    }

    @Test
    void aRevocationIsInTheListsTheHistoryAndTheNextCheck() {
        directory(new GrantRequested("g-frank", PrincipalRef.user("frank"), "auditor", DC1, null, null,
                "audits dc1 too", null, "root", false), T0.plus(Duration.ofDays(24)), "root");
        ResourceRef web1AtDc1 = ResourceRef.vm("web-1", "dc1", Environment.PROD, "shop");
        assertThat(evaluator.holdsOn("frank", QueryAuthorization.OVERSIGHT, web1AtDc1, Instant.now())).isTrue();

        long revoked = directory(new GrantRevoked("g-frank", "root", "left audit"), T0.plus(Duration.ofDays(25)),
                "root");
        Instant now = Instant.now();
        GrantView frank = listings.grant("g-frank", now).orElseThrow();
        assertThat(frank.status()).isEqualTo("REVOKED");
        assertThat(frank.revoked().reason()).isEqualTo("left audit");
        assertThat(frank.revoked().position()).isEqualTo(revoked);
        assertThat(listings.history("USER", "frank", 0, 50).items()).extracting(AccessChangeView::change)
                .containsExactly("GRANTED", "REVOKED");
        assertThat(evaluator.holdsOn("frank", QueryAuthorization.OVERSIGHT, web1AtDc1, now)).isFalse();
        assertThat(evaluator.holdsOn("frank", QueryAuthorization.OVERSIGHT, web1AtDc1,
                T0.plus(Duration.ofDays(24)).plusSeconds(1))).as("but it held before").isTrue();
    }

    @Test
    void groupsRolesReviewsAndDenialsAreListed() {
        assertThat(listings.groups(0, 50).items()).extracting(GroupView::id).containsExactly("ops");
        assertThat(listings.memberships("ops")).singleElement()
                .satisfies(m -> assertThat(m.username()).isEqualTo("alice"));
        assertThat(evaluator.membersAt("ops", T0.plusSeconds(119))).isEmpty();
        assertThat(evaluator.membersAt("ops", T0.plusSeconds(120))).extracting(MembershipView::username)
                .containsExactly("alice");
        assertThat(listings.history("USER", "alice", 0, 50).items()).extracting(AccessChangeView::change)
                .containsExactly("ADDED_TO_GROUP", "GRANTED");

        assertThat(listings.roleVersionsAt(T0)).containsKeys("operator", "auditor", "access-admin");
        assertThat(listings.roleVersionsAt(T0.minusSeconds(1))).isEmpty();
        assertThat(evaluator.rolesAt(T0).isPrivileged("access-admin")).isTrue();

        ReviewView review = listings.review("rev-1").orElseThrow();
        assertThat(review.state()).isEqualTo("CLOSED");
        assertThat(review.items()).extracting(ReviewView.Item::grantId, ReviewView.Item::outcome,
                        ReviewView.Item::unreviewed, ReviewView.Item::flagged)
                .containsExactly(tuple("g-ops", "CONFIRMED", false, false),
                        tuple("g-carol", null, true, true));
        assertThat(review.items().get(0).principal()).isEqualTo("group:ops");
        assertThat(listings.reviews("OPEN", 0, 50).totalItems()).isZero();

        assertThat(listings.denials(null, 0, 50).items()).singleElement()
                .satisfies(d -> assertThat(d.actor()).isEqualTo("mallory"));
        assertThat(listings.denials("alice", 0, 50).totalItems()).isZero();

        listings.recordDeniedQuery("bob", "GET /api/access/grants", "audit:read or grant:create", "everywhere",
                "The list of grants needs audit:read or grant:create on everywhere");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM denied_queries WHERE actor = 'bob'", Long.class))
                .isEqualTo(1);
    }

    private static void inventory(Object payload, Instant at) {
        harness.publishAndAwait(payload, at);
    }

    private static long directory(Object payload, Instant at, String actor) {
        long position = harness.nextPosition();
        Map<String, String> meta = actor == null ? Map.of() : Map.of(EventMetadata.ACTOR_USERNAME, actor);
        harness.publish(harness.onStream("AccessDirectory", AccessDirectory.ID, payload, position, at, meta));
        harness.await(position);
        return position;
    }
}
