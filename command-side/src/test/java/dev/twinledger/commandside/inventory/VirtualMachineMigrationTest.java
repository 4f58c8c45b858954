package dev.twinledger.commandside.inventory;

import dev.twinledger.api.inventory.DecommissionVm;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.ResizeVm;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.migration.CompleteMigration;
import dev.twinledger.api.migration.FailMigration;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationFailed;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.api.migration.MigrationRolledBack;
import dev.twinledger.api.migration.MigrationStarted;
import dev.twinledger.api.migration.RequestMigration;
import dev.twinledger.api.migration.RollBackMigration;
import dev.twinledger.api.migration.StartMigration;
import dev.twinledger.commandside.domain.AlreadyExists;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import dev.twinledger.commandside.domain.UnknownResource;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.twinledger.commandside.inventory.VirtualMachineTest.HOST_MIB;
import static dev.twinledger.commandside.inventory.VirtualMachineTest.VM_MIB;
import static dev.twinledger.commandside.inventory.VirtualMachineTest.provisioned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/**
 * Migrations as a process on the VM's stream, with real hosts beside it: every state transition and refusal, the
 * memory held on source and target, and where the VM runs afterwards.
 */
class VirtualMachineMigrationTest {

    private static final String VM = "vm-1";

    private HostsBeside hosts;
    private AggregateTestFixture<VirtualMachine> fixture;

    @BeforeEach
    void setUp() {
        hosts = VirtualMachineTest.standardHosts();
        // vm-1 runs on hv-01 and holds its memory there.
        hosts.given("hv-01", new HostMemoryAllocated("hv-01", "dc1", VM, VM_MIB, VM_MIB, HOST_MIB));
        fixture = VirtualMachineTest.fixtureWith(hosts);
    }

    @AfterEach
    void tearDown() {
        hosts.close();
    }

    // Requesting

    @Test
    void aMoveWithinTheSiteIsHostToHostAndAllocatesOnTheTargetAtOnce() {
        fixture.given(onHv01())
                .when(new RequestMigration(VM, "m-1", "hv-03", "campaign-7"))
                .expectEvents(requested("m-1", MigrationKind.HOST_TO_HOST, "dc1", "hv-03", Platform.OPENSTACK,
                        "campaign-7"));

        assertThat(hosts.newEventsOf("hv-03")).containsExactly(
                new HostMemoryAllocated("hv-03", "dc1", VM, VM_MIB, VM_MIB, 8192));
        assertThat(hosts.newEventsOf("hv-01")).as("the source keeps the memory until completion").isEmpty();
    }

    @Test
    void aMoveToAnotherSiteOnTheSamePlatformIsSiteToSite() {
        fixture.given(onHv01())
                .when(new RequestMigration(VM, "m-1", "hv-21", null))
                .expectEvents(requested("m-1", MigrationKind.SITE_TO_SITE, "dc2", "hv-21", Platform.OPENSTACK, null));
    }

    @Test
    void aMoveToAnotherPlatformIsCrossPlatform() {
        fixture.given(onHv01())
                .when(new RequestMigration(VM, "m-1", "hv-31", null))
                .expectEvents(requested("m-1", MigrationKind.CROSS_PLATFORM, "dc3", "hv-31", Platform.VMWARE, null));
        assertThat(hosts.newEventsOf("hv-31")).containsExactly(
                new HostMemoryAllocated("hv-31", "dc3", VM, VM_MIB, VM_MIB, HOST_MIB));
    }

