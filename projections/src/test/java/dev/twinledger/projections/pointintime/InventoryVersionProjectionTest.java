package dev.twinledger.projections.pointintime;

import dev.twinledger.api.access.GroupCreated;
import dev.twinledger.api.campaign.CampaignPhase;
import dev.twinledger.api.campaign.CampaignProgress;
import dev.twinledger.api.campaign.CampaignState;
import dev.twinledger.api.campaign.UpgradeCampaignCreated;
import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRenamed;
import dev.twinledger.api.inventory.VmResized;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.api.migration.MigrationStarted;
import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.api.storage.ReplicaPolicyChanged;
import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.api.storage.ReplicaStatusReported;
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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event of an inventory resource's stream becomes one version row with the resource's whole state after it and
 * the interval that state lasted; each row exactly once, whatever is delivered twice.
 */
class InventoryVersionProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Instant T3 = T0.plusSeconds(180);

    private static TestDatabase database;
    private static ProjectionHarness harness;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        database = TestDatabase.createMigrated(InventoryVersionProjectionTest.class);
        harness = ProjectionHarness.start(database.dataSource());
        jdbc = new JdbcTemplate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        harness.close();
        database.close();
    }

    @Test
    void aVmsVersionsFollowItsStreamAcrossAMigrationToAnotherSite() {
        long provisioned = harness.publishAndAwait(new VmProvisioned("vm-v", "web", "dc1", "dc1-h1", "tenders",
                Environment.PROD, 2, 4_096, "os-1"), T0);
        harness.publishAndAwait(new VmResized("vm-v", "dc1", "dc1-h1", 4, 8_192, 2, 4_096), T1);
        harness.publishAndAwait("vm-v", new MigrationRequested("m-1", "vm-v", MigrationKind.CROSS_PLATFORM, "dc1",
                "dc1-h1", Platform.OPENSTACK, "dc2", "dc2-h1", Platform.VMWARE, 8_192, null), T2);
        harness.publishAndAwait("vm-v", new MigrationStarted("m-1", "vm-v", null), T2);
        long completed = harness.publishAndAwait("vm-v", new MigrationCompleted("m-1", "vm-v",
                MigrationKind.CROSS_PLATFORM, "dc1", "dc1-h1", "dc2", "dc2-h1", "os-1", "vm-77", null), T3);

        List<Map<String, Object>> versions = versions("vm-v");
        assertThat(versions).extracting(v -> v.get("sequence_number")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(versions).extracting(v -> v.get("resource_type")).containsOnly("vm");
        assertThat(versions).extracting(v -> v.get("valid_from")).containsExactly(ts(T0), ts(T1), ts(T2), ts(T2),
                ts(T3));
        assertThat(versions).extracting(v -> v.get("valid_to")).containsExactly(ts(T1), ts(T2), ts(T2), ts(T3),
                null);
        assertThat(versions).extracting(v -> v.get("site_id")).containsExactly("dc1", "dc1", "dc1", "dc1", "dc2");
        assertThat(versions).extracting(v -> v.get("host_id"))
                .containsExactly("dc1-h1", "dc1-h1", "dc1-h1", "dc1-h1", "dc2-h1");
        assertThat(versions).extracting(v -> v.get("migration_state"))
                .containsExactly(null, null, "REQUESTED", "IN_PROGRESS", null);
        assertThat(versions.get(0)).containsEntry("from_position", provisioned)
                .containsEntry("event_type", VmProvisioned.class.getName())
                .containsEntry("project", "tenders").containsEntry("environment", "PROD")
                .containsEntry("state", "ACTIVE").containsEntry("memory", "4096");
        assertThat(versions.get(1)).containsEntry("memory", "8192");
        assertThat(versions.get(4)).containsEntry("from_position", completed)
                .containsEntry("platform_id", "vm-77").containsEntry("memory", "8192");
    }

    @Test
    void theSameEventAppliedTwiceStraightToTheHandlerWritesOneVersionAndKeepsTheInterval() {
        InventoryVersionProjection projection = new InventoryVersionProjection(database.dataSource());
        EventMessage<?> registered = harness.onStream("Site", "dc-twice",
                new SiteRegistered("dc-twice", "Twice", Platform.VMWARE), harness.nextPosition(), T0, Map.of());
        EventMessage<?> later = harness.onStream("Site", "dc-twice",
                new UnknownEvent("dev.twinledger.api.future.SiteRenamed", "{}"), harness.nextPosition(), T1,
                Map.of());
        projection.on(registered.getPayload(), registered);
        projection.on(later.getPayload(), later);
        List<Map<String, Object>> once = versions("dc-twice");

        projection.on(registered.getPayload(), registered);
        projection.on(later.getPayload(), later);
        projection.on(registered.getPayload(), registered);

        assertThat(versions("dc-twice")).isEqualTo(once).hasSize(2);
        assertThat(once.get(0)).containsEntry("valid_to", ts(T1));
        assertThat(once.get(1)).containsEntry("valid_to", null)
                .containsEntry("event_type", "dev.twinledger.api.future.SiteRenamed");
    }

    @Test
    void aRedeliveryThroughTheProcessorAfterLaterEventsChangesNothing() {
        EventMessage<?> provisioned = harness.onStream("VirtualMachine", "vm-r", new VmProvisioned("vm-r", "db",
                "dc1", "dc1-h1", "tenders", Environment.DEV, 1, 1_024, null), harness.nextPosition(), T0, Map.of());
        harness.publish(provisioned);
        long renamed = harness.publishAndAwait(new VmRenamed("vm-r", "db-1", "db"), T1);
        List<Map<String, Object>> before = versions("vm-r");

        harness.publish(provisioned);
        long stopped = harness.publishAndAwait(new VmStopped("vm-r", "dc1", "dc1-h1"), T2);

        List<Map<String, Object>> after = versions("vm-r");
        assertThat(after).hasSize(3);
        assertThat(after.subList(0, 1)).isEqualTo(before.subList(0, 1));
        assertThat(after.get(1)).containsEntry("from_position", renamed).containsEntry("valid_to", ts(T2))
                .containsEntry("name", "db-1");
        assertThat(after.get(2)).containsEntry("from_position", stopped).containsEntry("state", "SHUTOFF");
    }

    @Test
    void aTimestampThatGoesBackwardsIsClampedToThePreviousVersionsStart() {
        harness.publishAndAwait(new HostRegistered("h-clock", "dc1", "hv", 8, 16_384, 0, 1.0, false), T2);
        harness.publishAndAwait(new HostMemoryAllocated("h-clock", "dc1", "vm-x", 1_024, 1_024, 16_384), T1);

        List<Map<String, Object>> versions = versions("h-clock");
        assertThat(versions).extracting(v -> v.get("valid_from")).containsExactly(ts(T2), ts(T2));
        assertThat(versions.get(0)).containsEntry("valid_to", ts(T2));
        assertThat(versions.get(1)).containsEntry("valid_to", null);
    }

    @Test
    void aHostsMemoryAndOpenAlertAreInItsState() {
        harness.publishAndAwait(new HostRegistered("h-mem", "dc2", "esx", 16, 65_536, 1_024, 1.5, true), T0);
        harness.publishAndAwait(new HostMemoryAllocated("h-mem", "dc2", "vm-1", 80_000, 80_000, 96_768), T1);
        harness.publishAndAwait("h-mem", new CapacityAlertRaised("h-mem:1", "h-mem", "dc2",
                AlertSeverity.WARNING, 80_000, 96_768, 82.67, 80.0), T1);
        harness.publishAndAwait("h-mem", new CapacityAlertCleared("h-mem:1", "h-mem", "dc2",
                AlertSeverity.WARNING, 0, 96_768, 0.0), T2);

        List<String> states = jdbc.queryForList("""
                SELECT concat_ws(' ', attributes->>'capacityMib', attributes->>'allocatedMib',
                                 attributes->>'openAlertId', attributes->>'temporary')
                  FROM inventory_versions WHERE resource_id = 'h-mem' ORDER BY sequence_number""", String.class);
        assertThat(states).containsExactly("96768 0 true", "96768 80000 true", "96768 80000 h-mem:1 true",
                "96768 80000 true");
        assertThat(jdbc.queryForList("SELECT site_id FROM inventory_versions WHERE resource_id = 'h-mem'",
                String.class)).containsOnly("dc2");
    }

    @Test
    void aContainersReplicaSitesHaveTheIntervalsOfItsVersions() {
        harness.publishAndAwait(new ContainerCreated("c-v", "docs", "tenders", Set.of("dc2", "dc1")), T0);
        harness.publishAndAwait(new ReplicaStatusReported("c-v", "dc2", ReplicaStatus.LAGGING, ReplicaStatus.UNKNOWN,
                "3 behind"), T1);
        harness.publishAndAwait(new ReplicaPolicyChanged("c-v", Set.of("dc2", "dc3"), Set.of("dc1", "dc2")), T2);

        assertThat(jdbc.queryForList("""
                SELECT concat_ws(' ', sequence_number, site_id, valid_to IS NULL) FROM container_version_sites
                 WHERE container_id = 'c-v' ORDER BY 1""", String.class))
                .containsExactly("0 dc1 f", "0 dc2 f", "1 dc1 f", "1 dc2 f", "2 dc2 t", "2 dc3 t");
        assertThat(jdbc.queryForObject("""
                SELECT attributes->'replicas' FROM inventory_versions
                 WHERE resource_id = 'c-v' AND sequence_number = 2""", String.class))
                .isEqualTo("[{\"detail\": \"3 behind\", \"siteId\": \"dc2\", \"status\": \"LAGGING\"}, "
                        + "{\"detail\": null, \"siteId\": \"dc3\", \"status\": \"UNKNOWN\"}]");
        assertThat(versions("c-v")).extracting(v -> v.get("project")).containsOnly("tenders");
        assertThat(versions("c-v")).extracting(v -> v.get("site_id")).containsOnly((Object) null);
    }

    @Test
    void streamsThatAreNoInventoryResourceAndEventsOfAnUnseenResourceLeaveNoVersion() {
        harness.publishAndAwait(new UpgradeCampaignCreated("camp-v", "Upgrade", "dc1", List.of("h1"), List.of(),
                "2023.1", 2, 60, new CampaignProgress(CampaignState.CREATED, null, Map.of("h1", CampaignPhase.PENDING),
                        0, 0, 0, 0, 0)), T0);
        harness.publishAndAwait("access-directory", new GroupCreated("ops", "operators", "root"), T0);
        harness.publishAndAwait(new UnknownEvent("dev.twinledger.api.future.CampaignAborted", "{}"), T0);
        // Its VmProvisioned never reached this read model: nothing to apply a rename to.
        harness.publishAndAwait(new VmRenamed("vm-missing", "x", "y"), T1);

        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM inventory_versions
                 WHERE resource_id IN ('camp-v', 'access-directory', 'no-stream', 'vm-missing')""", Long.class))
                .isZero();
    }

    private static List<Map<String, Object>> versions(String resourceId) {
        return jdbc.queryForList("""
                SELECT sequence_number, resource_type, valid_from, valid_to, from_position, event_id, event_type,
                       site_id, project, environment, state, host_id, attributes->>'name' AS name,
                       attributes->>'memoryMib' AS memory, attributes->>'platformId' AS platform_id,
                       attributes->'migration'->>'state' AS migration_state
                  FROM inventory_versions WHERE resource_id = ? ORDER BY sequence_number""", resourceId);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
