package dev.twinledger.projections.access;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDenied;
import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.api.access.AccessDirectoryInitialized;
import dev.twinledger.api.access.AccessReviewClosed;
import dev.twinledger.api.access.AccessReviewItemDecided;
import dev.twinledger.api.access.AccessReviewStarted;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.GrantApproved;
import dev.twinledger.api.access.GrantExpired;
import dev.twinledger.api.access.GrantRejected;
import dev.twinledger.api.access.GrantRequested;
import dev.twinledger.api.access.GrantRevoked;
import dev.twinledger.api.access.GroupCreated;
import dev.twinledger.api.access.GroupMemberAdded;
import dev.twinledger.api.access.GroupMemberRemoved;
import dev.twinledger.api.access.PrincipalRef;
import dev.twinledger.api.access.ReviewOutcome;
import dev.twinledger.api.access.RoleDefined;
import dev.twinledger.api.access.RoleRetired;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access read model built by the real processor on PostgreSQL: every access event type lands in
 * {@code access_events} and in its table, redeliveries change nothing, and denied attempts stay out of the resource
 * history.
 */
class AccessProjectionTest {

    private static final Instant T0 = Instant.parse("2026-02-01T09:00:00Z");
    private static final AccessScope DC1_PROD = new AccessScope("dc1", Environment.PROD, null, null, null);

    private static TestDatabase database;
    private static ProjectionHarness harness;
    private static JdbcTemplate jdbc;
    private static final AtomicLong minutes = new AtomicLong();

    @BeforeAll
    static void start() {
        database = TestDatabase.createMigrated(AccessProjectionTest.class);
        harness = ProjectionHarness.start(database.dataSource());
        jdbc = new JdbcTemplate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        harness.close();
        database.close();
    }

    @Test
    void aPrivilegedGrantIsPendingThenApprovedThenRevokedWithWhoAndWhy() {
        long requested = directory(new GrantRequested("g-adm", PrincipalRef.user("alice"), "platform-admin", DC1_PROD,
                null, T0.plus(Duration.ofDays(30)), "on call for the upgrade", "CHG-7", "boss", true), "boss");
        assertThat(grant("g-adm")).containsEntry("status", "PENDING_APPROVAL")
                .containsEntry("principal_kind", "USER").containsEntry("principal_id", "alice")
                .containsEntry("site_id", "dc1").containsEntry("environment", "PROD")
                .containsEntry("project", null).containsEntry("ticket", "CHG-7")
                .containsEntry("requested_by", "boss").containsEntry("requested_position", requested)
                .containsEntry("valid_until", Timestamp.from(T0.plus(Duration.ofDays(30))));
        Timestamp requestedAt = (Timestamp) grant("g-adm").get("requested_at");
        assertThat(grant("g-adm").get("valid_from")).as("validFrom null is the request's time").isEqualTo(requestedAt);

        long approved = directory(new GrantApproved("g-adm", "second"), "second");
        assertThat(grant("g-adm")).containsEntry("status", "ACTIVE").containsEntry("approved_by", "second")
                .containsEntry("approved_position", approved);

        long revoked = directory(new GrantRevoked("g-adm", "boss", "left the team"), "boss");
        assertThat(grant("g-adm")).containsEntry("status", "REVOKED").containsEntry("revoked_by", "boss")
                .containsEntry("revocation_reason", "left the team").containsEntry("revoked_position", revoked)
                .containsEntry("last_position", revoked);

        assertThat(jdbc.queryForList("""
                SELECT change, actor, why, ticket, role, site_id FROM access_principal_history
                 WHERE principal_kind = 'USER' AND principal_id = 'alice' ORDER BY global_position"""))
                .extracting(row -> List.of(row.get("change"), row.get("actor"), String.valueOf(row.get("why")),
                        String.valueOf(row.get("role")), String.valueOf(row.get("site_id"))))
                .containsExactly(
                        List.of("GRANTED", "boss", "on call for the upgrade", "platform-admin", "dc1"),
                        List.of("APPROVED", "second", "null", "platform-admin", "dc1"),
                        List.of("REVOKED", "boss", "left the team", "platform-admin", "dc1"));
        assertThat(jdbc.queryForList("SELECT event_type, actor_username, aggregate_id FROM access_events "
                        + "WHERE global_position IN (?, ?, ?) ORDER BY global_position", requested, approved, revoked))
                .extracting(row -> List.of(row.get("event_type"), row.get("actor_username"), row.get("aggregate_id")))
                .containsExactly(
                        List.of(GrantRequested.class.getName(), "boss", AccessDirectory.ID),
                        List.of(GrantApproved.class.getName(), "second", AccessDirectory.ID),
                        List.of(GrantRevoked.class.getName(), "boss", AccessDirectory.ID));
    }