    @Test
    void aVmWithAVolumeAttachedStaysInItsSiteButMayChangeHost() {
        fixture.given(onHv01(), new VmVolumeAttached(VM, "vol-1"))
                .when(new RequestMigration(VM, "m-1", "hv-21", null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("has volumes attached at site 'dc1': vol-1; detach them"))
                .expectNoEvents();
        assertThat(hosts.newEventsOf("hv-21")).isEmpty();

        fixture.given(onHv01(), new VmVolumeAttached(VM, "vol-1"))
                .when(new RequestMigration(VM, "m-1", "hv-03", null))
                .expectEvents(requested("m-1", MigrationKind.HOST_TO_HOST, "dc1", "hv-03", Platform.OPENSTACK, null));
    }

    @Test
    void theCurrentHostIsNoTarget() {
        expectRequestRefused(new RequestMigration(VM, "m-1", "hv-01", null), RuleViolation.class,
                "already runs on host 'hv-01'");
    }

    @Test
    void anUnknownTargetIsRefused() {
        expectRequestRefused(new RequestMigration(VM, "m-1", "hv-99", null), RuleViolation.class,
                "target host 'hv-99' does not exist");
    }

    @Test
    void aTargetInMaintenanceIsRefused() {
        expectRequestRefused(new RequestMigration(VM, "m-1", "hv-02", null), RuleViolation.class,
                "target host 'hv-02' is in maintenance");
    }

    @Test
    void aDecommissionedTargetIsRefused() {
        expectRequestRefused(new RequestMigration(VM, "m-1", "hv-04", null), RuleViolation.class,
                "target host 'hv-04' is decommissioned");
    }

    @Test
    void aTargetWithoutEnoughFreeMemoryIsRefusedNamingTheNumbers() {
        hosts.given("hv-03", new HostMemoryAllocated("hv-03", "dc1", "vm-9", 5000, 5000, 8192));

        fixture.given(onHv01())
                .when(new RequestMigration(VM, "m-1", "hv-03", null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("host 'hv-03' has 3192 MiB free of 8192 MiB"),
                        containsString("needs 4096 MiB")))
                .expectNoEvents();
        assertThat(hosts.newEventsOf("hv-03")).isEmpty();
    }

    @Test
    void aDecommissionedVmIsNotMigrated() {
        fixture.given(onHv01(), new VmDecommissioned(VM, "dc1", "hv-01"))
                .when(new RequestMigration(VM, "m-1", "hv-03", null))
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString("decommissioned"))
                .expectNoEvents();
    }

    @Test
    void onlyOneMigrationIsInFlightAtATime() {
        for (Object[] past : List.of(new Object[] {onHv01(), requestedToHv03("m-1")},
                new Object[] {onHv01(), requestedToHv03("m-1"), started("m-1")})) {
            fixture.given(past)
                    .when(new RequestMigration(VM, "m-2", "hv-21", null))
                    .expectException(StateConflict.class)
                    .expectExceptionMessage(containsString("has migration 'm-1' in flight"))
                    .expectNoEvents();
        }
        assertThat(hosts.newEventsOf("hv-21")).isEmpty();
    }

    @Test
    void aMigrationIdIsNeverReused() {
        fixture.given(onHv01(), requestedToHv03("m-1"), failed("m-1"))
                .when(new RequestMigration(VM, "m-1", "hv-21", null))
                .expectException(AlreadyExists.class)
                .expectExceptionMessage(containsString("already has a migration 'm-1' (FAILED)"))
                .expectNoEvents();
    }

    @Test
    void afterAFailedMigrationANewOneMayBeRequested() {
        fixture.given(onHv01(), requestedToHv03("m-1"), failed("m-1"))
                .when(new RequestMigration(VM, "m-2", "hv-03", null))
                .expectEvents(requested("m-2", MigrationKind.HOST_TO_HOST, "dc1", "hv-03", Platform.OPENSTACK, null));
    }

    @Test
    void aMalformedMigrationIdIsRefused() {
        expectRequestRefused(new RequestMigration(VM, "m 1", "hv-03", null), RuleViolation.class, "migrationId");
    }

    // Starting

    @Test
    void aRequestedMigrationStarts() {
        fixture.given(onHv01(), requestedToHv03("m-1"))
                .when(new StartMigration(VM, "m-1"))
                .expectEvents(started("m-1"));
    }

