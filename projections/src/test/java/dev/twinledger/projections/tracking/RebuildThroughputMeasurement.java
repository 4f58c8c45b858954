package dev.twinledger.projections.tracking;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRenamed;
import dev.twinledger.api.inventory.VmResized;
import dev.twinledger.api.inventory.VmStarted;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Not a test: a repeatable measurement of how fast the read-model processor rebuilds from a full topic, without the
 * whole stack. Feeds {@code rebuild.events} (default 20,000) generated inventory events over a few hundred streams,
 * interleaved round-robin as concurrent clients write them, into a fresh database through the production processor
 * wiring (through a connection pool, as in the service), and prints events per second. Runs only when asked for:
 * {@code mvn -o -pl projections -am verify -Dtest=RebuildThroughputMeasurement -Drebuild.measure=true ...}; with
 * {@code -Drebuild.withoutSecondaryIndexes=true} the database has only its unique indexes (what they cost).
 * Asserts nothing about speed (speed is measured, never tested).
 */
@EnabledIfSystemProperty(named = "rebuild.measure", matches = "true")
class RebuildThroughputMeasurement {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final int HOSTS = 50;
    private static final int VMS = 250;

    @Test
    void rebuildsTheGeneratedTopic() throws InterruptedException {
        int total = Integer.getInteger("rebuild.events", 20_000);
        List<EventMessage<?>> events = generate(total);
        long last = events.size() + 1_000L;
        try (TestDatabase database = TestDatabase.createMigrated(RebuildThroughputMeasurement.class)) {
            if (Boolean.getBoolean("rebuild.withoutSecondaryIndexes")) {
                // What the read model's query indexes cost a rebuild: every index but the unique ones goes.
                new org.springframework.jdbc.core.JdbcTemplate(database.dataSource()).execute("""
                        DO $$ DECLARE r record; BEGIN
                          FOR r IN SELECT i.indexrelid::regclass AS idx FROM pg_index i
                                     JOIN pg_class c ON c.oid = i.indrelid
                                     JOIN pg_namespace n ON n.oid = c.relnamespace
                                    WHERE n.nspname = 'public' AND NOT i.indisunique LOOP
                            EXECUTE 'DROP INDEX ' || r.idx;
                          END LOOP;
                        END $$""");
            }
            HikariConfig pool = new HikariConfig();
            pool.setJdbcUrl(database.jdbcUrl());
            pool.setUsername(database.user());
            pool.setMaximumPoolSize(4);
            // -Drebuild.rewriteBatchedInserts=true: the driver sends a JDBC batch of INSERTs as multi-row INSERTs.
            pool.addDataSourceProperty("reWriteBatchedInserts",
                    System.getProperty("rebuild.rewriteBatchedInserts", "false"));
            long started = System.nanoTime();
            try (HikariDataSource dataSource = new HikariDataSource(pool);
                 ProjectionHarness harness = ProjectionHarness.start(dataSource, events)) {
                if (!harness.progress().awaitApplied(last, Duration.ofMinutes(10))) {
                    throw new AssertionError("the rebuild did not reach position " + last);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                // The processor starts within the measured time; with enough events (rebuild.events) it matters little.
                System.out.printf("REBUILD: %d events in %.2f s = %.0f events/s%n", events.size(), seconds,
                        events.size() / seconds);
            }
        }
    }

    /** Sites, hosts, VMs first, then VM lifecycle and host memory events round-robin over all streams. */
    private static List<EventMessage<?>> generate(int total) {
        Recorder topic = new Recorder();
        topic.add("dc1", new SiteRegistered("dc1", "Site 1", Platform.OPENSTACK));
        for (int h = 0; h < HOSTS; h++) {
            topic.add(host(h), new HostRegistered(host(h), "dc1", host(h), 64, 262_144, 8_192, 1.0, false));
        }
        for (int v = 0; v < VMS; v++) {
            topic.add(vm(v), new VmProvisioned(vm(v), "vm " + v, "dc1", host(v % HOSTS), "tenders", Environment.PROD,
                    2, 4_096, "os-" + v));
        }
        for (int round = 0; topic.size() < total; round++) {
            for (int v = 0; v < VMS && topic.size() < total; v++) {
                String vm = vm(v);
                String host = host(v % HOSTS);
                switch (round % 4) {
                    case 0 -> topic.add(vm, new VmStopped(vm, "dc1", host));
                    case 1 -> topic.add(vm, new VmResized(vm, "dc1", host, 4, 8_192, 2, 4_096));
                    case 2 -> topic.add(vm, new VmStarted(vm, "dc1", host));
                    default -> topic.add(vm, new VmRenamed(vm, "vm " + v + " r" + round, "vm " + v));
                }
                if (v % 5 == 0 && topic.size() < total) {
                    topic.add(host, new HostMemoryAllocated(host, "dc1", vm, 1_024, 1_024L * round, 262_144));
                }
            }
        }
        return topic.events;
    }

    private static String host(int h) {
        return "dc1-h" + h;
    }

    private static String vm(int v) {
        return "vm-" + v;
    }

    /** The topic in order: positions from 1001 up, sequence numbers per stream, one second apart. */
    private static final class Recorder {
        private final List<EventMessage<?>> events = new ArrayList<>();
        private final Map<String, Long> sequences = new java.util.HashMap<>();

        void add(String stream, Object payload) {
            long position = 1_001L + events.size();
            long sequence = sequences.merge(stream, 1L, Long::sum) - 1;
            events.add(new org.axonframework.eventhandling.GenericDomainEventMessage<>("Aggregate", stream, sequence,
                    new org.axonframework.messaging.GenericMessage<>(java.util.UUID.randomUUID().toString(), payload,
                            org.axonframework.messaging.MetaData.with(dev.twinledger.transport.EventEnvelope
                                    .GLOBAL_POSITION, position)),
                    () -> T0.plusSeconds(position)));
        }

        int size() {
            return events.size();
        }
    }
}
