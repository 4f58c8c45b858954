package dev.twinledger.projections.capacity;

import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.api.inventory.HostDecommissioned;
import dev.twinledger.api.inventory.HostMaintenanceStarted;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.twinledger.projections.testing.ProjectionHarness.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Host memory and capacity alerts behind the real processor on a real PostgreSQL: totals are set from the events,
 * never summed, so neither redelivery nor stale events can drive capacity below zero.
 */
class CapacityProjectionTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-01T11:00:00Z");

    private static TestDatabase database;
    private static ProjectionHarness harness;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        database = TestDatabase.createMigrated(CapacityProjectionTest.class);
        harness = ProjectionHarness.start(database.dataSource());
        jdbc = new JdbcTemplate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        harness.close();
        database.close();
    }

    @Test
    void memoryEventsSetTheHostTotals() {
        harness.publishAndAwait(new HostRegistered("a-h1", "a-dc", "hv", 16, 65_536, 1_024, 1.0, false), T1);

        harness.publishAndAwait(new HostMemoryAllocated("a-h1", "a-dc", "vm-1", 8_192, 8_192, 64_512), T1);
        long last = harness.publishAndAwait(
                new HostMemoryAllocated("a-h1", "a-dc", "vm-2", 4_096, 12_288, 64_512), T1);
        assertThat(host("a-h1"))
                .containsEntry("allocated_mib", 12_288L)
                .containsEntry("capacity_mib", 64_512L)
                .containsEntry("free_mib", 52_224L)
                .containsEntry("memory_mib", 65_536L)
                .containsEntry("reserved_memory_mib", 1_024L)
                .containsEntry("last_position", last);

        harness.publishAndAwait(new HostMemoryReleased("a-h1", "a-dc", "vm-1", 8_192, 4_096, 64_512), T2);
        assertThat(host("a-h1")).containsEntry("allocated_mib", 4_096L).containsEntry("free_mib", 60_416L);
    }

    @Test
    void aStaleMemoryEventDoesNotUndoANewerTotal() {
        harness.publishAndAwait(new HostRegistered("b-h1", "b-dc", "hv", 16, 32_768, 0, 1.0, false), T1);
        long stale = harness.nextPosition();
        harness.publishAndAwait(new HostMemoryAllocated("b-h1", "b-dc", "vm-1", 8_192, 8_192, 32_768), T1);
        long newest = harness.publishAndAwait(new HostMemoryReleased("b-h1", "b-dc", "vm-1", 8_192, 0, 32_768), T1);

        harness.publish(event(new HostMemoryAllocated("b-h1", "b-dc", "vm-9", 32_768, 32_768, 32_768), stale, T1));
        harness.await(stale);

        assertThat(host("b-h1")).containsEntry("allocated_mib", 0L).containsEntry("free_mib", 32_768L)
                .containsEntry("last_position", newest);
    }

    @Test
    void capacityNeverGoesNegativeThroughMovesRedeliveriesAndStaleEvents() {
        harness.publishAndAwait(new SiteRegistered("n-dc", "Neg", Platform.OPENSTACK), T1);
        List<String> hosts = List.of("n-h1", "n-h2", "n-h3");
        long capacity = 16_384;
        for (String host : hosts) {
            harness.publishAndAwait(new HostRegistered(host, "n-dc", host, 8, capacity, 0, 1.0, false), T1);
        }
        // A command side that never overbooks: VMs of 1-4 GiB placed and released only where they fit, each
        // host's events carrying its totals after the change, as HostMemoryAllocated/-Released promise.
        Random random = new Random(42);
        Map<String, Long> allocated = new HashMap<>(Map.of("n-h1", 0L, "n-h2", 0L, "n-h3", 0L));
        Map<String, Map.Entry<String, Long>> vms = new HashMap<>();
        List<EventMessage<?>> delivered = new ArrayList<>();
        int steps = 0;
        for (int step = 0; step < 60; step++) {
            String vm = "n-vm-" + random.nextInt(12);
            Map.Entry<String, Long> placed = vms.get(vm);
            Object change;
            if (placed != null) {
                String from = placed.getKey();
                long total = allocated.merge(from, -placed.getValue(), Long::sum);
                change = new HostMemoryReleased(from, "n-dc", vm, placed.getValue(), total, capacity);
                vms.remove(vm);
            } else {
                String target = hosts.get(random.nextInt(hosts.size()));
                long memory = 1_024L * (1 + random.nextInt(4));
                if (allocated.get(target) + memory > capacity) {
                    continue;
                }
                long total = allocated.merge(target, memory, Long::sum);
                change = new HostMemoryAllocated(target, "n-dc", vm, memory, total, capacity);
                vms.put(vm, Map.entry(target, memory));
            }
            steps++;
            long position = harness.nextPosition();
            EventMessage<?> message = event(change, position, T1);
            harness.publish(message);
            delivered.add(message);
            if (random.nextInt(4) == 0) {
                // At-least-once: an earlier event delivered again, after newer ones of the same host.
                harness.publish(delivered.get(random.nextInt(delivered.size())));
            }
            if (random.nextInt(4) == 0) {
                // An old event under a position of its own (as a replay might bring it): older than the row.
                EventMessage<?> old = delivered.get(random.nextInt(delivered.size()));
                harness.publish(event(old.getPayload(), ((Number) old.getMetaData().get("globalPosition")).longValue()
                        - 1_000_000, T1));
            }
            harness.await(position);

            assertThat(jdbc.queryForMap("""
                    SELECT min(h.free_mib) AS host_free, min(h.allocated_mib) AS host_allocated,
                           min(s.free_mib) AS site_free
                      FROM hosts h JOIN site_capacity s ON s.site_id = h.site_id WHERE h.site_id = 'n-dc'"""))
                    .as("after step %d", step)
                    .allSatisfy((column, value) -> assertThat((Long) value).as(column).isNotNegative());
        }
        assertThat(steps).as("the scenario moved memory").isGreaterThan(30);
        for (String host : hosts) {
            assertThat(host(host)).as(host).containsEntry("allocated_mib", allocated.get(host))
                    .containsEntry("free_mib", capacity - allocated.get(host));
        }
        assertThat(site("n-dc")).containsEntry("allocated_mib",
                allocated.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void siteCapacitySumsTheHostsThatAreNotDecommissioned() {
        // The hosts' streams may arrive before the site's: the site shows up at once, named once it arrives.
        harness.publishAndAwait(new HostRegistered("s-h1", "s-dc", "hv1", 8, 65_536, 2_048, 1.0, false), T1);
        harness.publishAndAwait(new HostRegistered("s-h2", "s-dc", "hv2", 8, 32_768, 0, 2.0, true), T1);
        harness.publishAndAwait(new HostRegistered("s-h3", "s-dc", "hv3", 8, 32_768, 0, 1.0, false), T1);
        harness.publishAndAwait(new HostMemoryAllocated("s-h1", "s-dc", "vm-1", 10_000, 10_000, 63_488), T1);
        harness.publishAndAwait(new HostMemoryAllocated("s-h2", "s-dc", "vm-2", 5_000, 5_000, 65_536), T1);
        harness.publishAndAwait(new HostMaintenanceStarted("s-h2", "s-dc"), T1);
        harness.publishAndAwait(new HostDecommissioned("s-h3", "s-dc"), T1);
        assertThat(site("s-dc")).containsEntry("site_name", null).containsEntry("hosts", 2L);

        harness.publishAndAwait(new SiteRegistered("s-dc", "Second", Platform.VMWARE), T1);

        assertThat(site("s-dc"))
                .containsEntry("site_name", "Second")
                .containsEntry("platform", "VMWARE")
                .containsEntry("hosts", 2L)
                .containsEntry("active_hosts", 1L)
                .containsEntry("maintenance_hosts", 1L)
                .containsEntry("temporary_hosts", 1L)
                .containsEntry("physical_mib", 98_304L)
                .containsEntry("reserved_mib", 2_048L)
                .containsEntry("capacity_mib", 129_024L)
                .containsEntry("allocated_mib", 15_000L)
                .containsEntry("free_mib", 114_024L)
                .containsEntry("free_on_active_mib", 53_488L);
    }

    @Test
    void anAlertIsRaisedThenClearedWithBothMoments() {
        long raised = harness.publishAndAwait("c-h1",
                new CapacityAlertRaised("c-h1:1", "c-h1", "c-dc", AlertSeverity.WARNING, 52_000, 64_000, 81.25, 80.0),
                T1);
        assertThat(alert("c-h1:1"))
                .containsEntry("state", "OPEN")
                .containsEntry("severity", "WARNING")
                .containsEntry("host_id", "c-h1")
                .containsEntry("site_id", "c-dc")
                .containsEntry("threshold_percent", 80.0)
                .containsEntry("raised_allocated_mib", 52_000L)
                .containsEntry("raised_utilization_percent", 81.25)
                .containsEntry("raised_at", Timestamp.from(T1))
                .containsEntry("raised_position", raised)
                .containsEntry("cleared_at", null);

        long cleared = harness.publishAndAwait("c-h1",
                new CapacityAlertCleared("c-h1:1", "c-h1", "c-dc", AlertSeverity.WARNING, 40_000, 64_000, 62.5), T2);

        assertThat(alert("c-h1:1"))
                .containsEntry("state", "CLEARED")
                .containsEntry("raised_position", raised)
                .containsEntry("cleared_allocated_mib", 40_000L)
                .containsEntry("cleared_capacity_mib", 64_000L)
                .containsEntry("cleared_utilization_percent", 62.5)
                .containsEntry("cleared_at", Timestamp.from(T2))
                .containsEntry("cleared_position", cleared);
    }

    @Test
    void escalatingClearsTheWarningAndOpensACriticalAlert() {
        harness.publishAndAwait("d-h1",
                new CapacityAlertRaised("d-h1:1", "d-h1", "d-dc", AlertSeverity.WARNING, 52_000, 64_000, 81.25, 80.0),
                T1);
        harness.publishAndAwait("d-h1",
                new CapacityAlertCleared("d-h1:1", "d-h1", "d-dc", AlertSeverity.WARNING, 62_000, 64_000, 96.9), T2);
        harness.publishAndAwait("d-h1",
                new CapacityAlertRaised("d-h1:2", "d-h1", "d-dc", AlertSeverity.CRITICAL, 62_000, 64_000, 96.9, 95.0),
                T2);

        assertThat(jdbc.queryForList(
                "SELECT id, severity FROM capacity_alerts WHERE host_id = 'd-h1' AND state = 'OPEN'"))
                .containsExactly(Map.of("id", "d-h1:2", "severity", "CRITICAL"));
        assertThat(alert("d-h1:1")).containsEntry("state", "CLEARED");
    }

    @Test
    void aRaiseDeliveredAgainAfterItsClearDoesNotReopenTheAlert() {
        long raisedAt = harness.nextPosition();
        EventMessage<?> raise = event(
                new CapacityAlertRaised("e-h1:1", "e-h1", "e-dc", AlertSeverity.WARNING, 52_000, 64_000, 81.25, 80.0),
                raisedAt, T1);
        harness.publish(raise);
        harness.await(raisedAt);
        long cleared = harness.publishAndAwait("e-h1",
                new CapacityAlertCleared("e-h1:1", "e-h1", "e-dc", AlertSeverity.WARNING, 1_000, 64_000, 1.6), T2);

        harness.publish(raise);
        // The same raise under a position of its own, as a replay from a rebuilt topic might bring it.
        long replayed = harness.nextPosition();
        harness.publish(event(raise.getPayload(), replayed, T1));
        harness.await(replayed);

        assertThat(alert("e-h1:1")).containsEntry("state", "CLEARED").containsEntry("cleared_position", cleared);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM capacity_alerts WHERE host_id = 'e-h1'", Long.class))
                .isEqualTo(1);
    }

    private static Map<String, Object> host(String id) {
        return jdbc.queryForMap("SELECT * FROM hosts WHERE id = ?", id);
    }

    private static Map<String, Object> site(String id) {
        return jdbc.queryForMap("SELECT * FROM site_capacity WHERE site_id = ?", id);
    }

    private static Map<String, Object> alert(String id) {
        return jdbc.queryForMap("SELECT * FROM capacity_alerts WHERE id = ?", id);
    }
}