    @Test
    void startingTwiceIsAConflictNamingTheState() {
        fixture.given(onHv01(), requestedToHv03("m-1"), started("m-1"))
                .when(new StartMigration(VM, "m-1"))
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString("migration 'm-1' of VM 'vm-1' is IN_PROGRESS; only a migration"
                        + " that is REQUESTED can be started"))
                .expectNoEvents();
    }

    @Test
    void anUnknownMigrationIsNotFound() {
        for (Object command : List.of(new StartMigration(VM, "m-9"), new CompleteMigration(VM, "m-9", null),
                new FailMigration(VM, "m-9", "x"), new RollBackMigration(VM, "m-9", "x"))) {
            fixture.given(onHv01(), requestedToHv03("m-1"))
                    .when(command)
                    .expectException(UnknownResource.class)
                    .expectExceptionMessage(containsString("VM 'vm-1' has no migration 'm-9'"))
                    .expectNoEvents();
        }
    }

    // Completing

    @Test
    void completingMovesTheVmAndReleasesTheSource() {
        hosts.given("hv-03", new HostMemoryAllocated("hv-03", "dc1", VM, VM_MIB, VM_MIB, 8192));

        fixture.given(onHv01(), requestedToHv03("m-1"), started("m-1"))
                .when(new CompleteMigration(VM, "m-1", null))
                .expectEvents(new MigrationCompleted("m-1", VM, MigrationKind.HOST_TO_HOST, "dc1", "hv-01", "dc1",
                        "hv-03", "os-1", "os-1", "campaign-7"));

        assertThat(hosts.newEventsOf("hv-01")).containsExactly(
                new HostMemoryReleased("hv-01", "dc1", VM, VM_MIB, 0, HOST_MIB));
        assertThat(hosts.newEventsOf("hv-03")).as("the target keeps what it took at the request").isEmpty();
    }

    @Test
    void aGivenPlatformIdReplacesTheOldOneEvenWithinAPlatform() {
        fixture.given(onHv01(), requestedToHv03("m-1"), started("m-1"))
                .when(new CompleteMigration(VM, "m-1", "os-2"))
                .expectEvents(new MigrationCompleted("m-1", VM, MigrationKind.HOST_TO_HOST, "dc1", "hv-01", "dc1",
                        "hv-03", "os-1", "os-2", "campaign-7"));
    }

    @Test
    void aCrossPlatformMigrationNeedsTheNewPlatformId() {
        MigrationRequested toVmware = requested("m-1", MigrationKind.CROSS_PLATFORM, "dc3", "hv-31",
                Platform.VMWARE, null);
        for (String missing : new String[] {null, " "}) {
            fixture.given(onHv01(), toVmware, new MigrationStarted("m-1", VM, null))
                    .when(new CompleteMigration(VM, "m-1", missing))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("newPlatformId"))
                    .expectNoEvents();
        }
        fixture.given(onHv01(), toVmware, new MigrationStarted("m-1", VM, null))
                .when(new CompleteMigration(VM, "m-1", "vm-4711"))
                .expectEvents(new MigrationCompleted("m-1", VM, MigrationKind.CROSS_PLATFORM, "dc1", "hv-01", "dc3",
                        "hv-31", "os-1", "vm-4711", null));
    }

    @Test
    void onlyAStartedMigrationCompletes() {
        fixture.given(onHv01(), requestedToHv03("m-1"))
                .when(new CompleteMigration(VM, "m-1", null))
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString("is REQUESTED; only a migration that is IN_PROGRESS can be"
                        + " completed"))
                .expectNoEvents();
        assertThat(hosts.newEventsOf("hv-01")).isEmpty();
    }

    /** The VM's later life happens on the target: decommissioning it releases the target's memory. */
    @Test
    void afterCompletionTheVmRunsOnTheTarget() {
        hosts.given("hv-03", new HostMemoryAllocated("hv-03", "dc1", VM, VM_MIB, VM_MIB, 8192));
        hosts.given("hv-01", new HostMemoryReleased("hv-01", "dc1", VM, VM_MIB, 0, HOST_MIB));

        fixture.given(onHv01(), requestedToHv03("m-1"), started("m-1"), completed("m-1"))
                .when(new DecommissionVm(VM))
                .expectEvents(new VmDecommissioned(VM, "dc1", "hv-03"));

        assertThat(hosts.newEventsOf("hv-03")).containsExactly(
                new HostMemoryReleased("hv-03", "dc1", VM, VM_MIB, 0, 8192));
        assertThat(hosts.newEventsOf("hv-01")).isEmpty();
    }

    @Test
    void aVmMigratedToAnotherSiteNowStandsThere() {
        fixture.given(onHv01(), requested("m-1", MigrationKind.SITE_TO_SITE, "dc2", "hv-21", Platform.OPENSTACK,
                        null), new MigrationStarted("m-1", VM, null),
                        new MigrationCompleted("m-1", VM, MigrationKind.SITE_TO_SITE, "dc1", "hv-01", "dc2", "hv-21",
                                "os-1", "os-1", null))
                .when(new RequestMigration(VM, "m-2", "hv-01", null))
                .expectEvents(new MigrationRequested("m-2", VM, MigrationKind.SITE_TO_SITE, "dc2", "hv-21",
                        Platform.OPENSTACK, "dc1", "hv-01", Platform.OPENSTACK, VM_MIB, null));
    }

    // Failing and rolling back

    @Test
    void aRequestedOrRunningMigrationFailsAndReleasesTheTarget() {
        for (Object[] past : List.of(new Object[] {onHv01(), requestedToHv03("m-1")},
                new Object[] {onHv01(), requestedToHv03("m-1"), started("m-1")})) {
            try (HostsBeside fresh = VirtualMachineTest.standardHosts()) {
                fresh.given("hv-01", new HostMemoryAllocated("hv-01", "dc1", VM, VM_MIB, VM_MIB, HOST_MIB));
                fresh.given("hv-03", new HostMemoryAllocated("hv-03", "dc1", VM, VM_MIB, VM_MIB, 8192));
                VirtualMachineTest.fixtureWith(fresh).given(past)
                        .when(new FailMigration(VM, "m-1", "target lost storage"))
                        .expectEvents(failed("m-1"));

                assertThat(fresh.newEventsOf("hv-03")).containsExactly(
                        new HostMemoryReleased("hv-03", "dc1", VM, VM_MIB, 0, 8192));
                assertThat(fresh.newEventsOf("hv-01")).as("the VM stays, with its memory").isEmpty();
            }
        }
    }

    @Test
    void aRunningMigrationIsRolledBackAndReleasesTheTarget() {
        hosts.given("hv-03", new HostMemoryAllocated("hv-03", "dc1", VM, VM_MIB, VM_MIB, 8192));

        fixture.given(onHv01(), requestedToHv03("m-1"), started("m-1"))
                .when(new RollBackMigration(VM, "m-1", "checksum mismatch"))
                .expectEvents(new MigrationRolledBack("m-1", VM, "hv-01", "hv-03", "checksum mismatch", "campaign-7"));

        assertThat(hosts.newEventsOf("hv-03")).containsExactly(
                new HostMemoryReleased("hv-03", "dc1", VM, VM_MIB, 0, 8192));
    }

    @Test
    void aMigrationThatHasNotStartedCannotBeRolledBack() {
        fixture.given(onHv01(), requestedToHv03("m-1"))
                .when(new RollBackMigration(VM, "m-1", "why not"))
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString("is REQUESTED; only a migration that is IN_PROGRESS can be"
                        + " rolled back"))
                .expectNoEvents();
    }

    @Test
    void anEndedMigrationNeitherFailsNorRollsBack() {
        Object[][] ended = {{onHv01(), requestedToHv03("m-1"), started("m-1"), completed("m-1")},
                {onHv01(), requestedToHv03("m-1"), failed("m-1")},
                {onHv01(), requestedToHv03("m-1"), started("m-1"),
                        new MigrationRolledBack("m-1", VM, "hv-01", "hv-03", "r", "campaign-7")}};
        for (Object[] past : ended) {
            for (Object command : List.of(new StartMigration(VM, "m-1"), new CompleteMigration(VM, "m-1", null),
                    new FailMigration(VM, "m-1", "late"), new RollBackMigration(VM, "m-1", "late"))) {
                fixture.given(past)
                        .when(command)
                        .expectException(StateConflict.class)
                        .expectExceptionMessage(containsString("migration 'm-1' of VM 'vm-1' is"))
                        .expectNoEvents();
            }
        }
    }

    @Test
    void aReasonIsRequiredToFailOrRollBack() {
        for (Object command : List.of(new FailMigration(VM, "m-1", null), new FailMigration(VM, "m-1", " "),
                new RollBackMigration(VM, "m-1", ""), new RollBackMigration(VM, "m-1", "r".repeat(501)))) {
            fixture.given(onHv01(), requestedToHv03("m-1"), started("m-1"))
                    .when(command)
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("reason"))
                    .expectNoEvents();
        }
    }

    // What a migration in flight forbids

    @Test
    void aVmIsNeitherResizedNorDecommissionedWhileAMigrationIsInFlight() {
        for (Object command : List.of(new ResizeVm(VM, 4, 8192), new DecommissionVm(VM))) {
            fixture.given(onHv01(), requestedToHv03("m-1"), started("m-1"))
                    .when(command)
                    .expectException(StateConflict.class)
                    .expectExceptionMessage(containsString("while migration 'm-1' is IN_PROGRESS"))
                    .expectNoEvents();
        }
        assertThat(hosts.newEventsOf("hv-01")).isEmpty();
    }

    private void expectRequestRefused(RequestMigration command, Class<? extends Throwable> refusal, String message) {
        fixture.given(onHv01())
                .when(command)
                .expectException(refusal)
                .expectExceptionMessage(containsString(message))
                .expectNoEvents();
        for (String host : List.of("hv-01", "hv-02", "hv-03", "hv-04", "hv-21", "hv-31")) {
            assertThat(hosts.newEventsOf(host)).as("events of %s", host).isEmpty();
        }
    }

    private static VmProvisioned onHv01() {
        return new VmProvisioned(VM, "web-1", "dc1", "hv-01", "eproc", provisioned(VM, "dc1", "hv-01").environment(),
                2, VM_MIB, "os-1");
    }

    private static MigrationRequested requested(String migrationId, MigrationKind kind, String targetSiteId,
                                                String targetHostId, Platform targetPlatform, String campaignId) {
        return new MigrationRequested(migrationId, VM, kind, "dc1", "hv-01", Platform.OPENSTACK, targetSiteId,
                targetHostId, targetPlatform, VM_MIB, campaignId);
    }

    private static MigrationRequested requestedToHv03(String migrationId) {
        return requested(migrationId, MigrationKind.HOST_TO_HOST, "dc1", "hv-03", Platform.OPENSTACK, "campaign-7");
    }

    private static MigrationStarted started(String migrationId) {
        return new MigrationStarted(migrationId, VM, "campaign-7");
    }

    private static MigrationCompleted completed(String migrationId) {
        return new MigrationCompleted(migrationId, VM, MigrationKind.HOST_TO_HOST, "dc1", "hv-01", "dc1", "hv-03",
                "os-1", "os-1", "campaign-7");
    }

    private static MigrationFailed failed(String migrationId) {
        return new MigrationFailed(migrationId, VM, "hv-01", "hv-03", "target lost storage", "campaign-7");
    }
}
