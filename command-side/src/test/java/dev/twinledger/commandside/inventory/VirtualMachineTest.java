package dev.twinledger.commandside.inventory;

import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.api.inventory.DecommissionVm;
import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.HostDecommissioned;
import dev.twinledger.api.inventory.HostMaintenanceStarted;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.ProvisionVm;
import dev.twinledger.api.inventory.RenameVm;
import dev.twinledger.api.inventory.ResizeVm;
import dev.twinledger.api.inventory.RetagVm;
import dev.twinledger.api.inventory.StartVm;
import dev.twinledger.api.inventory.StopVm;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRenamed;
import dev.twinledger.api.inventory.VmResized;
import dev.twinledger.api.inventory.VmRetagged;
import dev.twinledger.api.inventory.VmStarted;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/**
 * The VM aggregate with real hosts beside it ({@link HostsBeside}): each test checks the VM's events through the
 * fixture and the hosts' memory and alert events the same command stored. Migrations are in
 * {@link VirtualMachineMigrationTest}.
 */
class VirtualMachineTest {

    static final long VM_MIB = 4096;
    static final long HOST_MIB = 16384;

    private HostsBeside hosts;
    private AggregateTestFixture<VirtualMachine> fixture;

    @BeforeEach
    void setUp() {
        hosts = standardHosts();
        fixture = fixtureWith(hosts);
    }

    @AfterEach
    void tearDown() {
        hosts.close();
    }

    /** dc1 and dc2 run OpenStack, dc3 VMware; hv-01, hv-21 and hv-31 are active with 16 GiB each. */
    static HostsBeside standardHosts() {
        return new HostsBeside()
                .host("hv-01", "dc1", HOST_MIB)
                .host("hv-02", "dc1", HOST_MIB, new HostMaintenanceStarted("hv-02", "dc1"))
                .host("hv-03", "dc1", 8192)
                .host("hv-04", "dc1", HOST_MIB, new HostDecommissioned("hv-04", "dc1"))
                .host("hv-21", "dc2", HOST_MIB)
                .host("hv-31", "dc3", HOST_MIB);
    }

    static AggregateTestFixture<VirtualMachine> fixtureWith(HostsBeside hosts) {
        AggregateTestFixture<VirtualMachine> fixture = new AggregateTestFixture<>(VirtualMachine.class);
        fixture.registerInjectableResource(hosts.lookup(new FakeInventory()
                .withSite("dc1").withSite("dc2").withSite("dc3", Platform.VMWARE)));
        fixture.registerInjectableResource(hosts.memory());
        return fixture;
    }

    // Provisioning

    @Test
    void provisioningOnAnActiveHostOfTheSameSiteRecordsVmProvisionedAndAllocatesItsMemory() {
        fixture.givenNoPriorActivity()
                .when(provision("vm-1", "dc1", "hv-01"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(provisioned("vm-1", "dc1", "hv-01"));

        assertThat(hosts.newEventsOf("hv-01")).containsExactly(
                new HostMemoryAllocated("hv-01", "dc1", "vm-1", VM_MIB, VM_MIB, HOST_MIB));
    }

    @Test
    void thePlatformIdIsRecordedWhenGiven() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionVm("vm-1", "web-1", "dc1", "hv-01", "eproc", Environment.PROD, 2, VM_MIB,
                        "os-uuid-1"))
                .expectEvents(new VmProvisioned("vm-1", "web-1", "dc1", "hv-01", "eproc", Environment.PROD, 2, VM_MIB,
                        "os-uuid-1"));
    }

