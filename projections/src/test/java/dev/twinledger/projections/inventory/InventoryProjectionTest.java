package dev.twinledger.projections.inventory;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostDecommissioned;
import dev.twinledger.api.inventory.HostMaintenanceEnded;
import dev.twinledger.api.inventory.HostMaintenanceStarted;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.HostTemporaryChanged;
import dev.twinledger.api.inventory.HostUpgraded;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.ProjectRegistered;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRenamed;
import dev.twinledger.api.inventory.VmResized;
import dev.twinledger.api.inventory.VmRetagged;
import dev.twinledger.api.inventory.VmStarted;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.inventory.VmVolumeDetached;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import dev.twinledger.projections.tracking.ProjectionProgress;
import dev.twinledger.transport.UnknownEvent;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import static dev.twinledger.projections.testing.ProjectionHarness.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inventory handlers behind the real tracking processor, exactly-once interceptor, JDBC token store and Spring
 * transactions, on a real PostgreSQL. Only the source differs from production: an in-memory event store instead of
 * Kafka, fed with events that carry their global position the way the Kafka converter delivers them.
 */
class InventoryProjectionTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:15:30.123456Z");
    private static final Instant T2 = Instant.parse("2026-03-02T08:00:00.000001Z");

    private static TestDatabase database;
    private static ProjectionHarness harness;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        database = TestDatabase.createMigrated(InventoryProjectionTest.class);
        harness = ProjectionHarness.start(database.dataSource());
        jdbc = new JdbcTemplate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        harness.close();
        database.close();
    }

    @Test
    void siteRegisteredCreatesTheSite() {
        long position = harness.publishAndAwait(new SiteRegistered("dc1", "Primary DC", Platform.OPENSTACK), T1);

        assertThat(row("sites", "dc1"))
                .containsEntry("name", "Primary DC")
                .containsEntry("platform", "OPENSTACK")
                .containsEntry("registered_at", Timestamp.from(T1))
                .containsEntry("last_position", position);
    }

    @Test
    void hostRegisteredCreatesAnActiveHost() {
        long position = harness.publishAndAwait(new HostRegistered("dc1-h1", "dc1", "hv-01", 64, 524_288, 0, 1.0, false), T1);

        assertThat(row("hosts", "dc1-h1"))
                .containsEntry("site_id", "dc1")
                .containsEntry("name", "hv-01")
                .containsEntry("cpu_cores", 64)
                .containsEntry("memory_mib", 524_288L)
                .containsEntry("state", "ACTIVE")
                .containsEntry("registered_at", Timestamp.from(T1))
                .containsEntry("last_position", position);
    }

    @Test
    void hostRegisteredKeepsReserveOvercommitAndTheCapacityItOffers() {
        long position = harness.publishAndAwait(
                new HostRegistered("dc1-h-oc", "dc1", "hv-oc", 32, 262_144, 16_384, 1.5, true), T1);

        assertThat(row("hosts", "dc1-h-oc"))
                .containsEntry("reserved_memory_mib", 16_384L)
                .containsEntry("overcommit_ratio", 1.5)
                .containsEntry("temporary", true)
                // floor((262144 - 16384) * 1.5)
                .containsEntry("capacity_mib", 368_640L)
                .containsEntry("allocated_mib", 0L)
                .containsEntry("free_mib", 368_640L)
                .containsEntry("software_version", null)
                .containsEntry("last_position", position);
    }

    @Test
    void aRegistrationWithoutOvercommitReadsAsNoOvercommit() {
        harness.publishAndAwait(new HostRegistered("dc1-h-old", "dc1", "hv-old", 8, 65_536, 0, 0.0, false), T1);

        assertThat(row("hosts", "dc1-h-old"))
                .containsEntry("overcommit_ratio", 1.0)
                .containsEntry("capacity_mib", 65_536L);
    }

    @Test
    void aHostGoesThroughMaintenanceUpgradeTemporaryAndDecommission() {
        harness.publishAndAwait(new HostRegistered("dc1-h-life", "dc1", "hv-life", 8, 65_536, 0, 1.0, false), T1);

        harness.publishAndAwait(new HostMaintenanceStarted("dc1-h-life", "dc1"), T1);
        assertThat(row("hosts", "dc1-h-life")).containsEntry("state", "MAINTENANCE");
        harness.publishAndAwait(new HostUpgraded("dc1-h-life", "dc1", "2023.1"), T2);
        assertThat(row("hosts", "dc1-h-life"))
                .containsEntry("software_version", "2023.1")
                .containsEntry("upgraded_at", Timestamp.from(T2));
        harness.publishAndAwait(new HostMaintenanceEnded("dc1-h-life", "dc1"), T2);
        assertThat(row("hosts", "dc1-h-life")).containsEntry("state", "ACTIVE");
        harness.publishAndAwait(new HostTemporaryChanged("dc1-h-life", "dc1", true), T2);
        assertThat(row("hosts", "dc1-h-life")).containsEntry("temporary", true);
        long last = harness.publishAndAwait(new HostDecommissioned("dc1-h-life", "dc1"), T2);

        assertThat(row("hosts", "dc1-h-life"))
                .containsEntry("state", "DECOMMISSIONED")
                .containsEntry("decommissioned_at", Timestamp.from(T2))
                .containsEntry("software_version", "2023.1")
                .containsEntry("temporary", true)
                .containsEntry("last_position", last);
    }

    @Test
    void projectRegisteredCreatesTheProject() {
        long position = harness.publishAndAwait(new ProjectRegistered("tenders", "E-tenders", "the portal"), T1);

        assertThat(row("projects", "tenders"))
                .containsEntry("name", "E-tenders")
                .containsEntry("description", "the portal")
                .containsEntry("registered_at", Timestamp.from(T1))
                .containsEntry("last_position", position);
    }

    @Test
    void aVmIsStoppedStartedResizedRenamedAndRetagged() {
        harness.publishAndAwait(new VmProvisioned("vm-life", "app-1", "dc1", "dc1-h1", "tenders", Environment.PROD,
                2, 4096, "os-uuid-1"), T1);
        assertThat(row("vms", "vm-life")).containsEntry("platform_id", "os-uuid-1");
        assertThat(text("SELECT tags::text FROM vms WHERE id = 'vm-life'")).isEqualTo("{}");

        harness.publishAndAwait(new VmStopped("vm-life", "dc1", "dc1-h1"), T1);
        assertThat(row("vms", "vm-life")).containsEntry("state", "SHUTOFF");
        harness.publishAndAwait(new VmStarted("vm-life", "dc1", "dc1-h1"), T1);
        assertThat(row("vms", "vm-life")).containsEntry("state", "ACTIVE");
        harness.publishAndAwait(new VmResized("vm-life", "dc1", "dc1-h1", 4, 8192, 2, 4096), T1);
        harness.publishAndAwait(new VmRenamed("vm-life", "app-one", "app-1"), T1);
        harness.publishAndAwait(new VmRetagged("vm-life", Map.of("tier", "web", "owner", "team-a")), T1);
        long last = harness.publishAndAwait(new VmRetagged("vm-life", Map.of("tier", "db")), T2);

        assertThat(row("vms", "vm-life"))
                .containsEntry("name", "app-one")
                .containsEntry("vcpus", 4)
                .containsEntry("memory_mib", 8192L)
                .containsEntry("state", "ACTIVE")
                .containsEntry("last_position", last);
        assertThat(text("SELECT tags::text FROM vms WHERE id = 'vm-life'")).as("tags are replaced, not merged")
                .isEqualTo("{\"tier\": \"db\"}");
    }

    @Test
    void volumesAttachedToAVmAreListedOnceInAttachOrder() {
        harness.publishAndAwait(provisioned("vm-vol", "files-1"), T1);

        harness.publishAndAwait(new VmVolumeAttached("vm-vol", "vol-b"), T1);
        harness.publishAndAwait(new VmVolumeAttached("vm-vol", "vol-a"), T1);
        harness.publishAndAwait(new VmVolumeAttached("vm-vol", "vol-c"), T1);
        harness.publishAndAwait(new VmVolumeDetached("vm-vol", "vol-a"), T1);
        // The command side refuses a second attach; should one still come, the list must not show it twice.
        harness.publishAndAwait(new VmVolumeAttached("vm-vol", "vol-b"), T1);

        assertThat(text("SELECT volume_ids::text FROM vms WHERE id = 'vm-vol'")).isEqualTo("[\"vol-b\", \"vol-c\"]");
    }

    @Test
    void vmProvisionedCreatesAnActiveVm() {
        long position = harness.publishAndAwait(provisioned("vm-prov", "web-1"), T1);

        assertThat(row("vms", "vm-prov"))
                .containsEntry("name", "web-1")
                .containsEntry("site_id", "dc1")
                .containsEntry("host_id", "dc1-h1")
                .containsEntry("project", "tenders")
                .containsEntry("environment", "PROD")
                .containsEntry("vcpus", 2)
                .containsEntry("memory_mib", 4096L)
                .containsEntry("state", "ACTIVE")
                .containsEntry("provisioned_at", Timestamp.from(T1))
                .containsEntry("decommissioned_at", null)
                .containsEntry("last_position", position);
    }

    @Test
    void vmDecommissionedMarksTheVmAndKeepsItsHistory() {
        harness.publishAndAwait(provisioned("vm-dec", "db-1"), T1);

        long position = harness.publishAndAwait(new VmDecommissioned("vm-dec", "dc1", "dc1-h1"), T2);

        assertThat(row("vms", "vm-dec"))
                .containsEntry("name", "db-1")
                .containsEntry("state", "DECOMMISSIONED")
                .containsEntry("provisioned_at", Timestamp.from(T1))
                .containsEntry("decommissioned_at", Timestamp.from(T2))
                .containsEntry("last_position", position);
    }

    @Test
    void theSameEventDeliveredTwiceChangesNothing() throws Exception {
        long position = harness.nextPosition();
        EventMessage<?> original = event(provisioned("vm-dup", "web-2"), position, T1);
        harness.publish(original);
        assertThat(harness.progress().awaitApplied(position, ProjectionHarness.WAIT)).isTrue();
        Map<String, Object> before = row("vms", "vm-dup");
        long skippedBefore = harness.progress().skippedDuplicates();

        harness.publish(original);
        // Same position, different content: had it been applied, the row would show it.
        harness.publish(event(new VmProvisioned("vm-dup", "renamed", "dc2", "dc2-h9", "other", Environment.TEST, 16,
                65_536, null), position, T2));
        harness.publishAndAwait(new SiteRegistered("marker-dup", "after the duplicates", Platform.VMWARE), T2);

        assertThat(row("vms", "vm-dup")).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM vms WHERE id = 'vm-dup'", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM projection_applied_event WHERE global_position = ?", Long.class, position))
                .isEqualTo(1);
        assertThat(harness.progress().skippedDuplicates() - skippedBefore).isEqualTo(2);
    }

    @Test
    void aLateEventWithALowerPositionDoesNotUndoANewerChange() throws Exception {
        long late = harness.nextPosition();
        harness.publishAndAwait(provisioned("vm-late", "web-3"), T1);
        long decommissioned = harness.publishAndAwait(new VmDecommissioned("vm-late", "dc1", "dc1-h1"), T2);

        harness.publish(event(provisioned("vm-late", "stale"), late, T1));
        assertThat(harness.progress().awaitApplied(late, ProjectionHarness.WAIT)).isTrue();

        assertThat(row("vms", "vm-late"))
                .containsEntry("name", "web-3")
                .containsEntry("state", "DECOMMISSIONED")
                .containsEntry("last_position", decommissioned);
    }

    @Test
    void anEventOfUnknownTypeIsRecordedButChangesNoRows() {
        Map<String, Long> before = tableCounts();

        long position = harness.publishAndAwait(
                new UnknownEvent("dev.twinledger.api.future.VmResized", "{\"vmId\":\"vm-prov\",\"vcpus\":8}"), T1);

        assertThat(harness.progress().hasApplied(position)).isTrue();
        assertThat(jdbc.queryForObject(
                "SELECT event_type FROM projection_applied_event WHERE processor = ? AND global_position = ?",
                String.class, InventoryProjection.PROCESSOR, position))
                .isEqualTo("dev.twinledger.api.future.VmResized");
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void decommissioningAVmNeverSeenChangesNoRowsButIsRecorded() {
        Map<String, Long> before = tableCounts();

        long position = harness.publishAndAwait(new VmDecommissioned("vm-ghost", "dc1", "dc1-h1"), T2);

        assertThat(harness.progress().hasApplied(position)).isTrue();
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void tokenIsStoredInTheReadDatabase() {
        harness.publishAndAwait(new SiteRegistered("dc-token", "token check", Platform.VMWARE), T1);

        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM tokenentry WHERE processorname = ? AND token IS NOT NULL", Long.class,
                InventoryProjection.PROCESSOR)).isEqualTo(1);
    }

    private static VmProvisioned provisioned(String vmId, String name) {
        return new VmProvisioned(vmId, name, "dc1", "dc1-h1", "tenders", Environment.PROD, 2, 4096, null);
    }

    private static String text(String sql) {
        return jdbc.queryForObject(sql, String.class);
    }

    private static Map<String, Object> row(String table, String id) {
        return jdbc.queryForMap("SELECT * FROM " + table + " WHERE id = ?", id);
    }

    private static Map<String, Long> tableCounts() {
        return Map.of(
                "sites", jdbc.queryForObject("SELECT count(*) FROM sites", Long.class),
                "hosts", jdbc.queryForObject("SELECT count(*) FROM hosts", Long.class),
                "vms", jdbc.queryForObject("SELECT count(*) FROM vms", Long.class));
    }
}