    @Test
    void aRejectedRequestAndARecordedExpiry() {
        directory(new GrantRequested("g-rej", PrincipalRef.group("ops"), "platform-admin", AccessScope.EVERYWHERE,
                null, null, "please", null, "bob", true), "bob");
        directory(new GrantRejected("g-rej", "carol", "too broad"), "carol");
        assertThat(grant("g-rej")).containsEntry("status", "REJECTED").containsEntry("rejected_by", "carol")
                .containsEntry("rejection_reason", "too broad").containsEntry("principal_kind", "GROUP");

        Instant end = T0.plus(Duration.ofDays(1));
        directory(new GrantRequested("g-exp", PrincipalRef.user("dave"), "operator", DC1_PROD, T0, end,
                "temporary", null, "bob", false), "bob");
        assertThat(grant("g-exp")).containsEntry("status", "ACTIVE");
        long expired = directory(new GrantExpired("g-exp", end), null);
        assertThat(grant("g-exp")).containsEntry("status", "EXPIRED").containsEntry("expired_at", Timestamp.from(end))
                .containsEntry("expiry_position", expired);
        assertThat(jdbc.queryForMap("SELECT change, actor FROM access_principal_history WHERE global_position = ?",
                expired)).containsEntry("change", "EXPIRED").containsEntry("actor", "system");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM access_principal_history "
                + "WHERE principal_kind = 'GROUP' AND principal_id = 'ops'", Long.class)).isEqualTo(2);
    }

    @Test
    void membershipsKeepTheirIntervalsAndARemovalEndsOnlyWhatRuns() {
        directory(new GroupCreated("dbas", "database administrators", "boss"), "boss");
        Instant later = T0.plus(Duration.ofDays(400));
        long running = directory(new GroupMemberAdded("dbas", "erin", null, null, "boss"), "boss");
        long future = directory(new GroupMemberAdded("dbas", "erin", later, null, "boss"), "boss");
        long other = directory(new GroupMemberAdded("dbas", "frank", null, later, "boss"), "boss");
        long removed = directory(new GroupMemberRemoved("dbas", "erin", "boss", "changed teams"), "boss");

        assertThat(jdbc.queryForMap("SELECT * FROM access_groups WHERE id = 'dbas'"))
                .containsEntry("description", "database administrators").containsEntry("created_by", "boss");
        Map<String, Object> ended = membership("dbas", "erin", running);
        assertThat(ended).containsEntry("removed_by", "boss").containsEntry("removal_reason", "changed teams")
                .containsEntry("dropped", false).containsEntry("removed_position", removed);
        assertThat(ended.get("ended_at")).isEqualTo(ended.get("removed_at"));
        assertThat(membership("dbas", "erin", future)).as("removed before it started: never took effect")
                .containsEntry("dropped", true).containsEntry("ended_at", null);
        assertThat(membership("dbas", "frank", other)).containsEntry("removed_at", null)
                .containsEntry("ended_at", Timestamp.from(later));
        assertThat(jdbc.queryForList("SELECT change, group_id, why FROM access_principal_history "
                        + "WHERE principal_id = 'erin' ORDER BY global_position"))
                .extracting(row -> row.get("change") + "/" + row.get("group_id") + "/" + row.get("why"))
                .containsExactly("ADDED_TO_GROUP/dbas/null", "ADDED_TO_GROUP/dbas/null",
                        "REMOVED_FROM_GROUP/dbas/changed teams");
    }

    @Test
    void everyRoleVersionIsKeptAndARetirementRemembersWhatItEnded() {
        directory(new AccessDirectoryInitialized(Set.of("access-admin"), List.of("root")), null);
        long first = directory(new RoleDefined("deployer", Set.of("vm:provision", "inventory:read"), false, Set.of(),
                "system"), null);
        long second = directory(new RoleDefined("deployer", Set.of("vm:provision"), true,
                Set.of("vm:provision", "inventory:read"), "root"), "root");
        long retired = directory(new RoleRetired("deployer", "root", "replaced by operator"), "root");

        assertThat(jdbc.queryForList("""
                SELECT global_position, permissions::text AS permissions, previous_permissions::text AS previous,
                       privileged, retired, defined_by, reason
                  FROM access_role_versions WHERE role = 'deployer' ORDER BY global_position"""))
                .extracting(row -> List.of(row.get("global_position"), row.get("permissions"), row.get("previous"),
                        row.get("privileged"), row.get("retired"), row.get("defined_by"),
                        String.valueOf(row.get("reason"))))
                .containsExactly(
                        List.of(first, "[\"inventory:read\", \"vm:provision\"]", "[]", false, false, "system", "null"),
                        List.of(second, "[\"vm:provision\"]", "[\"inventory:read\", \"vm:provision\"]", true, false,
                                "root", "null"),
                        List.of(retired, "[]", "[\"vm:provision\"]", false, true, "root", "replaced by operator"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM access_events WHERE event_type = ?", Long.class,
                AccessDirectoryInitialized.class.getName())).isEqualTo(1);
    }

    @Test
    void aReviewKeepsEachDecisionAndFlagsWhatNobodyDecided() {
        directory(new AccessReviewStarted("rev-1", DC1_PROD, "rita", T0.plus(Duration.ofDays(14)), "boss",
                List.of("g-x", "g-y", "g-z")), "boss");
        long decided = directory(new AccessReviewItemDecided("rev-1", "g-y", ReviewOutcome.REVOKED, "not needed",
                "rita"), "rita");
        directory(new AccessReviewItemDecided("rev-1", "g-x", ReviewOutcome.CONFIRMED, null, "rita"), "rita");
        directory(new AccessReviewClosed("rev-1", "system", 1, 1, List.of("g-z"), true), null);

        assertThat(jdbc.queryForMap("SELECT * FROM access_reviews WHERE id = 'rev-1'"))
                .containsEntry("state", "CLOSED").containsEntry("reviewer", "rita").containsEntry("site_id", "dc1")
                .containsEntry("confirmed", 1).containsEntry("revoked", 1).containsEntry("deadline_passed", true)
                .containsEntry("closed_by", "system");
        assertThat(jdbc.queryForList("SELECT grant_id, outcome, decided_by, flagged_unreviewed, decided_position "
                        + "FROM access_review_items WHERE review_id = 'rev-1' ORDER BY item_order"))
                .extracting(row -> List.of(row.get("grant_id"), String.valueOf(row.get("outcome")),
                        String.valueOf(row.get("decided_by")), row.get("flagged_unreviewed")))
                .containsExactly(List.of("g-x", "CONFIRMED", "rita", false),
                        List.of("g-y", "REVOKED", "rita", false),
                        List.of("g-z", "null", "null", true));
        assertThat(jdbc.queryForObject("SELECT decided_position FROM access_review_items WHERE grant_id = 'g-y'",
                Long.class)).isEqualTo(decided);
    }

    @Test
    void aDeniedAttemptIsListedButIsNoResourceInTheHistory() {
        long denied = harness.nextPosition();
        long directoryEvent = harness.nextPosition();
        // The denial has its own stream and the lower position, yet arrives after the directory event: order across
        // streams does not matter.
        harness.publish(harness.onStream("AccessDirectory", AccessDirectory.ID,
                new GroupCreated("late", "arrives first", "boss"), directoryEvent, at(), Map.of()));
        harness.publish(ProjectionHarness.standalone(new AccessDenied("mallory", "vm:provision", "vm", "web-9", "dc2",
                Environment.PROD, "shop", "permission", "missing vm:provision on site=dc2", null, "POST /api/vms"),
                denied, at(), Map.of(EventMetadata.ACTOR_USERNAME, "mallory", EventMetadata.HANDLING_SITE, "dc1",
                        EventMetadata.CORRELATION_ID, "corr-1")));
        harness.await(denied);
        harness.await(directoryEvent);

        assertThat(jdbc.queryForMap("SELECT * FROM access_denials WHERE global_position = ?", denied))
                .containsEntry("actor", "mallory").containsEntry("permission", "vm:provision")
                .containsEntry("resource_id", "web-9").containsEntry("environment", "PROD")
                .containsEntry("rule", "permission").containsEntry("request", "POST /api/vms")
                .containsEntry("handling_site", "dc1").containsEntry("correlation_id", "corr-1");
        assertThat(jdbc.queryForObject("SELECT event_type FROM access_events WHERE global_position = ?",
                String.class, denied)).isEqualTo(AccessDenied.class.getName());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM resource_history WHERE global_position = ?", Long.class,
                denied)).isZero();
        assertThat(jdbc.queryForObject("SELECT resource_id FROM resource_history WHERE global_position = ?",
                String.class, directoryEvent)).as("the directory's own history is kept").isEqualTo(AccessDirectory.ID);
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        EventMessage<?> request = harness.onStream("AccessDirectory", AccessDirectory.ID, new GrantRequested("g-dup",
                        PrincipalRef.user("gina"), "viewer", AccessScope.EVERYWHERE, null, null, "read", null, "boss",
                        false), harness.nextPosition(), at(), Map.of(EventMetadata.ACTOR_USERNAME, "boss"));
        harness.publish(request);
        harness.publish(request);
        long marker = directory(new GrantRevoked("g-dup", "boss", "done"), "boss");
        harness.publish(request);
        long after = directory(new GroupCreated("after-dup", "marker", "boss"), "boss");

        assertThat(harness.progress().hasApplied(marker)).isTrue();
        assertThat(harness.progress().hasApplied(after)).isTrue();
        assertThat(grant("g-dup")).containsEntry("status", "REVOKED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM access_principal_history WHERE principal_id = 'gina'",
                Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM access_events WHERE payload->>'grantId' = 'g-dup'",
                Long.class)).isEqualTo(2);
    }

    /**
     * The handlers are idempotent on their own too (the exactly-once interceptor is not their only guard): every event
     * type applied twice, straight to the handlers, leaves every access table as applying it once did.
     */
    @Test
    void everyHandlerAppliedTwiceChangesNothingTheSecondTime() {
        try (TestDatabase own = TestDatabase.createMigrated(AccessProjectionTest.class)) {
            AccessProjection projection = new AccessProjection(own.dataSource());
            JdbcTemplate ownJdbc = new JdbcTemplate(own.dataSource());
            List<Object> events = List.of(
                    new AccessDirectoryInitialized(Set.of("access-admin"), List.of("root")),
                    new RoleDefined("viewer", Set.of("inventory:read"), false, Set.of(), "system"),
                    new RoleRetired("viewer", "root", "gone"),
                    new GroupCreated("ops", "operators", "root"),
                    new GroupMemberAdded("ops", "ann", null, null, "root"),
                    new GroupMemberRemoved("ops", "ann", "root", "moved"),
                    new GrantRequested("g-1", PrincipalRef.user("ann"), "viewer", DC1_PROD, null, null, "why", null,
                            "root", true),
                    new GrantApproved("g-1", "second"),
                    new GrantRequested("g-2", PrincipalRef.user("ann"), "viewer", DC1_PROD, null, null, "why", null,
                            "root", true),
                    new GrantRejected("g-2", "second", "no"),
                    new GrantExpired("g-1", T0),
                    new GrantRevoked("g-1", "root", "late"),
                    new AccessReviewStarted("rev", DC1_PROD, "rita", null, "root", List.of("g-1")),
                    new AccessReviewItemDecided("rev", "g-1", ReviewOutcome.CONFIRMED, null, "rita"),
                    new AccessReviewClosed("rev", "rita", 1, 0, List.of(), false),
                    new AccessDenied("mallory", "grant:create", "grant", "g-9", null, null, null,
                            "no-escalation", "beyond scope", null, "POST /api/access/grants"));
            long position = 1;
            for (Object event : events) {
                EventMessage<?> message = event instanceof AccessDenied
                        ? ProjectionHarness.standalone(event, position++, at(), Map.of())
                        : harness.onStream("AccessDirectory", AccessDirectory.ID, event, position++, at(),
                                Map.of(EventMetadata.ACTOR_USERNAME, "root"));
                apply(projection, event, message);
                Map<String, List<Map<String, Object>>> once = dump(ownJdbc);
                apply(projection, event, message);
                assertThat(dump(ownJdbc)).as("%s applied twice", event.getClass().getSimpleName()).isEqualTo(once);
            }
            assertThat(ownJdbc.queryForObject("SELECT count(*) FROM access_events", Long.class))
                    .isEqualTo(events.size());
        }
    }

    private static void apply(AccessProjection projection, Object event, EventMessage<?> message) {
        if (event instanceof AccessDirectoryInitialized e) {
            projection.on(e, message);
        } else if (event instanceof RoleDefined e) {
            projection.on(e, message);
        } else if (event instanceof RoleRetired e) {
            projection.on(e, message);
        } else if (event instanceof GroupCreated e) {
            projection.on(e, message);
        } else if (event instanceof GroupMemberAdded e) {
            projection.on(e, message);
        } else if (event instanceof GroupMemberRemoved e) {
            projection.on(e, message);
        } else if (event instanceof GrantRequested e) {
            projection.on(e, message);
        } else if (event instanceof GrantApproved e) {
            projection.on(e, message);
        } else if (event instanceof GrantRejected e) {
            projection.on(e, message);
        } else if (event instanceof GrantRevoked e) {
            projection.on(e, message);
        } else if (event instanceof GrantExpired e) {
            projection.on(e, message);
        } else if (event instanceof AccessReviewStarted e) {
            projection.on(e, message);
        } else if (event instanceof AccessReviewItemDecided e) {
            projection.on(e, message);
        } else if (event instanceof AccessReviewClosed e) {
            projection.on(e, message);
        } else if (event instanceof AccessDenied e) {
            projection.on(e, message);
        } else {
            throw new IllegalArgumentException("no handler for " + event);
        }
    }

    private static Map<String, List<Map<String, Object>>> dump(JdbcTemplate db) {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (String table : List.of("access_events", "access_grants", "access_groups", "access_group_memberships",
                "access_role_versions", "access_principal_history", "access_reviews", "access_review_items",
                "access_denials")) {
            tables.put(table, new ArrayList<>(db.queryForList("SELECT to_jsonb(t)::text AS row FROM " + table
                    + " t ORDER BY 1")));
        }
        return tables;
    }

    private static long directory(Object payload, String actor) {
        long position = harness.nextPosition();
        Map<String, String> meta = actor == null ? Map.of() : Map.of(EventMetadata.ACTOR_USERNAME, actor);
        harness.publish(harness.onStream("AccessDirectory", AccessDirectory.ID, payload, position, at(), meta));
        harness.await(position);
        return position;
    }

    private static Instant at() {
        return T0.plus(Duration.ofMinutes(minutes.incrementAndGet()));
    }

    private static Map<String, Object> grant(String id) {
        return jdbc.queryForMap("SELECT * FROM access_grants WHERE id = ?", id);
    }

    private static Map<String, Object> membership(String group, String user, long addedPosition) {
        return jdbc.queryForMap("SELECT * FROM access_group_memberships WHERE group_id = ? AND username = ? "
                + "AND added_position = ?", group, user, addedPosition);
    }
}
