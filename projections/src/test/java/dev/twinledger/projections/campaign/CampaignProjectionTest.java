package dev.twinledger.projections.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.api.campaign.CampaignHostCompleted;
import dev.twinledger.api.campaign.CampaignHostEvacuated;
import dev.twinledger.api.campaign.CampaignHostSkipped;
import dev.twinledger.api.campaign.CampaignHostUpgraded;
import dev.twinledger.api.campaign.CampaignMigrationFailed;
import dev.twinledger.api.campaign.CampaignMigrationSucceeded;
import dev.twinledger.api.campaign.CampaignPhase;
import dev.twinledger.api.campaign.CampaignProgress;
import dev.twinledger.api.campaign.CampaignReport;
import dev.twinledger.api.campaign.CampaignState;
import dev.twinledger.api.campaign.HostEvacuationPlanned;
import dev.twinledger.api.campaign.HostReturnPlanned;
import dev.twinledger.api.campaign.PlannedMove;
import dev.twinledger.api.campaign.UpgradeCampaignCompleted;
import dev.twinledger.api.campaign.UpgradeCampaignCreated;
import dev.twinledger.api.campaign.UpgradeCampaignPaused;
import dev.twinledger.api.campaign.UpgradeCampaignResumed;
import dev.twinledger.api.campaign.UpgradeCampaignStarted;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.twinledger.projections.testing.ProjectionHarness.event;
import static org.assertj.core.api.Assertions.assertThat;

