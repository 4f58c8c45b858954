package dev.twinledger.projections.history;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRetagged;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import dev.twinledger.transport.UnknownEvent;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.twinledger.projections.testing.ProjectionHarness.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Every event on a stream lands in the stream's history, with its metadata and payload, exactly once. */
class HistoryProjectionTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final Instant T2 = Instant.parse("2026-03-01T11:00:00Z");
    private static final Map<String, String> OPERATOR = Map.of(
            EventMetadata.ACTOR_SUBJECT, "sub-42", EventMetadata.ACTOR_USERNAME, "operator",
            EventMetadata.HANDLING_SITE, "dc1", EventMetadata.CORRELATION_ID, "corr-7",
            EventMetadata.CAUSATION_ID, "cmd-9", EventMetadata.REASON, "upgrade 2021",
            EventMetadata.TICKET, "CHG-1234");

    private static TestDatabase database;
    private static ProjectionHarness harness;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        database = TestDatabase.createMigrated(HistoryProjectionTest.class);
        harness = ProjectionHarness.start(database.dataSource());
        jdbc = new JdbcTemplate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        harness.close();
        database.close();
    }

    @Test
    void aVmsHistoryReadsAsOneLineAcrossItsMoves() {
        long provisioned = publish("VirtualMachine", "vm-h", new VmProvisioned("vm-h", "web", "dc1", "dc1-h1",
                "tenders", Environment.PROD, 2, 4096, "os-1"), T1, Map.of());
        long requested = publish("VirtualMachine", "vm-h", new MigrationRequested("m-1", "vm-h",
                MigrationKind.CROSS_PLATFORM, "dc1", "dc1-h1", Platform.OPENSTACK, "dc2", "dc2-h1", Platform.VMWARE,
                4096, null), T2, OPERATOR);
        long completed = publish("VirtualMachine", "vm-h", new MigrationCompleted("m-1", "vm-h",
                MigrationKind.CROSS_PLATFORM, "dc1", "dc1-h1", "dc2", "dc2-h1", "os-1", "vm-77", null), T2, OPERATOR);
        long retagged = publish("VirtualMachine", "vm-h", new VmRetagged("vm-h", Map.of("tier", "web")), T2, Map.of());

        List<Map<String, Object>> history = jdbc.queryForList("""
                SELECT global_position, resource_type, sequence_number, event_type
                  FROM resource_history WHERE resource_id = 'vm-h' ORDER BY global_position""");
        assertThat(history).extracting(row -> row.get("global_position"))
                .containsExactly(provisioned, requested, completed, retagged);
        assertThat(history).extracting(row -> row.get("sequence_number")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(history).extracting(row -> row.get("event_type")).containsExactly(
                VmProvisioned.class.getName(), MigrationRequested.class.getName(),
                MigrationCompleted.class.getName(), VmRetagged.class.getName());
        assertThat(history).extracting(row -> row.get("resource_type")).containsOnly("VirtualMachine");
    }

    @Test
    void metadataAndPayloadAreKept() {
        long position = publish("VirtualMachine", "vm-m", new MigrationCompleted("m-1", "vm-m",
                MigrationKind.SITE_TO_SITE, "dc1", "dc1-h1", "dc3", "dc3-h1", "os-1", "os-1", "camp-1"), T1, OPERATOR);

        assertThat(jdbc.queryForMap("""
                SELECT occurred_at, actor_subject, actor_username, handling_site, correlation_id, causation_id, reason,
                       ticket, payload->>'targetHostId' AS target, payload->>'kind' AS kind,
                       payload->>'campaignId' AS campaign, event_id
                  FROM resource_history WHERE global_position = ?""", position))
                .containsEntry("occurred_at", Timestamp.from(T1))
                .containsEntry("actor_subject", "sub-42")
                .containsEntry("actor_username", "operator")
                .containsEntry("handling_site", "dc1")
                .containsEntry("correlation_id", "corr-7")
                .containsEntry("causation_id", "cmd-9")
                .containsEntry("reason", "upgrade 2021")
                .containsEntry("ticket", "CHG-1234")
                .containsEntry("target", "dc3-h1")
                .containsEntry("kind", "SITE_TO_SITE")
                .containsEntry("campaign", "camp-1");
    }

    @Test
    void anEventOfAnUnknownTypeIsKeptWithTheProducersJson() {
        long position = publish("VirtualMachine", "vm-u",
                new UnknownEvent("dev.twinledger.api.future.VmPinned", "{\"vmId\":\"vm-u\",\"cpu\":[1,2]}"), T1,
                Map.of());

        assertThat(jdbc.queryForMap("SELECT event_type, payload::text AS payload FROM resource_history "
                + "WHERE global_position = ?", position))
                .containsEntry("event_type", "dev.twinledger.api.future.VmPinned")
                .containsEntry("payload", "{\"cpu\": [1, 2], \"vmId\": \"vm-u\"}");
    }

    @Test
    void aRedeliveredEventIsKeptOnce() {
        long position = harness.nextPosition();
        EventMessage<?> event = harness.onStream("Site", "dc-r", new SiteRegistered("dc-r", "R", Platform.VMWARE),
                position, T1, Map.of());
        harness.publish(event);
        harness.publish(event);
        long marker = publish("Site", "dc-r2", new SiteRegistered("dc-r2", "R2", Platform.VMWARE), T1, Map.of());

        assertThat(jdbc.queryForObject("SELECT count(*) FROM resource_history WHERE resource_id = 'dc-r'", Long.class))
                .isEqualTo(1);
        assertThat(harness.progress().hasApplied(marker)).isTrue();
    }

    @Test
    void anEventWithoutAStreamBelongsToNoResource() {
        long position = harness.nextPosition();
        harness.publish(event(new SiteRegistered("dc-n", "N", Platform.VMWARE), position, T1));
        harness.await(position);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM resource_history WHERE global_position = ?", Long.class,
                position)).isZero();
    }

    private static long publish(String type, String aggregateId, Object payload, Instant at, Map<String, ?> meta) {
        long position = harness.nextPosition();
        harness.publish(harness.onStream(type, aggregateId, payload, position, at, meta));
        harness.await(position);
        return position;
    }
}
