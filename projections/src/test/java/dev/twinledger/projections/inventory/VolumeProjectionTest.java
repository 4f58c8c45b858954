package dev.twinledger.projections.inventory;

import dev.twinledger.api.inventory.VolumeAttached;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.inventory.VolumeDeleted;
import dev.twinledger.api.inventory.VolumeDetached;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import static dev.twinledger.projections.testing.ProjectionHarness.event;
import static org.assertj.core.api.Assertions.assertThat;

/** The volume handlers behind the real processor on a real PostgreSQL (see {@link InventoryProjectionTest}). */
class VolumeProjectionTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-01T11:00:00Z");

    private static TestDatabase database;
    private static ProjectionHarness harness;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        database = TestDatabase.createMigrated(VolumeProjectionTest.class);
        harness = ProjectionHarness.start(database.dataSource());
        jdbc = new JdbcTemplate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        harness.close();
        database.close();
    }

    @Test
    void aVolumeIsCreatedAttachedDetachedAndDeleted() {
        long created = harness.publishAndAwait(new VolumeCreated("vol-1", "data", "dc1", "tenders", 100), T1);
        assertThat(row("vol-1"))
                .containsEntry("name", "data")
                .containsEntry("site_id", "dc1")
                .containsEntry("project", "tenders")
                .containsEntry("size_gib", 100L)
                .containsEntry("state", "AVAILABLE")
                .containsEntry("vm_id", null)
                .containsEntry("created_at", Timestamp.from(T1))
                .containsEntry("last_position", created);

        harness.publishAndAwait(new VolumeAttached("vol-1", "vm-1", "dc1"), T1);
        assertThat(row("vol-1")).containsEntry("state", "IN_USE").containsEntry("vm_id", "vm-1");
        harness.publishAndAwait(new VolumeDetached("vol-1", "vm-1", "dc1"), T1);
        assertThat(row("vol-1")).containsEntry("state", "AVAILABLE").containsEntry("vm_id", null);
        long deleted = harness.publishAndAwait(new VolumeDeleted("vol-1", "dc1"), T2);

        assertThat(row("vol-1"))
                .containsEntry("state", "DELETED")
                .containsEntry("deleted_at", Timestamp.from(T2))
                .containsEntry("created_at", Timestamp.from(T1))
                .containsEntry("last_position", deleted);
    }

    @Test
    void aLateCreationDoesNotResurrectADeletedVolume() {
        long late = harness.nextPosition();
        harness.publishAndAwait(new VolumeCreated("vol-2", "logs", "dc1", "tenders", 10), T1);
        long deleted = harness.publishAndAwait(new VolumeDeleted("vol-2", "dc1"), T2);

        harness.publish(event(new VolumeCreated("vol-2", "stale", "dc2", "other", 1), late, T1));
        harness.await(late);

        assertThat(row("vol-2")).containsEntry("state", "DELETED").containsEntry("name", "logs")
                .containsEntry("last_position", deleted);
    }

    private static Map<String, Object> row(String id) {
        return jdbc.queryForMap("SELECT * FROM volumes WHERE id = ?", id);
    }
}