/** An upgrade campaign's progress, phases, failures and report, behind the real processor. */
class CampaignProjectionTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant PAUSED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant DONE = Instant.parse("2026-03-01T15:00:00Z");
    private static final ObjectMapper json = new ObjectMapper();

    private static TestDatabase database;
    private static ProjectionHarness harness;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        database = TestDatabase.createMigrated(CampaignProjectionTest.class);
        harness = ProjectionHarness.start(database.dataSource());
        jdbc = new JdbcTemplate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        harness.close();
        database.close();
    }

    @Test
    void aCampaignRunsPausesResumesAndCompletesWithItsReport() throws Exception {
        harness.publishAndAwait(new UpgradeCampaignCreated("camp-1", "Upgrade 2021", "dc1", List.of("h2", "h1"),
                List.of("t1", "t2"), "2023.1", 3, 600,
                progress(CampaignState.CREATED, null, CampaignPhase.PENDING, CampaignPhase.PENDING, 0, 0, 0, 0, 0)),
                CREATED);
        Map<String, Object> created = campaign("camp-1");
        assertThat(created)
                .containsEntry("name", "Upgrade 2021")
                .containsEntry("site_id", "dc1")
                .containsEntry("target_version", "2023.1")
                .containsEntry("max_attempts", 3)
                .containsEntry("migration_timeout_seconds", 600L)
                .containsEntry("state", "CREATED")
                .containsEntry("created_at", Timestamp.from(CREATED))
                .containsEntry("started_at", null);
        assertThat(text("host_ids", "camp-1")).isEqualTo("[\"h2\", \"h1\"]");
        assertThat(text("temporary_host_ids", "camp-1")).isEqualTo("[\"t1\", \"t2\"]");

        harness.publishAndAwait(new UpgradeCampaignStarted("camp-1",
                progress(CampaignState.RUNNING, null, CampaignPhase.PENDING, CampaignPhase.PENDING, 0, 0, 0, 0, 0)),
                STARTED);
        PlannedMove move = new PlannedMove("vm-1", 4096, "h2", "t1", "camp-1-vm-1-1", 1);
        harness.publishAndAwait(new HostEvacuationPlanned("camp-1", "h2", List.of(move),
                progress(CampaignState.RUNNING, "h2", CampaignPhase.EVACUATING, CampaignPhase.PENDING, 1, 0, 0, 0, 1)),
                STARTED);
        PlannedMove retry = new PlannedMove("vm-1", 4096, "h2", "t1", "camp-1-vm-1-2", 2);
        harness.publishAndAwait(new CampaignMigrationFailed("camp-1", "h2", move, "timeout", retry,
                progress(CampaignState.RUNNING, "h2", CampaignPhase.EVACUATING, CampaignPhase.PENDING, 2, 0, 1, 1, 1)),
                PAUSED);
        harness.publishAndAwait(new UpgradeCampaignPaused("camp-1", "change freeze",
                progress(CampaignState.PAUSED, "h2", CampaignPhase.EVACUATING, CampaignPhase.PENDING, 2, 0, 1, 1, 1)),
                PAUSED);
        assertThat(campaign("camp-1"))
                .containsEntry("state", "PAUSED")
                .containsEntry("pause_reason", "change freeze")
                .containsEntry("paused_at", Timestamp.from(PAUSED))
                .containsEntry("current_host_id", "h2")
                .containsEntry("migrations_requested", 2)
                .containsEntry("migrations_failed", 1)
                .containsEntry("migrations_retried", 1)
                .containsEntry("migrations_pending", 1);
        assertThat(jdbc.queryForMap("SELECT * FROM campaign_migration_failures WHERE campaign_id = 'camp-1'"))
                .containsEntry("migration_id", "camp-1-vm-1-1")
                .containsEntry("vm_id", "vm-1")
                .containsEntry("host_id", "h2")
                .containsEntry("from_host_id", "h2")
                .containsEntry("to_host_id", "t1")
                .containsEntry("attempt", 1)
                .containsEntry("reason", "timeout")
                .containsEntry("retry_migration_id", "camp-1-vm-1-2")
                .containsEntry("failed_at", Timestamp.from(PAUSED));

        harness.publishAndAwait(new UpgradeCampaignResumed("camp-1",
                progress(CampaignState.RUNNING, "h2", CampaignPhase.EVACUATING, CampaignPhase.PENDING, 2, 0, 1, 1, 1)),
                PAUSED);
        assertThat(campaign("camp-1")).containsEntry("state", "RUNNING").containsEntry("pause_reason", null)
                .containsEntry("paused_at", null);
        harness.publishAndAwait(new CampaignMigrationSucceeded("camp-1", "h2", retry,
                progress(CampaignState.RUNNING, "h2", CampaignPhase.EVACUATING, CampaignPhase.PENDING, 2, 1, 1, 1, 0)),
                PAUSED);
        harness.publishAndAwait(new CampaignHostEvacuated("camp-1", "h2", progress(CampaignState.RUNNING, "h2",
                CampaignPhase.AWAITING_UPGRADE, CampaignPhase.PENDING, 2, 1, 1, 1, 0)), PAUSED);
        harness.publishAndAwait(new CampaignHostUpgraded("camp-1", "h2", "2023.1", progress(CampaignState.RUNNING,
                "h2", CampaignPhase.RETURNING, CampaignPhase.PENDING, 2, 1, 1, 1, 0)), PAUSED);
        harness.publishAndAwait(new HostReturnPlanned("camp-1", "h2", List.of(), progress(CampaignState.RUNNING,
                "h2", CampaignPhase.RETURNING, CampaignPhase.PENDING, 2, 1, 1, 1, 0)), PAUSED);
        harness.publishAndAwait(new CampaignHostCompleted("camp-1", "h2", progress(CampaignState.RUNNING, "h1",
                CampaignPhase.DONE, CampaignPhase.PENDING, 2, 1, 1, 1, 0)), PAUSED);
        harness.publishAndAwait(new CampaignHostSkipped("camp-1", "h1", "no capacity", progress(CampaignState.RUNNING,
                null, CampaignPhase.DONE, CampaignPhase.SKIPPED, 2, 1, 1, 1, 0)), DONE);
        CampaignReport report = new CampaignReport(1, 1, 1, 1, 0, List.of("h2"), Map.of("h1", "no capacity"),
                STARTED, DONE, 21_600);
        long completed = harness.publishAndAwait(new UpgradeCampaignCompleted("camp-1", report,
                progress(CampaignState.COMPLETED, null, CampaignPhase.DONE, CampaignPhase.SKIPPED, 2, 1, 1, 1, 0)),
                DONE);

        assertThat(campaign("camp-1"))
                .containsEntry("state", "COMPLETED")
                .containsEntry("current_host_id", null)
                .containsEntry("started_at", Timestamp.from(STARTED))
                .containsEntry("completed_at", Timestamp.from(DONE))
                .containsEntry("migrations_succeeded", 1)
                .containsEntry("last_position", completed);
        JsonNode phases = json.readTree(text("host_phases", "camp-1"));
        assertThat(phases).as("host phases in campaign order").hasSize(2);
        assertThat(phases.get(0).get("hostId").asText()).isEqualTo("h2");
        assertThat(phases.get(0).get("phase").asText()).isEqualTo("DONE");
        assertThat(phases.get(1).get("hostId").asText()).isEqualTo("h1");
        assertThat(phases.get(1).get("phase").asText()).isEqualTo("SKIPPED");
        JsonNode stored = json.readTree(text("report", "camp-1"));
        assertThat(stored.get("vmsMoved").asInt()).isEqualTo(1);
        assertThat(stored.get("hostsUpgraded").get(0).asText()).isEqualTo("h2");
        assertThat(stored.get("hostsSkipped").get("h1").asText()).isEqualTo("no capacity");
        assertThat(stored.get("startedAt").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(stored.get("durationSeconds").asLong()).isEqualTo(21_600);
    }

    @Test
    void aStaleProgressDoesNotOverwriteANewerOne() {
        long stale = harness.nextPosition();
        harness.publishAndAwait(new UpgradeCampaignCreated("camp-2", "Second", "dc1", List.of("h2", "h1"), List.of(),
                "2023.1", 1, 60,
                progress(CampaignState.CREATED, null, CampaignPhase.PENDING, CampaignPhase.PENDING, 0, 0, 0, 0, 0)),
                CREATED);
        harness.publishAndAwait(new UpgradeCampaignStarted("camp-2",
                progress(CampaignState.RUNNING, "h2", CampaignPhase.EVACUATING, CampaignPhase.PENDING, 3, 0, 0, 0, 3)),
                STARTED);

        harness.publish(event(new UpgradeCampaignPaused("camp-2", "stale",
                progress(CampaignState.PAUSED, null, CampaignPhase.PENDING, CampaignPhase.PENDING, 0, 0, 0, 0, 0)),
                stale, CREATED));
        harness.await(stale);

        assertThat(campaign("camp-2")).containsEntry("state", "RUNNING").containsEntry("migrations_pending", 3)
                .containsEntry("pause_reason", null);
    }

    private static CampaignProgress progress(CampaignState state, String currentHost, CampaignPhase first,
                                             CampaignPhase second, int requested, int succeeded, int failed,
                                             int retried, int pending) {
        // Both test campaigns upgrade h2 before h1: not alphabetical, so the order is visibly the campaign's.
        Map<String, CampaignPhase> phases = new LinkedHashMap<>();
        phases.put("h2", first);
        phases.put("h1", second);
        return new CampaignProgress(state, currentHost, phases, requested, succeeded, failed, retried, pending);
    }

    private static Map<String, Object> campaign(String id) {
        return jdbc.queryForMap("SELECT * FROM campaigns WHERE id = ?", id);
    }

    private static String text(String column, String id) {
        return jdbc.queryForObject("SELECT " + column + "::text FROM campaigns WHERE id = ?", String.class, id);
    }
}