    @Test
    void aBlankPlatformIdIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionVm("vm-1", "web-1", "dc1", "hv-01", "eproc", Environment.PROD, 2, VM_MIB, " "))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("platformId"))
                .expectNoEvents();
        assertThat(hosts.newEventsOf("hv-01")).isEmpty();
    }

    @Test
    void provisioningMoreMemoryThanTheHostHasFreeIsRefusedAndStoresNothing() {
        hosts.given("hv-03", new HostMemoryAllocated("hv-03", "dc1", "vm-0", 6000, 6000, 8192));

        fixture.givenNoPriorActivity()
                .when(provision("vm-1", "dc1", "hv-03"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("host 'hv-03' has 2192 MiB free"),
                        containsString("needs 4096 MiB")))
                .expectNoEvents();
        assertThat(hosts.newEventsOf("hv-03")).isEmpty();
    }

    @Test
    void provisioningPastTheWarningThresholdRaisesTheAlertInTheSameCommand() {
        hosts.given("hv-03", new HostMemoryAllocated("hv-03", "dc1", "vm-0", 3000, 3000, 8192));

        fixture.givenNoPriorActivity()
                .when(provision("vm-1", "dc1", "hv-03"))
                .expectEvents(provisioned("vm-1", "dc1", "hv-03"));

        assertThat(hosts.newEventsOf("hv-03")).containsExactly(
                new HostMemoryAllocated("hv-03", "dc1", "vm-1", VM_MIB, 7096, 8192),
                new CapacityAlertRaised("hv-03:1", "hv-03", "dc1", AlertSeverity.WARNING, 7096, 8192,
                        7096 * 100.0 / 8192, 80.0));
    }

    @Test
    void provisioningAtAnUnknownSiteIsRefused() {
        fixture.givenNoPriorActivity()
                .when(provision("vm-1", "dc9", "hv-01"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("site 'dc9'"), containsString("does not exist")))
                .expectNoEvents();
    }

    @Test
    void provisioningForAnUnregisteredProjectIsRefused() {
        AggregateTestFixture<VirtualMachine> onlyTenders = new AggregateTestFixture<>(VirtualMachine.class);
        onlyTenders.registerInjectableResource(hosts.lookup(new FakeInventory().withSite("dc1").withProject("tenders")));
        onlyTenders.registerInjectableResource(hosts.memory());

        onlyTenders.givenNoPriorActivity()
                .when(provision("vm-1", "dc1", "hv-01"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("project 'eproc' is not registered")
                .expectNoEvents();
        assertThat(hosts.newEventsOf("hv-01")).as("no memory allocated for a refused VM").isEmpty();
    }

    @Test
    void provisioningOnAnUnknownHostIsRefused() {
        fixture.givenNoPriorActivity()
                .when(provision("vm-1", "dc1", "hv-99"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("host 'hv-99'"), containsString("does not exist")))
                .expectNoEvents();
    }

    @Test
    void provisioningOnAHostOfAnotherSiteIsRefused() {
        fixture.givenNoPriorActivity()
                .when(provision("vm-1", "dc1", "hv-21"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("stands in site 'dc2', not in 'dc1'"))
                .expectNoEvents();
    }

    @Test
    void provisioningOnAHostInMaintenanceIsRefused() {
        fixture.givenNoPriorActivity()
                .when(provision("vm-1", "dc1", "hv-02"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("hv-02"), containsString("MAINTENANCE")))
                .expectNoEvents();
        assertThat(hosts.newEventsOf("hv-02")).isEmpty();
    }

    @Test
    void provisioningOnADecommissionedHostIsRefused() {
        fixture.givenNoPriorActivity()
                .when(provision("vm-1", "dc1", "hv-04"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("hv-04"), containsString("DECOMMISSIONED")))
                .expectNoEvents();
    }

    @Test
    void provisioningATakenVmIdIsRefusedByTheStore() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(provision("vm-1", "dc1", "hv-01"))
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }

    @Test
    void nonPositiveVcpusAreRefused() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionVm("vm-1", "web-1", "dc1", "hv-01", "eproc", Environment.PROD, 0, 4096, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("vcpus"))
                .expectNoEvents();
    }

    @Test
    void missingEnvironmentIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionVm("vm-1", "web-1", "dc1", "hv-01", "eproc", null, 2, 4096, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("environment"))
                .expectNoEvents();
    }

    // Decommissioning

    @Test
    void decommissioningAnActiveVmRecordsVmDecommissionedAndReleasesItsMemory() {
        placed("vm-1", "hv-01");

        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new DecommissionVm("vm-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VmDecommissioned("vm-1", "dc1", "hv-01"));

        assertThat(hosts.newEventsOf("hv-01")).containsExactly(
                new HostMemoryReleased("hv-01", "dc1", "vm-1", VM_MIB, 0, HOST_MIB));
    }

    /** A VM provisioned before memory was accounted holds nothing on its host; it is decommissioned all the same. */
    @Test
    void decommissioningAVmThatHoldsNoMemoryReleasesNothing() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new DecommissionVm("vm-1"))
                .expectEvents(new VmDecommissioned("vm-1", "dc1", "hv-01"));

        assertThat(hosts.newEventsOf("hv-01")).isEmpty();
    }

    @Test
    void decommissioningADecommissionedVmIsAConflict() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"), new VmDecommissioned("vm-1", "dc1", "hv-01"))
                .when(new DecommissionVm("vm-1"))
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString("decommissioned"))
                .expectNoEvents();
    }

    @Test
    void decommissioningAVmThatWasNeverProvisionedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new DecommissionVm("vm-1"))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    /**
     * Ids are shared by all aggregate types in the store: the events under this id are a host's, so no VM can be
     * loaded from them (the web edge answers 404).
     */
    @Test
    void decommissioningTheIdOfAnotherKindOfResourceFindsNoVm() {
        fixture.given(new HostRegistered("vm-1", "dc1", "hv", 8, 1024, 0, 1.0, false))
                .when(new DecommissionVm("vm-1"))
                .expectException(IncompatibleAggregateException.class)
                .expectNoEvents();
    }

    // Start and stop

    @Test
    void anActiveVmIsStoppedAndStartedAgain() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new StopVm("vm-1"))
                .expectEvents(new VmStopped("vm-1", "dc1", "hv-01"));
        fixture.given(provisioned("vm-1", "dc1", "hv-01"), new VmStopped("vm-1", "dc1", "hv-01"))
                .when(new StartVm("vm-1"))
                .expectEvents(new VmStarted("vm-1", "dc1", "hv-01"));
    }

    @Test
    void startingAnActiveVmIsAConflict() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new StartVm("vm-1"))
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString("VM 'vm-1' is ACTIVE; only a SHUTOFF VM can be started"))
                .expectNoEvents();
    }

    @Test
    void stoppingAStoppedVmIsAConflict() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"), new VmStopped("vm-1", "dc1", "hv-01"))
                .when(new StopVm("vm-1"))
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString("VM 'vm-1' is SHUTOFF; only an ACTIVE VM can be stopped"))
                .expectNoEvents();
    }

    @Test
    void aStoppedVmKeepsItsMemory() {
        placed("vm-1", "hv-01");

        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new StopVm("vm-1"))
                .expectEvents(new VmStopped("vm-1", "dc1", "hv-01"));

        assertThat(hosts.newEventsOf("hv-01")).isEmpty();
    }

    // Resizing

    @Test
    void growingAVmReallocatesItsMemoryOnItsHost() {
        placed("vm-1", "hv-01");

        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new ResizeVm("vm-1", 4, 8192))
                .expectEvents(new VmResized("vm-1", "dc1", "hv-01", 4, 8192, 2, VM_MIB));

        assertThat(hosts.newEventsOf("hv-01")).containsExactly(
                new HostMemoryReleased("hv-01", "dc1", "vm-1", VM_MIB, 0, HOST_MIB),
                new HostMemoryAllocated("hv-01", "dc1", "vm-1", 8192, 8192, HOST_MIB));
    }

    @Test
    void changingOnlyVcpusMovesNoMemory() {
        placed("vm-1", "hv-01");

        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new ResizeVm("vm-1", 8, VM_MIB))
                .expectEvents(new VmResized("vm-1", "dc1", "hv-01", 8, VM_MIB, 2, VM_MIB));

        assertThat(hosts.newEventsOf("hv-01")).isEmpty();
    }

    @Test
    void resizingToTheCurrentSizeStoresNothing() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new ResizeVm("vm-1", 2, VM_MIB))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void growthThatDoesNotFitIsRefusedAndStoresNothing() {
        hosts.given("hv-03", new HostMemoryAllocated("hv-03", "dc1", "vm-1", VM_MIB, VM_MIB, 8192),
                new HostMemoryAllocated("hv-03", "dc1", "vm-2", 3000, 7096, 8192));

        fixture.given(provisioned("vm-1", "dc1", "hv-03"))
                .when(new ResizeVm("vm-1", 2, 6000))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("has 1096 MiB free"), containsString("needs 1904 MiB")))
                .expectNoEvents();
        assertThat(hosts.newEventsOf("hv-03")).isEmpty();
    }

    @Test
    void resizingToNothingIsRefused() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new ResizeVm("vm-1", 2, 0))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("memoryMib must be positive"))
                .expectNoEvents();
    }

    // Renaming and tags

    @Test
    void renamingRecordsTheNewAndThePreviousName() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new RenameVm("vm-1", "web-2"))
                .expectEvents(new VmRenamed("vm-1", "web-2", "web-1"));
    }

    @Test
    void renamingToTheCurrentNameStoresNothing() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"), new VmRenamed("vm-1", "web-2", "web-1"))
                .when(new RenameVm("vm-1", "web-2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aBlankNameIsRefused() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new RenameVm("vm-1", ""))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("name must not be blank"))
                .expectNoEvents();
    }

    @Test
    void retaggingReplacesEveryTag() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"), new VmRetagged("vm-1", Map.of("old", "x")))
                .when(new RetagVm("vm-1", Map.of("tier", "web", "app.example.org/owner", "team a")))
                .expectEvents(new VmRetagged("vm-1", Map.of("tier", "web", "app.example.org/owner", "team a")));
    }

    @Test
    void theSameTagsAgainStoreNothing() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"), new VmRetagged("vm-1", Map.of("tier", "web")))
                .when(new RetagVm("vm-1", Map.of("tier", "web")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void removingEveryTagIsARetagToNone() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"), new VmRetagged("vm-1", Map.of("tier", "web")))
                .when(new RetagVm("vm-1", Map.of()))
                .expectEvents(new VmRetagged("vm-1", Map.of()));
    }

    @Test
    void fiftyTagsAreAcceptedAndFiftyOneRefused() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new RetagVm("vm-1", tags(50)))
                .expectEvents(new VmRetagged("vm-1", tags(50)));
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new RetagVm("vm-1", tags(51)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("at most 50"))
                .expectNoEvents();
    }

    @Test
    void malformedTagsAreRefusedNamingTheTag() {
        Map<String, String> badValue = new HashMap<>();
        badValue.put("tier", "");
        for (Map<String, String> tags : List.of(Map.of("-tier", "web"), Map.of("ti er", "web"),
                Map.of("k".repeat(101), "v"), badValue, Map.of("tier", "v".repeat(101)), Map.of("tier", "a\nb"))) {
            fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                    .when(new RetagVm("vm-1", tags))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("tag"))
                    .expectNoEvents();
        }
    }

    @Test
    void keysAndValuesOfAHundredCharactersAreAccepted() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new RetagVm("vm-1", Map.of("k".repeat(100), "v".repeat(100))))
                .expectEvents(new VmRetagged("vm-1", Map.of("k".repeat(100), "v".repeat(100))));
    }

    @Test
    void missingTagsAreRefused() {
        fixture.given(provisioned("vm-1", "dc1", "hv-01"))
                .when(new RetagVm("vm-1", null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("tags is required"))
                .expectNoEvents();
    }

    @Test
    void aDecommissionedVmRefusesEveryCommand() {
        for (Object command : List.of(new StartVm("vm-1"), new StopVm("vm-1"), new ResizeVm("vm-1", 4, 8192),
                new RenameVm("vm-1", "other"), new RetagVm("vm-1", Map.of("a", "b")), new DecommissionVm("vm-1"))) {
            fixture.given(provisioned("vm-1", "dc1", "hv-01"), new VmStopped("vm-1", "dc1", "hv-01"),
                            new VmDecommissioned("vm-1", "dc1", "hv-01"))
                    .when(command)
                    .expectException(StateConflict.class)
                    .expectExceptionMessage(containsString("decommissioned and accepts no further changes"))
                    .expectNoEvents();
        }
        assertThat(hosts.newEventsOf("hv-01")).isEmpty();
    }

    private void placed(String vmId, String hostId) {
        hosts.given(hostId, new HostMemoryAllocated(hostId, "dc1", vmId, VM_MIB, VM_MIB, HOST_MIB));
    }

    private static Map<String, String> tags(int count) {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < count; i++) {
            tags.put("key-" + i, "value " + i);
        }
        return tags;
    }

    static ProvisionVm provision(String vmId, String siteId, String hostId) {
        return new ProvisionVm(vmId, "web-1", siteId, hostId, "eproc", Environment.PROD, 2, VM_MIB, null);
    }

    static VmProvisioned provisioned(String vmId, String siteId, String hostId) {
        return new VmProvisioned(vmId, "web-1", siteId, hostId, "eproc", Environment.PROD, 2, VM_MIB, null);
    }
}
