package dev.twinledger.projections.migration;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationFailed;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.api.migration.MigrationRolledBack;
import dev.twinledger.api.migration.MigrationStarted;
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

/** Migrations as tracked processes, and the VM's placement after them, behind the real processor. */
class MigrationProjectionTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-01T10:05:00Z");
    private static final Instant T3 = Instant.parse("2026-03-01T10:09:00Z");

    private static TestDatabase database;
    private static ProjectionHarness harness;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        database = TestDatabase.createMigrated(MigrationProjectionTest.class);
        harness = ProjectionHarness.start(database.dataSource());
        jdbc = new JdbcTemplate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        harness.close();
        database.close();
    }

    @Test
    void aCompletedCrossPlatformMigrationMovesTheVmAndGivesItItsNewPlatformId() {
        harness.publishAndAwait(provisioned("vm-x", "os-111"), T1);

        long requested = harness.publishAndAwait("vm-x", new MigrationRequested("m-1", "vm-x",
                MigrationKind.CROSS_PLATFORM, "dc1", "dc1-h1", Platform.OPENSTACK, "dc2", "dc2-h4", Platform.VMWARE,
                4096, "camp-1"), T1);
        assertThat(migration("m-1", "vm-x"))
                .containsEntry("state", "REQUESTED")
                .containsEntry("kind", "CROSS_PLATFORM")
                .containsEntry("source_site_id", "dc1")
                .containsEntry("source_host_id", "dc1-h1")
                .containsEntry("source_platform", "OPENSTACK")
                .containsEntry("target_site_id", "dc2")
                .containsEntry("target_host_id", "dc2-h4")
                .containsEntry("target_platform", "VMWARE")
                .containsEntry("memory_mib", 4096L)
                .containsEntry("campaign_id", "camp-1")
                .containsEntry("requested_at", Timestamp.from(T1))
                .containsEntry("requested_position", requested);
        assertThat(vm("vm-x")).containsEntry("current_migration_id", "m-1").containsEntry("host_id", "dc1-h1");

        harness.publishAndAwait("vm-x", new MigrationStarted("m-1", "vm-x", "camp-1"), T2);
        assertThat(migration("m-1", "vm-x")).containsEntry("state", "IN_PROGRESS")
                .containsEntry("started_at", Timestamp.from(T2));
        long completed = harness.publishAndAwait("vm-x", new MigrationCompleted("m-1", "vm-x",
                MigrationKind.CROSS_PLATFORM, "dc1", "dc1-h1", "dc2", "dc2-h4", "os-111", "vm-2044", "camp-1"), T3);

        assertThat(migration("m-1", "vm-x"))
                .containsEntry("state", "COMPLETED")
                .containsEntry("finished_at", Timestamp.from(T3))
                .containsEntry("previous_platform_id", "os-111")
                .containsEntry("platform_id", "vm-2044")
                .containsEntry("last_position", completed);
        assertThat(vm("vm-x"))
                .containsEntry("site_id", "dc2")
                .containsEntry("host_id", "dc2-h4")
                .containsEntry("platform_id", "vm-2044")
                .containsEntry("current_migration_id", null)
                .containsEntry("last_position", completed);
    }

    @Test
    void aCompletionWithoutAPlatformIdKeepsTheVmsOwn() {
        harness.publishAndAwait(provisioned("vm-k", "os-222"), T1);
        harness.publishAndAwait("vm-k", requested("m-1", "vm-k", "dc1-h2"), T1);

        harness.publishAndAwait("vm-k", new MigrationCompleted("m-1", "vm-k", MigrationKind.HOST_TO_HOST, "dc1",
                "dc1-h1", "dc1", "dc1-h2", "os-222", null, null), T2);

        assertThat(vm("vm-k")).containsEntry("host_id", "dc1-h2").containsEntry("platform_id", "os-222");
    }

    @Test
    void aFailedMigrationLeavesTheVmWhereItWasWithTheReason() {
        harness.publishAndAwait(provisioned("vm-f", null), T1);
        harness.publishAndAwait("vm-f", requested("m-1", "vm-f", "dc1-h2"), T1);

        harness.publishAndAwait("vm-f", new MigrationFailed("m-1", "vm-f", "dc1-h1", "dc1-h2", "libvirt timeout",
                null), T2);

        assertThat(migration("m-1", "vm-f")).containsEntry("state", "FAILED")
                .containsEntry("reason", "libvirt timeout").containsEntry("finished_at", Timestamp.from(T2));
        assertThat(vm("vm-f")).containsEntry("host_id", "dc1-h1").containsEntry("current_migration_id", null);
    }

    @Test
    void aRolledBackMigrationIsFinalAndTheNextOneIsCurrent() {
        harness.publishAndAwait(provisioned("vm-r", null), T1);
        harness.publishAndAwait("vm-r", requested("m-1", "vm-r", "dc1-h2"), T1);
        harness.publishAndAwait("vm-r", new MigrationStarted("m-1", "vm-r", null), T1);
        harness.publishAndAwait("vm-r", new MigrationRolledBack("m-1", "vm-r", "dc1-h1", "dc1-h2", "guest hung",
                null), T2);
        harness.publishAndAwait("vm-r", requested("m-2", "vm-r", "dc1-h3"), T3);

        assertThat(migration("m-1", "vm-r")).containsEntry("state", "ROLLED_BACK")
                .containsEntry("reason", "guest hung");
        assertThat(migration("m-2", "vm-r")).containsEntry("state", "REQUESTED");
        assertThat(vm("vm-r")).containsEntry("current_migration_id", "m-2").containsEntry("host_id", "dc1-h1");
    }

    @Test
    void twoVmsMayUseTheSameMigrationId() {
        harness.publishAndAwait(provisioned("vm-a", null), T1);
        harness.publishAndAwait(provisioned("vm-b", null), T1);

        harness.publishAndAwait("vm-a", requested("move-1", "vm-a", "dc1-h2"), T1);
        harness.publishAndAwait("vm-b", requested("move-1", "vm-b", "dc1-h3"), T1);

        assertThat(migration("move-1", "vm-a")).containsEntry("target_host_id", "dc1-h2");
        assertThat(migration("move-1", "vm-b")).containsEntry("target_host_id", "dc1-h3");
    }

    @Test
    void aStaleRequestDoesNotReopenACompletedMigration() {
        harness.publishAndAwait(provisioned("vm-s", null), T1);
        long stale = harness.nextPosition();
        harness.publishAndAwait("vm-s", requested("m-1", "vm-s", "dc1-h2"), T1);
        long completed = harness.publishAndAwait("vm-s", new MigrationCompleted("m-1", "vm-s",
                MigrationKind.HOST_TO_HOST, "dc1", "dc1-h1", "dc1", "dc1-h2", null, null, null), T2);

        harness.publish(event(requested("m-1", "vm-s", "dc1-h9"), stale, T1));
        harness.await(stale);

        assertThat(migration("m-1", "vm-s")).containsEntry("state", "COMPLETED")
                .containsEntry("target_host_id", "dc1-h2").containsEntry("last_position", completed);
        assertThat(vm("vm-s")).containsEntry("host_id", "dc1-h2").containsEntry("current_migration_id", null);
    }

    private static VmProvisioned provisioned(String vmId, String platformId) {
        return new VmProvisioned(vmId, vmId, "dc1", "dc1-h1", "tenders", Environment.PROD, 2, 4096, platformId);
    }

    private static MigrationRequested requested(String migrationId, String vmId, String targetHost) {
        return new MigrationRequested(migrationId, vmId, MigrationKind.HOST_TO_HOST, "dc1", "dc1-h1",
                Platform.OPENSTACK, "dc1", targetHost, Platform.OPENSTACK, 4096, null);
    }

    private static Map<String, Object> migration(String id, String vmId) {
        return jdbc.queryForMap("SELECT * FROM migrations WHERE id = ? AND vm_id = ?", id, vmId);
    }

    private static Map<String, Object> vm(String id) {
        return jdbc.queryForMap("SELECT * FROM vms WHERE id = ?", id);
    }
}
