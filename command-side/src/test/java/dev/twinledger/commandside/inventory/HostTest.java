package dev.twinledger.commandside.inventory;

import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.api.inventory.DecommissionHost;
import dev.twinledger.api.inventory.EndHostMaintenance;
import dev.twinledger.api.inventory.HostDecommissioned;
import dev.twinledger.api.inventory.HostMaintenanceEnded;
import dev.twinledger.api.inventory.HostMaintenanceStarted;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.HostTemporaryChanged;
import dev.twinledger.api.inventory.HostUpgraded;
import dev.twinledger.api.inventory.MarkHostUpgraded;
import dev.twinledger.api.inventory.RegisterHost;
import dev.twinledger.api.inventory.SetHostTemporary;
import dev.twinledger.api.inventory.StartHostMaintenance;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

class HostTest {

    private static final long MEMORY = 512 * 1024;
    private static final String HOST = "hv-01";
    /** Alert tests use a host offering exactly 1000 MiB, so MiB read as tenths of a percent. */
    private static final long SMALL = 1000;

    private AggregateTestFixture<Host> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Host.class);
        fixture.registerInjectableResource(new FakeInventory().withSite("dc1"));
        fixture.registerAnnotatedCommandHandler(new MemoryMoves(fixture::getRepository, CapacityThresholds.DEFAULT));
    }

    // Registration

    @Test
    void registeringAHostAtAnExistingSiteRecordsHostRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost(HOST, "dc1", "hv01.dc1", 64, MEMORY, 0, 1.0, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new HostRegistered(HOST, "dc1", "hv01.dc1", 64, MEMORY, 0, 1.0, false));
    }

    @Test
    void reservedMemoryOvercommitAndTheTemporaryFlagAreRecorded() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost(HOST, "dc1", "hv01.dc1", 64, MEMORY, 16384, 4.0, true))
                .expectEvents(new HostRegistered(HOST, "dc1", "hv01.dc1", 64, MEMORY, 16384, 4.0, true));
    }

    @Test
    void registeringAHostAtAnUnknownSiteIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost(HOST, "dc9", "hv01.dc9", 64, MEMORY, 0, 1.0, false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("dc9"), containsString("does not exist")))
                .expectNoEvents();
    }

    @Test
    void registeringATakenHostIdIsRefusedByTheStore() {
        fixture.given(registered(MEMORY))
                .when(new RegisterHost(HOST, "dc1", "other", 8, 1024, 0, 1.0, false))
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }

    @Test
    void nonPositiveCpuCoresAreRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost(HOST, "dc1", "hv01.dc1", 0, MEMORY, 0, 1.0, false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("cpuCores"))
                .expectNoEvents();
    }

    @Test
    void negativeMemoryIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost(HOST, "dc1", "hv01.dc1", 64, -1, 0, 1.0, false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("memoryMib"))
                .expectNoEvents();
    }

    @Test
    void blankNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost(HOST, "dc1", "", 64, MEMORY, 0, 1.0, false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("name"))
                .expectNoEvents();
    }

    @Test
    void negativeReservedMemoryIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost(HOST, "dc1", "hv01.dc1", 64, MEMORY, -1, 1.0, false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("reservedMemoryMib must be at least 0"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(longs = {MEMORY, MEMORY + 1})
    void reservedMemoryMustStayBelowPhysicalMemory(long reserved) {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost(HOST, "dc1", "hv01.dc1", 64, MEMORY, reserved, 1.0, false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("reservedMemoryMib (" + reserved + ") must be below memoryMib"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.99, 4.01, Double.NaN})
    void overcommitOutsideOneToFourIsRefused(double ratio) {
        fixture.givenNoPriorActivity()
                .when(new RegisterHost(HOST, "dc1", "hv01.dc1", 64, MEMORY, 0, ratio, false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("overcommitRatio must be from 1.0 to 4.0"))
                .expectNoEvents();
    }

    // Capacity

    @Test
    void capacityIsPhysicalMinusReservedTimesOvercommitRoundedDown() {
        fixture.given(new HostRegistered(HOST, "dc1", "hv", 8, 1001, 100, 1.5, true))
                .when(new MemoryMoves.ReadCapacity(HOST))
                .expectResultMessagePayload(new InventoryLookup.HostCapacity(HOST, "dc1", HostState.ACTIVE, true,
                        1351, 0, Map.of()));
    }

    /** Events stored before overcommit existed read as 0.0; they mean "no overcommit". */
    @Test
    void anOvercommitBelowOneFromOldEventsCountsAsOne() {
        fixture.given(new HostRegistered(HOST, "dc1", "hv", 8, 4096, 0, 0.0, false))
                .when(new MemoryMoves.ReadCapacity(HOST))
                .expectResultMessagePayload(new InventoryLookup.HostCapacity(HOST, "dc1", HostState.ACTIVE, false,
                        4096, 0, Map.of()));
    }

    @Test
    void capacityAnswersTheAllocationsByVm() {
        fixture.given(registered(SMALL), allocated("vm-a", 300, 300), allocated("vm-b", 200, 500),
                        released("vm-a", 300, 200), allocated("vm-c", 100, 300))
                .when(new MemoryMoves.ReadCapacity(HOST))
                .expectResultMessagePayload(new InventoryLookup.HostCapacity(HOST, "dc1", HostState.ACTIVE, false,
                        SMALL, 300, Map.of("vm-b", 200L, "vm-c", 100L)));
    }

    // Memory

    @Test
    void allocatingRecordsTheTotalsAfterTheChange() {
        fixture.given(registered(SMALL), allocated("vm-a", 300, 300))
                .when(new MemoryMoves.Allocate(HOST, "vm-b", 200))
                .expectEvents(allocated("vm-b", 200, 500));
    }

    @Test
    void allocatingExactlyTheFreeMemoryIsAccepted() {
        fixture.given(registered(SMALL), allocated("vm-a", 100, 100), raised(1, AlertSeverity.WARNING, 100))
                .when(new MemoryMoves.Allocate(HOST, "vm-b", 900))
                .expectEvents(allocated("vm-b", 900, 1000), cleared(1, AlertSeverity.WARNING, 1000),
                        raised(2, AlertSeverity.CRITICAL, 1000));
    }

    @Test
    void allocatingMoreThanIsFreeIsRefusedNamingNeededAndFree() {
        fixture.given(registered(SMALL), allocated("vm-a", 700, 700))
                .when(new MemoryMoves.Allocate(HOST, "vm-b", 301))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("host 'hv-01' has 300 MiB free of 1000 MiB"),
                        containsString("VM 'vm-b' needs 301 MiB")))
                .expectNoEvents();
    }

    @Test
    void aHostInMaintenanceTakesNoNewMemory() {
        fixture.given(registered(SMALL), new HostMaintenanceStarted(HOST, "dc1"))
                .when(new MemoryMoves.Allocate(HOST, "vm-a", 1))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("hv-01"), containsString("in maintenance")))
                .expectNoEvents();
    }

    @Test
    void aDecommissionedHostTakesNoMemory() {
        fixture.given(registered(SMALL), new HostDecommissioned(HOST, "dc1"))
                .when(new MemoryMoves.Allocate(HOST, "vm-a", 1))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("decommissioned"))
                .expectNoEvents();
    }

    @Test
    void releasingFreesWhatTheVmHeld() {
        fixture.given(registered(SMALL), allocated("vm-a", 300, 300), allocated("vm-b", 200, 500))
                .when(new MemoryMoves.Release(HOST, "vm-a"))
                .expectEvents(released("vm-a", 300, 200));
    }

    /** VMs provisioned before memory was accounted hold nothing on their host. */
    @Test
    void releasingAVmThatHoldsNothingChangesNothing() {
        fixture.given(registered(SMALL), allocated("vm-a", 300, 300))
                .when(new MemoryMoves.Release(HOST, "vm-old"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aHostInMaintenanceStillReleasesMemory() {
        fixture.given(registered(SMALL), allocated("vm-a", 300, 300), new HostMaintenanceStarted(HOST, "dc1"))
                .when(new MemoryMoves.Release(HOST, "vm-a"))
                .expectEvents(released("vm-a", 300, 0));
    }

    @Test
    void resizingReleasesAndReallocates() {
        fixture.given(registered(SMALL), allocated("vm-a", 300, 300), allocated("vm-b", 100, 400))
                .when(new MemoryMoves.Resize(HOST, "vm-a", 500))
                .expectEvents(released("vm-a", 300, 100), allocated("vm-a", 500, 600));
    }

    @Test
    void growthNeedsOnlyTheDifferenceFree() {
        fixture.given(registered(SMALL), allocated("vm-a", 600, 600), raised(1, AlertSeverity.WARNING, 600))
                .when(new MemoryMoves.Resize(HOST, "vm-a", 1000))
                .expectEvents(released("vm-a", 600, 0), allocated("vm-a", 1000, 1000),
                        cleared(1, AlertSeverity.WARNING, 1000), raised(2, AlertSeverity.CRITICAL, 1000));
    }

    @Test
    void growthThatDoesNotFitIsRefusedNamingNeededAndFree() {
        fixture.given(registered(SMALL), allocated("vm-a", 600, 600), allocated("vm-b", 300, 900))
                .when(new MemoryMoves.Resize(HOST, "vm-a", 800))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("has 100 MiB free"),
                        containsString("growing VM 'vm-a' from 600 to 800 MiB needs 200 MiB")))
                .expectNoEvents();
    }

    @Test
    void shrinkingWorksOnAHostInMaintenance() {
        fixture.given(registered(SMALL), allocated("vm-a", 600, 600), new HostMaintenanceStarted(HOST, "dc1"))
                .when(new MemoryMoves.Resize(HOST, "vm-a", 200))
                .expectEvents(released("vm-a", 600, 0), allocated("vm-a", 200, 200));
    }

    @Test
    void growingOnAHostInMaintenanceIsRefused() {
        fixture.given(registered(SMALL), allocated("vm-a", 200, 200), new HostMaintenanceStarted(HOST, "dc1"))
                .when(new MemoryMoves.Resize(HOST, "vm-a", 300))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("in maintenance"))
                .expectNoEvents();
    }

    // Capacity alerts: raised and cleared once per transition, on the host's own stream

    @Test
    void crossingTheWarningThresholdRaisesAWarning() {
        fixture.given(registered(SMALL), allocated("vm-a", 700, 700))
                .when(new MemoryMoves.Allocate(HOST, "vm-b", 100))
                .expectEvents(allocated("vm-b", 100, 800), raised(1, AlertSeverity.WARNING, 800));
    }

    @Test
    void staysOfTheSameLevelRaiseNothingAgain() {
        fixture.given(registered(SMALL), allocated("vm-a", 800, 800), raised(1, AlertSeverity.WARNING, 800))
                .when(new MemoryMoves.Allocate(HOST, "vm-b", 50))
                .expectEvents(allocated("vm-b", 50, 850));
    }

    @Test
    void belowTheWarningThresholdNothingIsRaised() {
        fixture.given(registered(SMALL))
                .when(new MemoryMoves.Allocate(HOST, "vm-a", 799))
                .expectEvents(allocated("vm-a", 799, 799));
    }

    @Test
    void warningToCriticalClearsTheWarningAndRaisesACriticalAlert() {
        fixture.given(registered(SMALL), allocated("vm-a", 800, 800), raised(1, AlertSeverity.WARNING, 800))
                .when(new MemoryMoves.Allocate(HOST, "vm-b", 100))
                .expectEvents(allocated("vm-b", 100, 900), cleared(1, AlertSeverity.WARNING, 900),
                        raised(2, AlertSeverity.CRITICAL, 900));
    }

    @Test
    void criticalBackToWarningClearsTheCriticalAndRaisesAWarning() {
        fixture.given(registered(SMALL), allocated("vm-a", 800, 800), raised(1, AlertSeverity.WARNING, 800),
                        allocated("vm-b", 100, 900), cleared(1, AlertSeverity.WARNING, 900),
                        raised(2, AlertSeverity.CRITICAL, 900))
                .when(new MemoryMoves.Release(HOST, "vm-b"))
                .expectEvents(released("vm-b", 100, 800), cleared(2, AlertSeverity.CRITICAL, 800),
                        raised(3, AlertSeverity.WARNING, 800));
    }

    @Test
    void warningBackToNoneOnlyClears() {
        fixture.given(registered(SMALL), allocated("vm-a", 800, 800), raised(1, AlertSeverity.WARNING, 800),
                        allocated("vm-b", 100, 900), cleared(1, AlertSeverity.WARNING, 900),
                        raised(2, AlertSeverity.CRITICAL, 900), released("vm-b", 100, 800),
                        cleared(2, AlertSeverity.CRITICAL, 800), raised(3, AlertSeverity.WARNING, 800))
                .when(new MemoryMoves.Release(HOST, "vm-a"))
                .expectEvents(released("vm-a", 800, 0), cleared(3, AlertSeverity.WARNING, 0));
    }

    /** A resize is a release and an allocation, but one evaluation: no alert for the moment in between. */
    @Test
    void aResizeCrossingTwoLevelsRaisesOnlyTheLevelItEndsAt() {
        fixture.given(registered(SMALL), allocated("vm-a", 700, 700))
                .when(new MemoryMoves.Resize(HOST, "vm-a", 950))
                .expectEvents(released("vm-a", 700, 0), allocated("vm-a", 950, 950),
                        raised(1, AlertSeverity.CRITICAL, 950));
    }

    @Test
    void aResizeFromCriticalToNoneOnlyClears() {
        fixture.given(registered(SMALL), allocated("vm-a", 950, 950), raised(1, AlertSeverity.CRITICAL, 950))
                .when(new MemoryMoves.Resize(HOST, "vm-a", 100))
                .expectEvents(released("vm-a", 950, 0), allocated("vm-a", 100, 100),
                        cleared(1, AlertSeverity.CRITICAL, 100));
    }

    @Test
    void alertIdsCountRaisesPerHost() {
        fixture.given(registered(SMALL), allocated("vm-a", 800, 800), raised(1, AlertSeverity.WARNING, 800),
                        released("vm-a", 800, 0), cleared(1, AlertSeverity.WARNING, 0))
                .when(new MemoryMoves.Allocate(HOST, "vm-b", 850))
                .expectEvents(allocated("vm-b", 850, 850), raised(2, AlertSeverity.WARNING, 850));
    }

    @Test
    void thresholdsComeFromConfiguration() {
        fixture = new AggregateTestFixture<>(Host.class);
        fixture.registerAnnotatedCommandHandler(new MemoryMoves(fixture::getRepository,
                new CapacityThresholds(50, 75)));
        fixture.given(registered(SMALL))
                .when(new MemoryMoves.Allocate(HOST, "vm-a", 500))
                .expectEvents(allocated("vm-a", 500, 500), new CapacityAlertRaised(HOST + ":1", HOST, "dc1",
                        AlertSeverity.WARNING, 500, SMALL, 50.0, 50.0));
    }

    // Maintenance

    @Test
    void anActiveHostEntersMaintenance() {
        fixture.given(registered(MEMORY))
                .when(new StartHostMaintenance(HOST))
                .expectEvents(new HostMaintenanceStarted(HOST, "dc1"));
    }

    @Test
    void startingMaintenanceTwiceIsAConflict() {
        fixture.given(registered(MEMORY), new HostMaintenanceStarted(HOST, "dc1"))
                .when(new StartHostMaintenance(HOST))
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString("already in MAINTENANCE"))
                .expectNoEvents();
    }

    @Test
    void aHostInMaintenanceLeavesIt() {
        fixture.given(registered(MEMORY), new HostMaintenanceStarted(HOST, "dc1"))
                .when(new EndHostMaintenance(HOST))
                .expectEvents(new HostMaintenanceEnded(HOST, "dc1"));
    }

    @Test
    void endingMaintenanceOfAnActiveHostIsAConflict() {
        fixture.given(registered(MEMORY))
                .when(new EndHostMaintenance(HOST))
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString("ACTIVE, not in MAINTENANCE"))
                .expectNoEvents();
    }

    // Upgrade

    @Test
    void anEvacuatedHostInMaintenanceIsMarkedUpgraded() {
        fixture.given(registered(SMALL), allocated("vm-a", 300, 300), new HostMaintenanceStarted(HOST, "dc1"),
                        released("vm-a", 300, 0))
                .when(new MarkHostUpgraded(HOST, "2024.1"))
                .expectEvents(new HostUpgraded(HOST, "dc1", "2024.1"));
    }

    @Test
    void anActiveHostCannotBeMarkedUpgraded() {
        fixture.given(registered(MEMORY))
                .when(new MarkHostUpgraded(HOST, "2024.1"))
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString("only a host in MAINTENANCE"))
                .expectNoEvents();
    }

    @Test
    void aHostStillHoldingVmsCannotBeMarkedUpgraded() {
        fixture.given(registered(SMALL), allocated("vm-a", 300, 300), new HostMaintenanceStarted(HOST, "dc1"))
                .when(new MarkHostUpgraded(HOST, "2024.1"))
                .expectException(StateConflict.class)
                .expectExceptionMessage(allOf(containsString("still holds 300 MiB for 1 VM(s) (vm-a)"),
                        containsString("marked upgraded")))
                .expectNoEvents();
    }

    @Test
    void aBlankSoftwareVersionIsRefused() {
        fixture.given(registered(MEMORY), new HostMaintenanceStarted(HOST, "dc1"))
                .when(new MarkHostUpgraded(HOST, " "))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("softwareVersion must not be blank"))
                .expectNoEvents();
    }

    // Temporary capacity

    @Test
    void aHostIsMarkedTemporaryAndPermanentAgain() {
        fixture.given(registered(MEMORY))
                .when(new SetHostTemporary(HOST, true))
                .expectEvents(new HostTemporaryChanged(HOST, "dc1", true));
        fixture.given(registered(MEMORY), new HostTemporaryChanged(HOST, "dc1", true))
                .when(new SetHostTemporary(HOST, false))
                .expectEvents(new HostTemporaryChanged(HOST, "dc1", false));
    }

    /** Asking for what already holds succeeds and stores nothing, so a retried request does not fail. */
    @Test
    void settingTheFlagItAlreadyHasStoresNothing() {
        fixture.given(new HostRegistered(HOST, "dc1", "hv", 8, 1024, 0, 1.0, true))
                .when(new SetHostTemporary(HOST, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // Decommissioning

    @Test
    void anEmptyHostIsDecommissioned() {
        fixture.given(registered(SMALL), allocated("vm-a", 300, 300), released("vm-a", 300, 0))
                .when(new DecommissionHost(HOST))
                .expectEvents(new HostDecommissioned(HOST, "dc1"));
    }

    @Test
    void aHostInMaintenanceCanBeDecommissioned() {
        fixture.given(registered(SMALL), new HostMaintenanceStarted(HOST, "dc1"))
                .when(new DecommissionHost(HOST))
                .expectEvents(new HostDecommissioned(HOST, "dc1"));
    }

    @Test
    void aHostWithMemoryAllocatedCannotBeDecommissioned() {
        fixture.given(registered(SMALL), allocated("vm-a", 300, 300), allocated("vm-b", 100, 400))
                .when(new DecommissionHost(HOST))
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString("still holds 400 MiB for 2 VM(s) (vm-a, vm-b)"))
                .expectNoEvents();
    }

    @Test
    void aDecommissionedHostRefusesEveryCommand() {
        for (Object command : List.of(new StartHostMaintenance(HOST), new EndHostMaintenance(HOST),
                new MarkHostUpgraded(HOST, "2024.1"), new MarkHostUpgraded(HOST, ""), new SetHostTemporary(HOST, true),
                new SetHostTemporary(HOST, false), new DecommissionHost(HOST))) {
            fixture.given(registered(MEMORY), new HostDecommissioned(HOST, "dc1"))
                    .when(command)
                    .expectException(StateConflict.class)
                    .expectExceptionMessage(containsString("decommissioned and accepts no further changes"))
                    .expectNoEvents();
        }
    }

    private static HostRegistered registered(long memoryMib) {
        return new HostRegistered(HOST, "dc1", "hv01.dc1", 64, memoryMib, 0, 1.0, false);
    }

    private static HostMemoryAllocated allocated(String vmId, long memoryMib, long allocatedMib) {
        return new HostMemoryAllocated(HOST, "dc1", vmId, memoryMib, allocatedMib, SMALL);
    }

    private static HostMemoryReleased released(String vmId, long memoryMib, long allocatedMib) {
        return new HostMemoryReleased(HOST, "dc1", vmId, memoryMib, allocatedMib, SMALL);
    }

    private static CapacityAlertRaised raised(int n, AlertSeverity severity, long allocatedMib) {
        return new CapacityAlertRaised(HOST + ":" + n, HOST, "dc1", severity, allocatedMib, SMALL,
                allocatedMib / 10.0, severity == AlertSeverity.CRITICAL ? 90.0 : 80.0);
    }

    private static CapacityAlertCleared cleared(int n, AlertSeverity severity, long allocatedMib) {
        return new CapacityAlertCleared(HOST + ":" + n, HOST, "dc1", severity, allocatedMib, SMALL,
                allocatedMib / 10.0);
    }
}
