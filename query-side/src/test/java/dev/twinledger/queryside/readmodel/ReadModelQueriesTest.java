package dev.twinledger.queryside.readmodel;

import dev.twinledger.api.campaign.CampaignPhase;
import dev.twinledger.api.campaign.CampaignProgress;
import dev.twinledger.api.campaign.CampaignReport;
import dev.twinledger.api.campaign.CampaignState;
import dev.twinledger.api.campaign.CampaignMigrationFailed;
import dev.twinledger.api.campaign.PlannedMove;
import dev.twinledger.api.campaign.UpgradeCampaignCompleted;
import dev.twinledger.api.campaign.UpgradeCampaignCreated;
import dev.twinledger.api.campaign.UpgradeCampaignStarted;
import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostDecommissioned;
import dev.twinledger.api.inventory.HostMaintenanceStarted;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.ProjectRegistered;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRetagged;
import dev.twinledger.api.inventory.VmState;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.inventory.VolumeAttached;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.inventory.VolumeState;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationFailed;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.api.migration.MigrationState;
import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.api.storage.ReplicaStatusReported;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.testing.TestDatabase;
import dev.twinledger.queryside.campaign.CampaignDetailView;
import dev.twinledger.queryside.campaign.CampaignQueries;
import dev.twinledger.queryside.capacity.AlertFilter;
import dev.twinledger.queryside.capacity.AlertView;
import dev.twinledger.queryside.capacity.CapacityQueries;
import dev.twinledger.queryside.capacity.HostCapacityView;
import dev.twinledger.queryside.capacity.SiteCapacityView;
import dev.twinledger.queryside.history.HistoryEntryView;
import dev.twinledger.queryside.history.HistoryQueries;
import dev.twinledger.queryside.inventory.HostDetailView;
import dev.twinledger.queryside.inventory.HostFilter;
import dev.twinledger.queryside.inventory.HostView;
import dev.twinledger.queryside.inventory.InventoryQueries;
import dev.twinledger.queryside.inventory.VmDetailView;
import dev.twinledger.queryside.inventory.VmFilter;
import dev.twinledger.queryside.inventory.VmView;
import dev.twinledger.queryside.inventory.VolumeFilter;
import dev.twinledger.queryside.inventory.VolumeView;
import dev.twinledger.queryside.migration.MigrationFilter;
import dev.twinledger.queryside.migration.MigrationQueries;
import dev.twinledger.queryside.migration.MigrationView;
import dev.twinledger.queryside.storage.ContainerFilter;
import dev.twinledger.queryside.storage.ContainerQueries;
import dev.twinledger.queryside.storage.ContainerView;
import dev.twinledger.queryside.storage.ReplicaView;
import dev.twinledger.queryside.web.PageView;
import dev.twinledger.queryside.web.SortOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The query classes' SQL against a real PostgreSQL holding a read model that the real projections built from a
 * small two-site estate: filters, sort orders, paging, relations and sums, as the API answers them.
 */
class ReadModelQueriesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private static TestDatabase database;
    private static InventoryQueries inventory;
    private static CapacityQueries capacity;
    private static MigrationQueries migrations;
    private static CampaignQueries campaigns;
    private static ContainerQueries containers;
    private static HistoryQueries history;

    @BeforeAll
    static void buildTheReadModel() {
        database = TestDatabase.createMigrated(ReadModelQueriesTest.class);
        try (ProjectionHarness harness = ProjectionHarness.start(database.dataSource())) {
            Estate estate = new Estate(harness);
            estate.site("dc1", Platform.OPENSTACK).site("dc2", Platform.VMWARE)
                    .event(new ProjectRegistered("tenders", "Tenders", "the portal"))
                    .event(new ProjectRegistered("billing", "Billing", null))
                    .host("dc1-h1", "dc1", 65_536, 2_048, false)
                    .host("dc1-h2", "dc1", 32_768, 0, true)
                    .host("dc1-h3", "dc1", 32_768, 0, false)
                    .host("dc1-h4", "dc1", 32_768, 0, false)
                    .host("dc2-h1", "dc2", 131_072, 0, false)
                    .event(new HostMaintenanceStarted("dc1-h3", "dc1"))
                    .event(new HostDecommissioned("dc1-h4", "dc1"))
                    .vm("vm-a", "alpha", "dc1", "dc1-h1", "tenders", Environment.PROD, 8_192, 0)
                    .vm("vm-b", "bravo", "dc1", "dc1-h1", "tenders", Environment.TEST, 4_096, 8_192)
                    .vm("vm-c", "charlie", "dc1", "dc1-h2", "billing", Environment.PROD, 8_192, 0)
                    .vm("vm-d", "delta", "dc2", "dc2-h1", "billing", Environment.DEV, 2_048, 0)
                    .vm("vm-e", "echo", "dc1", "dc1-h1", "tenders", Environment.PROD, 16_384, 12_288)
                    .event(new VmStopped("vm-b", "dc1", "dc1-h1"))
                    .event(new VmRetagged("vm-a", Map.of("tier", "web", "owner", "team-a")))
                    .event(new VmRetagged("vm-c", Map.of("tier", "web")))
                    .event(new VmRetagged("vm-e", Map.of("tier", "db", "owner", "team-a")))
                    .event(new VolumeCreated("vol-2", "logs", "dc1", "tenders", 20))
                    .event(new VolumeCreated("vol-1", "data", "dc1", "tenders", 100))
                    .event(new VolumeAttached("vol-2", "vm-a", "dc1"))
                    .event(new VmVolumeAttached("vm-a", "vol-2"))
                    .event(new VolumeAttached("vol-1", "vm-a", "dc1"))
                    .event(new VmVolumeAttached("vm-a", "vol-1"))
                    .on("dc1-h1", new CapacityAlertRaised("dc1-h1:1", "dc1-h1", "dc1", AlertSeverity.WARNING,
                            28_672, 63_488, 45.16, 40.0))
                    .on("dc1-h2", new CapacityAlertRaised("dc1-h2:1", "dc1-h2", "dc1", AlertSeverity.CRITICAL,
                            8_192, 32_768, 25.0, 20.0))
                    .on("dc1-h2", new CapacityAlertCleared("dc1-h2:1", "dc1-h2", "dc1", AlertSeverity.CRITICAL,
                            0, 32_768, 0.0))
                    .on("vm-a", new MigrationRequested("m-1", "vm-a", MigrationKind.CROSS_PLATFORM, "dc1", "dc1-h1",
                            Platform.OPENSTACK, "dc2", "dc2-h1", Platform.VMWARE, 8_192, "camp-1"))
                    .event(new HostMemoryAllocated("dc2-h1", "dc2", "vm-a", 8_192, 10_240, 131_072))
                    .on("vm-a", new MigrationCompleted("m-1", "vm-a", MigrationKind.CROSS_PLATFORM, "dc1", "dc1-h1",
                            "dc2", "dc2-h1", null, "vmw-1", "camp-1"))
                    .event(new HostMemoryReleased("dc1-h1", "dc1", "vm-a", 8_192, 20_480, 63_488))
                    .on("vm-c", new MigrationRequested("m-1", "vm-c", MigrationKind.HOST_TO_HOST, "dc1", "dc1-h2",
                            Platform.OPENSTACK, "dc1", "dc1-h1", Platform.OPENSTACK, 8_192, null))
                    .event(new HostMemoryAllocated("dc1-h1", "dc1", "vm-c", 8_192, 28_672, 63_488))
                    .on("vm-c", new MigrationFailed("m-1", "vm-c", "dc1-h2", "dc1-h1", "timeout", null))
                    .event(new HostMemoryReleased("dc1-h1", "dc1", "vm-c", 8_192, 20_480, 63_488))
                    .on("vm-c", new MigrationRequested("m-2", "vm-c", MigrationKind.HOST_TO_HOST, "dc1", "dc1-h2",
                            Platform.OPENSTACK, "dc1", "dc1-h1", Platform.OPENSTACK, 8_192, null))
                    .event(new HostMemoryAllocated("dc1-h1", "dc1", "vm-c", 8_192, 28_672, 63_488))
                    .event(new ContainerCreated("c-1", "docs", "tenders", Set.of("dc1", "dc2")))
                    .event(new ReplicaStatusReported("c-1", "dc2", ReplicaStatus.LAGGING, ReplicaStatus.UNKNOWN,
                            "12 objects behind"))
                    .event(new ContainerCreated("c-2", "backups", "billing", Set.of("dc1")))
                    .event(new ReplicaStatusReported("c-2", "dc1", ReplicaStatus.IN_SYNC, ReplicaStatus.UNKNOWN,
                            null))
                    .event(new UpgradeCampaignCreated("camp-1", "Upgrade", "dc1", List.of("dc1-h2", "dc1-h1"),
                            List.of("dc2-h1"), "2023.1", 3, 600, progress(CampaignState.CREATED,
                            CampaignPhase.PENDING, CampaignPhase.PENDING, 0, 0, 0)))
                    .event(new UpgradeCampaignStarted("camp-1", progress(CampaignState.RUNNING,
                            CampaignPhase.EVACUATING, CampaignPhase.PENDING, 2, 0, 0)))
                    .event(new CampaignMigrationFailed("camp-1", "dc1-h2",
                            new PlannedMove("vm-c", 8_192, "dc1-h2", "dc1-h1", "m-1", 1), "timeout",
                            new PlannedMove("vm-c", 8_192, "dc1-h2", "dc1-h1", "m-2", 2),
                            progress(CampaignState.RUNNING, CampaignPhase.EVACUATING, CampaignPhase.PENDING, 2, 0, 1)))
                    .event(new UpgradeCampaignCreated("camp-0", "Old", "dc2", List.of("dc2-h1"), List.of(), "2022.2",
                            1, 60, new CampaignProgress(CampaignState.CREATED, null,
                            Map.of("dc2-h1", CampaignPhase.PENDING), 0, 0, 0, 0, 0)))
                    .event(new UpgradeCampaignCompleted("camp-0", new CampaignReport(0, 0, 0, 0, 0, List.of("dc2-h1"),
                            Map.of(), T0, T0.plusSeconds(90), 90), new CampaignProgress(CampaignState.COMPLETED, null,
                            Map.of("dc2-h1", CampaignPhase.DONE), 0, 0, 0, 0, 0)));
        }
        ReadModel readModel = new ReadModel(new NamedParameterJdbcTemplate(database.dataSource()));
        migrations = new MigrationQueries(readModel);
        capacity = new CapacityQueries(readModel);
        inventory = new InventoryQueries(readModel, migrations, capacity);
        campaigns = new CampaignQueries(readModel);
        containers = new ContainerQueries(readModel);
        history = new HistoryQueries(readModel);
    }

    @AfterAll
    static void dropTheDatabase() {
        database.close();
    }

    @Test
    void vmsAreFilteredBySiteStateProjectEnvironmentAndHost() {
        assertThat(vmIds(filter().site("dc1"))).containsExactly("vm-b", "vm-c", "vm-e");
        assertThat(vmIds(filter().state(VmState.SHUTOFF))).containsExactly("vm-b");
        assertThat(vmIds(filter().project("billing"))).containsExactly("vm-c", "vm-d");
        assertThat(vmIds(filter().environment(Environment.PROD))).containsExactly("vm-a", "vm-c", "vm-e");
        assertThat(vmIds(filter().host("dc1-h1"))).containsExactly("vm-b", "vm-e");
        assertThat(vmIds(filter().project("tenders").environment(Environment.PROD).site("dc1")))
                .containsExactly("vm-e");
    }

    @Test
    void thePlatformFilterIsTheSitesPlatformAndFollowsAMigration() {
        assertThat(vmIds(filter().platform(Platform.VMWARE))).as("vm-a moved to VMware").containsExactly("vm-a",
                "vm-d");
        assertThat(vmIds(filter().platform(Platform.OPENSTACK))).containsExactly("vm-b", "vm-c", "vm-e");
        assertThat(inventory.findVm("vm-a")).get().extracting(VmView::platform).isEqualTo(Platform.VMWARE);
    }

    @Test
    void everyTagAskedForMustMatch() {
        assertThat(vmIds(filter().tag("tier", "web"))).containsExactly("vm-a", "vm-c");
        assertThat(vmIds(filter().tag("owner", "team-a"))).containsExactly("vm-a", "vm-e");
        assertThat(vmIds(filter().tag("tier", "web").tag("owner", "team-a"))).containsExactly("vm-a");
        assertThat(vmIds(filter().tag("tier", "cache"))).isEmpty();
    }

    @Test
    void vmsSortByEachFieldWithIdBreakingTies() {
        assertThat(vmIds(filter().sort("name", false))).containsExactly("vm-a", "vm-b", "vm-c", "vm-d", "vm-e");
        assertThat(vmIds(filter().sort("name", true))).containsExactly("vm-e", "vm-d", "vm-c", "vm-b", "vm-a");
        // vm-a and vm-c both have 8 GiB: id ascending decides, in both directions.
        assertThat(vmIds(filter().sort("memoryMib", true))).containsExactly("vm-e", "vm-a", "vm-c", "vm-b", "vm-d");
        assertThat(vmIds(filter().sort("memoryMib", false))).containsExactly("vm-d", "vm-b", "vm-a", "vm-c", "vm-e");
        assertThat(vmIds(filter().sort("provisionedAt", true))).containsExactly("vm-e", "vm-d", "vm-c", "vm-b",
                "vm-a");
        assertThat(vmIds(filter().sort("id", true))).containsExactly("vm-e", "vm-d", "vm-c", "vm-b", "vm-a");
    }

    @Test
    void pagesOfASortedListAreDisjointAndCoverIt() {
        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            PageView<VmView> answer = inventory.findVms(filter().sort("memoryMib", true).page(page, 2).build());
            assertThat(answer.totalItems()).isEqualTo(5);
            assertThat(answer.totalPages()).isEqualTo(3);
            paged.addAll(answer.items().stream().map(VmView::id).toList());
        }
        assertThat(paged).containsExactly("vm-e", "vm-a", "vm-c", "vm-b", "vm-d");
        assertThat(inventory.findVms(filter().page(3, 2).build()).items()).isEmpty();
    }

    @Test
    void aVmComesWithItsHostSiteProjectVolumesAndMigrations() {
        VmDetailView vm = inventory.findVmDetail("vm-a").orElseThrow();

        assertThat(vm.vm().hostId()).isEqualTo("dc2-h1");
        assertThat(vm.vm().platformId()).isEqualTo("vmw-1");
        assertThat(vm.vm().tags()).containsEntry("tier", "web").containsEntry("owner", "team-a");
        assertThat(vm.host().id()).isEqualTo("dc2-h1");
        assertThat(vm.site().platform()).isEqualTo(Platform.VMWARE);
        assertThat(vm.projectDetail().name()).isEqualTo("Tenders");
        assertThat(vm.volumes()).extracting(VolumeView::id).as("attach order").containsExactly("vol-2", "vol-1");
        assertThat(vm.volumes()).extracting(VolumeView::state).containsOnly(VolumeState.IN_USE);
        assertThat(vm.migrations()).singleElement().satisfies(m -> {
            assertThat(m.state()).isEqualTo(MigrationState.COMPLETED);
            assertThat(m.kind()).isEqualTo(MigrationKind.CROSS_PLATFORM);
            assertThat(m.targetHostId()).isEqualTo("dc2-h1");
        });
        assertThat(inventory.findVmDetail("nope")).isEmpty();
    }

    @Test
    void hostsAreFilteredBySitePlatformStateAndTemporaryAndSortedByFreeMemory() {
        assertThat(hostIds(new HostFilter("dc1", null, null, null, null, 0, 50)))
                .containsExactly("dc1-h1", "dc1-h2", "dc1-h3", "dc1-h4");
        assertThat(hostIds(new HostFilter(null, Platform.VMWARE, null, null, null, 0, 50))).containsExactly("dc2-h1");
        assertThat(hostIds(new HostFilter(null, null, HostState.MAINTENANCE, null, null, 0, 50)))
                .containsExactly("dc1-h3");
        assertThat(hostIds(new HostFilter(null, null, null, true, null, 0, 50))).containsExactly("dc1-h2");
        assertThat(hostIds(new HostFilter(null, null, HostState.ACTIVE, null, new SortOrder("freeMib", true), 0, 50)))
                .containsExactly("dc2-h1", "dc1-h1", "dc1-h2");
    }

    @Test
    void aHostComesWithItsMemoryVmCountAndOpenAlert() {
        HostDetailView host = inventory.findHostDetail("dc1-h1").orElseThrow();

        // vm-b and vm-e, plus vm-c's migration in flight towards it; vm-a has left.
        assertThat(host.host().capacityMib()).isEqualTo(63_488);
        assertThat(host.host().allocatedMib()).isEqualTo(28_672);
        assertThat(host.host().freeMib()).isEqualTo(34_816);
        assertThat(host.host().utilizationPercent()).isEqualTo(45.16);
        assertThat(host.vmCount()).as("vm-a left for dc2").isEqualTo(2);
        assertThat(host.openAlert()).extracting(AlertView::id).isEqualTo("dc1-h1:1");
        assertThat(inventory.findHostDetail("dc1-h2").orElseThrow().openAlert()).as("its alert cleared").isNull();
    }

    @Test
    void capacityPerHostLeavesDecommissionedHostsOutAndSitesSumTheRest() {
        PageView<HostCapacityView> hosts = capacity.hosts("dc1", 0, 50);
        assertThat(hosts.items()).extracting(HostCapacityView::hostId).containsExactly("dc1-h1", "dc1-h2", "dc1-h3");
        assertThat(hosts.items().get(0).openAlert()).isEqualTo(AlertSeverity.WARNING);
        assertThat(hosts.items()).allSatisfy(h -> assertThat(h.freeMib()).isNotNegative());

        SiteCapacityView dc1 = capacity.sites("dc1", 0, 50).items().get(0);
        assertThat(dc1.hosts()).isEqualTo(3);
        assertThat(dc1.activeHosts()).isEqualTo(2);
        assertThat(dc1.temporaryHosts()).isEqualTo(1);
        assertThat(dc1.physicalMib()).isEqualTo(65_536 + 32_768 + 32_768);
        assertThat(dc1.capacityMib()).isEqualTo(63_488 + 32_768 + 32_768);
        assertThat(dc1.allocatedMib()).isEqualTo(28_672 + 8_192);
        assertThat(dc1.freeMib()).isEqualTo(dc1.capacityMib() - dc1.allocatedMib());
        assertThat(dc1.freeOnActiveMib()).isEqualTo(63_488 - 28_672 + 32_768 - 8_192);
        assertThat(capacity.sites(null, 0, 50).items()).extracting(SiteCapacityView::siteId)
                .containsExactly("dc1", "dc2");
    }

    @Test
    void alertsAreOpenOrClearedNewestFirst() {
        assertThat(alertIds(new AlertFilter("OPEN", null, null, null, 0, 50))).containsExactly("dc1-h1:1");
        assertThat(alertIds(new AlertFilter("CLEARED", null, null, null, 0, 50))).containsExactly("dc1-h2:1");
        assertThat(alertIds(new AlertFilter(null, "dc1", null, null, 0, 50))).containsExactly("dc1-h2:1", "dc1-h1:1");
        assertThat(alertIds(new AlertFilter(null, null, null, AlertSeverity.CRITICAL, 0, 50)))
                .containsExactly("dc1-h2:1");
        assertThat(alertIds(new AlertFilter(null, "dc2", null, null, 0, 50))).isEmpty();
        AlertView cleared = capacity.alerts(new AlertFilter("CLEARED", null, null, null, 0, 50)).items().get(0);
        assertThat(cleared.clearedAt()).isAfter(cleared.raisedAt());
        assertThat(cleared.clearedPosition()).isGreaterThan(cleared.raisedPosition());
    }

    @Test
    void migrationsAreFilteredAndAnIdSharedByTwoVmsIsAmbiguous() {
        assertThat(migrations.find(new MigrationFilter("vm-c", null, null, null, false, 0, 50)).items())
                .extracting(MigrationView::id, MigrationView::state)
                .containsExactly(tuple("m-1", MigrationState.FAILED),
                        tuple("m-2", MigrationState.REQUESTED));
        assertThat(migrations.find(new MigrationFilter(null, null, "camp-1", null, false, 0, 50)).items())
                .extracting(MigrationView::vmId).containsExactly("vm-a");
        assertThat(migrations.find(new MigrationFilter(null, null, null, MigrationKind.HOST_TO_HOST, true, 0, 50))
                .items()).extracting(MigrationView::id).containsExactly("m-2", "m-1");
        assertThat(migrations.withId("m-1", null)).extracting(MigrationView::vmId).containsExactly("vm-a", "vm-c");
        assertThat(migrations.withId("m-1", "vm-c")).singleElement().extracting(MigrationView::reason)
                .isEqualTo("timeout");
        assertThat(migrations.withId("m-9", null)).isEmpty();
    }

    @Test
    void aCampaignShowsItsProgressPhasesFailuresAndReport() {
        CampaignDetailView running = campaigns.findCampaign("camp-1").orElseThrow();
        assertThat(running.campaign().state()).isEqualTo(CampaignState.RUNNING);
        assertThat(running.campaign().progress().hostsTotal()).isEqualTo(2);
        assertThat(running.campaign().progress().migrationsFailed()).isEqualTo(1);
        assertThat(running.hostPhases()).extracting(p -> p.hostId() + "=" + p.phase())
                .containsExactly("dc1-h2=EVACUATING", "dc1-h1=PENDING");
        assertThat(running.failures()).singleElement().satisfies(f -> {
            assertThat(f.migrationId()).isEqualTo("m-1");
            assertThat(f.retryMigrationId()).isEqualTo("m-2");
        });
        assertThat(running.report()).isNull();

        CampaignDetailView done = campaigns.findCampaign("camp-0").orElseThrow();
        assertThat(done.report().hostsUpgraded()).containsExactly("dc2-h1");
        assertThat(done.report().durationSeconds()).isEqualTo(90);
        assertThat(done.campaign().progress().hostsDone()).isEqualTo(1);
        assertThat(campaigns.findCampaigns("dc1", null, 0, 50).items()).extracting(c -> c.id())
                .containsExactly("camp-1");
        assertThat(campaigns.findCampaigns(null, CampaignState.COMPLETED, 0, 50).items()).extracting(c -> c.id())
                .containsExactly("camp-0");
    }

    @Test
    void containersShowTheirPolicyAndEachReplicasStatus() {
        ContainerView docs = containers.findContainer("c-1").orElseThrow();
        assertThat(docs.replicaSiteIds()).containsExactly("dc1", "dc2");
        assertThat(docs.replicas()).extracting(ReplicaView::siteId, ReplicaView::status).containsExactly(
                tuple("dc1", ReplicaStatus.UNKNOWN),
                tuple("dc2", ReplicaStatus.LAGGING));
        assertThat(docs.replicas().get(1).detail()).isEqualTo("12 objects behind");
        assertThat(docs.replicas().get(1).reportedAt()).isNotNull();

        assertThat(containerIds(new ContainerFilter(null, "dc2", null, 0, 50))).containsExactly("c-1");
        assertThat(containerIds(new ContainerFilter(null, null, ReplicaStatus.LAGGING, 0, 50)))
                .containsExactly("c-1");
        assertThat(containerIds(new ContainerFilter(null, "dc1", ReplicaStatus.LAGGING, 0, 50))).isEmpty();
        assertThat(containerIds(new ContainerFilter("billing", null, null, 0, 50))).containsExactly("c-2");
        assertThat(containers.findContainers(new ContainerFilter(null, null, null, 0, 50)).items())
                .allSatisfy(c -> assertThat(c.replicas()).hasSameSizeAs(c.replicaSiteIds()));
    }

    @Test
    void volumesAreFilteredByVm() {
        assertThat(inventory.findVolumes(new VolumeFilter(null, null, null, "vm-a", 0, 50)).items())
                .extracting(VolumeView::id).containsExactly("vol-1", "vol-2");
        assertThat(inventory.findVolumes(new VolumeFilter(null, "billing", null, null, 0, 50)).items()).isEmpty();
    }

    @Test
    void aVmsHistoryIsOneLineAcrossItsMove() {
        PageView<HistoryEntryView> first = history.history("vm-a", 0, 3);
        PageView<HistoryEntryView> rest = history.history("vm-a", 1, 3);

        List<String> events = new ArrayList<>();
        first.items().forEach(e -> events.add(e.event()));
        rest.items().forEach(e -> events.add(e.event()));
        assertThat(events).containsExactly("VmProvisioned", "VmRetagged", "VmVolumeAttached", "VmVolumeAttached",
                "MigrationRequested", "MigrationCompleted");
        assertThat(first.totalItems()).isEqualTo(6);
        assertThat(rest.items().get(2).payload().get("platformId").asText()).isEqualTo("vmw-1");
        assertThat(history.history("nobody", 0, 10).totalItems()).isZero();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static List<String> vmIds(VmFilterBuilder filter) {
        return inventory.findVms(filter.build()).items().stream().map(VmView::id).toList();
    }

    private static List<String> hostIds(HostFilter filter) {
        return inventory.findHosts(filter).items().stream().map(HostView::id).toList();
    }

    private static List<String> alertIds(AlertFilter filter) {
        return capacity.alerts(filter).items().stream().map(AlertView::id).toList();
    }

    private static List<String> containerIds(ContainerFilter filter) {
        return containers.findContainers(filter).items().stream().map(ContainerView::id).toList();
    }

    private static VmFilterBuilder filter() {
        return new VmFilterBuilder();
    }

    private static CampaignProgress progress(CampaignState state, CampaignPhase first, CampaignPhase second,
                                             int requested, int succeeded, int failed) {
        Map<String, CampaignPhase> phases = new LinkedHashMap<>();
        phases.put("dc1-h2", first);
        phases.put("dc1-h1", second);
        return new CampaignProgress(state, "dc1-h2", phases, requested, succeeded, failed, failed,
                requested - succeeded - failed);
    }

    private static final class VmFilterBuilder {
        private String site;
        private Platform platform;
        private String project;
        private Environment environment;
        private VmState state;
        private String host;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private SortOrder sort;
        private int page;
        private int size = 50;

        VmFilterBuilder site(String value) {
            site = value;
            return this;
        }

        VmFilterBuilder platform(Platform value) {
            platform = value;
            return this;
        }

        VmFilterBuilder project(String value) {
            project = value;
            return this;
        }

        VmFilterBuilder environment(Environment value) {
            environment = value;
            return this;
        }

        VmFilterBuilder state(VmState value) {
            state = value;
            return this;
        }

        VmFilterBuilder host(String value) {
            host = value;
            return this;
        }

        VmFilterBuilder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        VmFilterBuilder sort(String field, boolean descending) {
            sort = new SortOrder(field, descending);
            return this;
        }

        VmFilterBuilder page(int number, int pageSize) {
            page = number;
            size = pageSize;
            return this;
        }

        VmFilter build() {
            return new VmFilter(site, platform, project, environment, state, host, tags, sort, page, size);
        }
    }

    /** Publishes events through the real projections, each on its stream, a minute apart. */
    private static final class Estate {
        private final ProjectionHarness harness;
        private Instant clock = T0;

        Estate(ProjectionHarness harness) {
            this.harness = harness;
        }

        Estate site(String id, Platform platform) {
            return event(new SiteRegistered(id, id.toUpperCase(), platform));
        }

        Estate host(String id, String site, long memoryMib, long reservedMib, boolean temporary) {
            return event(new HostRegistered(id, site, id, 16, memoryMib, reservedMib, 1.0, temporary));
        }

        /** A VM and its memory on the host; {@code allocatedBefore} is what the host held before it. */
        Estate vm(String id, String name, String site, String host, String project, Environment environment,
                  long memoryMib, long allocatedBefore) {
            event(new VmProvisioned(id, name, site, host, project, environment, 2, memoryMib, "os-" + id));
            long capacityMib = switch (host) {
                case "dc1-h1" -> 63_488;
                case "dc2-h1" -> 131_072;
                default -> 32_768;
            };
            return event(new HostMemoryAllocated(host, site, id, memoryMib, allocatedBefore + memoryMib,
                    capacityMib));
        }

        Estate event(Object payload) {
            clock = clock.plusSeconds(60);
            harness.publishAndAwait(payload, clock);
            return this;
        }

        Estate on(String stream, Object payload) {
            clock = clock.plusSeconds(60);
            harness.publishAndAwait(stream, payload, clock);
            return this;
        }
    }
}
