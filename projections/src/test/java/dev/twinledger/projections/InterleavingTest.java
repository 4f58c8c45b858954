package dev.twinledger.projections;

import dev.twinledger.api.campaign.CampaignPhase;
import dev.twinledger.api.campaign.CampaignProgress;
import dev.twinledger.api.campaign.CampaignReport;
import dev.twinledger.api.campaign.CampaignState;
import dev.twinledger.api.campaign.UpgradeCampaignCompleted;
import dev.twinledger.api.campaign.UpgradeCampaignCreated;
import dev.twinledger.api.campaign.UpgradeCampaignStarted;
import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.ProjectRegistered;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmResized;
import dev.twinledger.api.inventory.VmRetagged;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.inventory.VolumeAttached;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.api.migration.MigrationStarted;
import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.api.storage.ReplicaStatusReported;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import dev.twinledger.transport.EventEnvelope;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events of different aggregates travel on different partitions, so the read model sees them in any interleaving
 * that keeps each stream's own order, and sees some of them twice. Whatever the interleaving and the redeliveries,
 * every read-model table must end up the same as when the events arrive in global order.
 */
class InterleavingTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<String> TABLES = List.of("sites", "projects", "hosts", "vms", "volumes", "containers",
            "container_replicas", "capacity_alerts", "migrations", "campaigns", "campaign_migration_failures",
            "resource_history", "site_capacity", "inventory_versions", "container_version_sites");

    @Test
    void everyInterleavingAcrossAggregatesWithRedeliveriesGivesTheSameReadModel() {
        List<EventMessage<?>> inGlobalOrder = scenario();

        Map<String, List<String>> expected = readModelAfter(inGlobalOrder);
        assertThat(expected.get("vms")).as("the scenario fills the tables").hasSize(2);
        assertThat(expected.get("resource_history")).hasSize(inGlobalOrder.size());

        for (long seed = 1; seed <= 2; seed++) {
            List<EventMessage<?>> shuffled = interleave(inGlobalOrder, new Random(seed));
            assertThat(shuffled).as("seed %d changes the order", seed).isNotEqualTo(inGlobalOrder);
            assertThat(readModelAfter(shuffled)).as("read model after interleaving %d", seed).isEqualTo(expected);
        }
    }

    /** One plausible history across sites, hosts, VMs, a volume, a container and a campaign, in global order. */
    private static List<EventMessage<?>> scenario() {
        Scenario s = new Scenario();
        s.add("Site", "dc1", new SiteRegistered("dc1", "Primary", Platform.OPENSTACK));
        s.add("Site", "dc2", new SiteRegistered("dc2", "Secondary", Platform.VMWARE));
        s.add("Project", "tenders", new ProjectRegistered("tenders", "Tenders", null));
        s.add("Host", "h1", new HostRegistered("h1", "dc1", "hv1", 16, 16_384, 0, 1.0, false));
        s.add("Host", "h2", new HostRegistered("h2", "dc2", "esx1", 16, 16_384, 0, 1.0, true));
        s.add("VirtualMachine", "vm-1", new VmProvisioned("vm-1", "web", "dc1", "h1", "tenders", Environment.PROD,
                2, 4_096, "os-1"));
        s.add("Host", "h1", new HostMemoryAllocated("h1", "dc1", "vm-1", 4_096, 4_096, 16_384));
        s.add("VirtualMachine", "vm-2", new VmProvisioned("vm-2", "db", "dc1", "h1", "tenders", Environment.PROD,
                4, 10_240, null));
        s.add("Host", "h1", new HostMemoryAllocated("h1", "dc1", "vm-2", 10_240, 14_336, 16_384));
        s.add("Host", "h1", new CapacityAlertRaised("h1:1", "h1", "dc1", AlertSeverity.WARNING, 14_336, 16_384,
                87.5, 80.0));
        s.add("Volume", "vol-1", new VolumeCreated("vol-1", "data", "dc1", "tenders", 50));
        s.add("Volume", "vol-1", new VolumeAttached("vol-1", "vm-1", "dc1"));
        s.add("VirtualMachine", "vm-1", new VmVolumeAttached("vm-1", "vol-1"));
        s.add("UpgradeCampaign", "camp", new UpgradeCampaignCreated("camp", "Upgrade", "dc1", List.of("h1"),
                List.of(), "2023.1", 2, 60, progress(CampaignState.CREATED, CampaignPhase.PENDING, 0, 0)));
        s.add("UpgradeCampaign", "camp", new UpgradeCampaignStarted("camp",
                progress(CampaignState.RUNNING, CampaignPhase.EVACUATING, 1, 0)));
        s.add("VirtualMachine", "vm-1", new MigrationRequested("m-1", "vm-1", MigrationKind.CROSS_PLATFORM, "dc1",
                "h1", Platform.OPENSTACK, "dc2", "h2", Platform.VMWARE, 4_096, "camp"));
        s.add("Host", "h2", new HostMemoryAllocated("h2", "dc2", "vm-1", 4_096, 4_096, 16_384));
        s.add("VirtualMachine", "vm-1", new MigrationStarted("m-1", "vm-1", "camp"));
        s.add("VirtualMachine", "vm-1", new MigrationCompleted("m-1", "vm-1", MigrationKind.CROSS_PLATFORM, "dc1",
                "h1", "dc2", "h2", "os-1", "vm-99", "camp"));
        s.add("Host", "h1", new HostMemoryReleased("h1", "dc1", "vm-1", 4_096, 10_240, 16_384));
        s.add("Host", "h1", new CapacityAlertCleared("h1:1", "h1", "dc1", AlertSeverity.WARNING, 10_240, 16_384,
                62.5));
        s.add("VirtualMachine", "vm-2", new VmStopped("vm-2", "dc1", "h1"));
        s.add("VirtualMachine", "vm-2", new VmResized("vm-2", "dc1", "h1", 2, 8_192, 4, 10_240));
        s.add("Host", "h1", new HostMemoryReleased("h1", "dc1", "vm-2", 2_048, 8_192, 16_384));
        s.add("VirtualMachine", "vm-1", new VmRetagged("vm-1", Map.of("tier", "web")));
        s.add("Container", "c-1", new ContainerCreated("c-1", "docs", "tenders", Set.of("dc1", "dc2")));
        s.add("Container", "c-1", new ReplicaStatusReported("c-1", "dc2", ReplicaStatus.LAGGING,
                ReplicaStatus.UNKNOWN, "10 objects behind"));
        s.add("UpgradeCampaign", "camp", new UpgradeCampaignCompleted("camp", new CampaignReport(1, 1, 0, 0, 0,
                List.of("h1"), Map.of(), T, T.plusSeconds(60), 60),
                progress(CampaignState.COMPLETED, CampaignPhase.DONE, 1, 1)));
        return s.events;
    }

    /** A random merge of the streams that keeps each stream's order, with about a fifth delivered twice. */
    private static List<EventMessage<?>> interleave(List<EventMessage<?>> events, Random random) {
        Map<String, List<EventMessage<?>>> streams = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            streams.computeIfAbsent(((DomainEventMessage<?>) event).getAggregateIdentifier(), id -> new ArrayList<>())
                    .add(event);
        }
        List<List<EventMessage<?>>> pending = new ArrayList<>(streams.values().stream()
                .map(ArrayList::new).toList());
        List<EventMessage<?>> merged = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<EventMessage<?>> stream = pending.get(random.nextInt(pending.size()));
            EventMessage<?> next = stream.remove(0);
            merged.add(next);
            if (random.nextInt(5) == 0) {
                merged.add(merged.get(random.nextInt(merged.size())));
            }
            if (stream.isEmpty()) {
                pending.remove(stream);
            }
        }
        return merged;
    }

    private static Map<String, List<String>> readModelAfter(List<EventMessage<?>> delivery) {
        try (TestDatabase database = TestDatabase.createMigrated(InterleavingTest.class);
             ProjectionHarness harness = ProjectionHarness.start(database.dataSource())) {
            delivery.forEach(harness::publish);
            delivery.forEach(event -> harness.await(
                    ((Number) event.getMetaData().get(EventEnvelope.GLOBAL_POSITION)).longValue()));
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            Map<String, List<String>> tables = new LinkedHashMap<>();
            for (String table : TABLES) {
                tables.put(table, jdbc.queryForList("SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY 1",
                        String.class));
            }
            return tables;
        }
    }

    private static CampaignProgress progress(CampaignState state, CampaignPhase phase, int requested,
                                             int succeeded) {
        return new CampaignProgress(state, null, Map.of("h1", phase), requested, succeeded, 0, 0,
                requested - succeeded);
    }

    /** Builds events on streams, numbering global positions and each stream's sequence as the event store does. */
    private static final class Scenario {
        private final List<EventMessage<?>> events = new ArrayList<>();
        private final Map<String, Long> sequences = new LinkedHashMap<>();

        void add(String type, String aggregateId, Object payload) {
            long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
            long position = events.size() + 1;
            Instant storedAt = T.plusSeconds(position);
            events.add(new GenericDomainEventMessage<>(type, aggregateId, sequence,
                    new GenericMessage<>(UUID.randomUUID().toString(), payload,
                            MetaData.with(EventEnvelope.GLOBAL_POSITION, position)), () -> storedAt));
        }
    }
}
