package dev.twinledger.commandside.authorization;

import dev.twinledger.api.campaign.CampaignProgress;
import dev.twinledger.api.campaign.UpgradeCampaignCreated;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRenamed;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.policies.scope.ResourceRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Where each kind of resource stands, read from its stream. */
class EventStoreResourceLocatorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private final InMemoryStoredEvents store = new InMemoryStoredEvents();
    private final EventStoreResourceLocator locator = new EventStoreResourceLocator(store);

    @Test
    void aVmStandsWhereItWasProvisioned() {
        store.append("vm-1", provisioned("vm-1", "dc1"), "alice", T0);
        store.append("vm-1", new VmRenamed("vm-1", "web-one", "web-1"), "alice", T0);

        assertThat(locator.vm("vm-1")).contains(ResourceRef.vm("vm-1", "dc1", Environment.PROD, "eproc"));
    }

    @Test
    void aVmStandsWhereItsLatestCompletedMigrationTookIt() {
        store.append("vm-1", provisioned("vm-1", "dc1"), "alice", T0);
        store.append("vm-1", completed("m-1", "dc1", "dc2"), "alice", T0);
        store.append("vm-1", completed("m-2", "dc2", "dc3"), "alice", T0);

        assertThat(locator.vm("vm-1")).contains(ResourceRef.vm("vm-1", "dc3", Environment.PROD, "eproc"));
    }

    @Test
    void hostsVolumesContainersAndCampaignsStandWhereTheirCreationPutThem() {
        store.append("hv-1", new HostRegistered("hv-1", "dc2", "hv-1.example", 32, 262144, 0, 1.0, false), "a", T0);
        store.append("vol-1", new VolumeCreated("vol-1", "data", "dc1", "eproc", 100), "a", T0);
        store.append("ctr-1", new ContainerCreated("ctr-1", "docs", "tenders", Set.of("dc1", "dc2")), "a", T0);
        store.append("up-1", new UpgradeCampaignCreated("up-1", "upgrade", "dc2", List.of("hv-1"), List.of(),
                "2024.1", 3, 1800, new CampaignProgress(null, null, Map.of(), 0, 0, 0, 0, 0)), "a", T0);

        assertThat(locator.host("hv-1")).contains(ResourceRef.host("hv-1", "dc2"));
        assertThat(locator.volume("vol-1")).contains(new ResourceRef("volume", "vol-1", "dc1", null, "eproc"));
        assertThat(locator.container("ctr-1")).contains(new ResourceRef("container", "ctr-1", null, null,
                "tenders"));
        assertThat(locator.campaign("up-1")).contains(new ResourceRef("campaign", "up-1", "dc2", null, null));
        assertThat(ResourceLocator.project("eproc")).isEqualTo(new ResourceRef("project", "eproc", null, null,
                "eproc"));
    }

    @Test
    void anUnknownIdOrAnIdOfAnotherKindIsNoResourceOfTheKindAskedFor() {
        store.append("hv-1", new HostRegistered("hv-1", "dc2", "hv-1.example", 32, 262144, 0, 1.0, false), "a", T0);

        assertThat(locator.vm("nothing")).isEmpty();
        assertThat(locator.vm("hv-1")).isEmpty();
        assertThat(locator.volume("hv-1")).isEmpty();
        assertThat(locator.container("hv-1")).isEmpty();
        assertThat(locator.campaign("hv-1")).isEmpty();
        assertThat(locator.host("nothing")).isEmpty();
    }

    private static VmProvisioned provisioned(String vmId, String site) {
        return new VmProvisioned(vmId, "web-1", site, "hv-1", "eproc", Environment.PROD, 2, 4096, null);
    }

    private static MigrationCompleted completed(String migrationId, String from, String to) {
        return new MigrationCompleted(migrationId, "vm-1", MigrationKind.SITE_TO_SITE, from, "hv-" + from, to,
                "hv-" + to, null, null, null);
    }
}
