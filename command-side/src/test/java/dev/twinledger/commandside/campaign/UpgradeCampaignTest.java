package dev.twinledger.commandside.campaign;

import dev.twinledger.api.campaign.CampaignHostCompleted;
import dev.twinledger.api.campaign.CampaignHostEvacuated;
import dev.twinledger.api.campaign.CampaignHostSkipped;
import dev.twinledger.api.campaign.CampaignHostUpgraded;
import dev.twinledger.api.campaign.CampaignMigrationFailed;
import dev.twinledger.api.campaign.CampaignMigrationSucceeded;
import dev.twinledger.api.campaign.CampaignPhase;
import dev.twinledger.api.campaign.CampaignProgress;
import dev.twinledger.api.campaign.CampaignReport;
import dev.twinledger.api.campaign.CampaignState;
import dev.twinledger.api.campaign.CompleteUpgradeCampaign;
import dev.twinledger.api.campaign.CreateUpgradeCampaign;
import dev.twinledger.api.campaign.HostEvacuationPlanned;
import dev.twinledger.api.campaign.HostReturnPlanned;
import dev.twinledger.api.campaign.PauseUpgradeCampaign;
import dev.twinledger.api.campaign.PlanHostEvacuation;
import dev.twinledger.api.campaign.PlanHostReturn;
import dev.twinledger.api.campaign.PlannedMove;
import dev.twinledger.api.campaign.RecordCampaignHostUpgraded;
import dev.twinledger.api.campaign.RecordCampaignMigration;
import dev.twinledger.api.campaign.ResumeUpgradeCampaign;
import dev.twinledger.api.campaign.StartUpgradeCampaign;
import dev.twinledger.api.campaign.UpgradeCampaignCompleted;
import dev.twinledger.api.campaign.UpgradeCampaignCreated;
import dev.twinledger.api.campaign.UpgradeCampaignPaused;
import dev.twinledger.api.campaign.UpgradeCampaignResumed;
import dev.twinledger.api.campaign.UpgradeCampaignStarted;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.commandside.campaign.MigrationIds.Direction;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.twinledger.api.campaign.CampaignPhase.AWAITING_UPGRADE;
import static dev.twinledger.api.campaign.CampaignPhase.DONE;
import static dev.twinledger.api.campaign.CampaignPhase.EVACUATING;
import static dev.twinledger.api.campaign.CampaignPhase.PENDING;
import static dev.twinledger.api.campaign.CampaignPhase.RETURNING;
import static dev.twinledger.api.campaign.CampaignPhase.SKIPPED;
import static dev.twinledger.api.campaign.CampaignState.COMPLETED;
import static dev.twinledger.api.campaign.CampaignState.CREATED;
import static dev.twinledger.api.campaign.CampaignState.PAUSED;
import static dev.twinledger.api.campaign.CampaignState.RUNNING;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/**
 * The campaign's rules with the event store replaced by Axon's fixture and the inventory by fixed capacities: the
 * campaign upgrades h1 then h2 at dc1, with t1 and t2 as temporary capacity, three attempts per move.
 */
class UpgradeCampaignTest {

    private static final String C = "c-2021";
    private static final String SITE = "dc1";
    private static final String H1 = "h1";
    private static final String H2 = "h2";
    private static final String T1 = "t1";
    private static final String T2 = "t2";
    private static final String VERSION = "2021.2";
    private static final long GIB = 1024;

    private static final UpgradeCampaignCreated CREATED_EVENT = new UpgradeCampaignCreated(C, "Upgrade 2021", SITE,
            List.of(H1, H2), List.of(T1, T2), VERSION, 3, 60, p(CREATED).phases(PENDING, PENDING).build());
    private static final UpgradeCampaignStarted STARTED = new UpgradeCampaignStarted(C,
            p(RUNNING).phases(PENDING, PENDING).build());

    private AggregateTestFixture<UpgradeCampaign> fixture;
    private FakeInventory inventory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UpgradeCampaign.class);
        inventory = new FakeInventory().site(SITE)
                .host(H1, SITE, HostState.ACTIVE, 64 * GIB)
                .host(H2, SITE, HostState.ACTIVE, 64 * GIB)
                .host(T1, SITE, HostState.ACTIVE, 64 * GIB)
                .host(T2, SITE, HostState.ACTIVE, 64 * GIB)
                .site("dc2").host("far", "dc2", HostState.ACTIVE, 64 * GIB)
                .host("gone", SITE, HostState.DECOMMISSIONED, 64 * GIB);
        fixture.registerInjectableResource(inventory);
    }

    // --- creating
    @Test
    void aValidCampaignIsCreatedWithEveryHostPendingInOrder() {
        fixture.givenNoPriorActivity()
                .when(create(List.of(H1, H2), List.of(T1, T2), 3, 60))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CREATED_EVENT);
    }

    @Test
    void temporaryHostsMayBeOmitted() {
        fixture.givenNoPriorActivity()
                .when(create(List.of(H1), null, 1, 1))
                .expectEvents(new UpgradeCampaignCreated(C, "Upgrade 2021", SITE, List.of(H1), List.of(), VERSION,
                        1, 1, p(CREATED).phase(H1, PENDING).build()));
    }

    @Test
    void anUnknownSiteIsRefused() {
        refused(new CreateUpgradeCampaign(C, "Upgrade", "dc9", List.of(H1), List.of(), VERSION, 3, 60),
                "site 'dc9' does not exist");
    }

    @Test
    void anUnknownHostIsRefused() {
        refused(create(List.of(H1, "nope"), List.of(T1), 3, 60), "host 'nope' does not exist");
    }

    @Test
    void anUnknownTemporaryHostIsRefused() {
        refused(create(List.of(H1), List.of("nope"), 3, 60), "host 'nope' does not exist");
    }

    @Test
    void aHostAtAnotherSiteIsRefused() {
        refused(create(List.of(H1), List.of("far"), 3, 60), "host 'far' stands in site 'dc2', not in 'dc1'");
    }

    @Test
    void aDecommissionedHostIsRefused() {
        refused(create(List.of(H1, "gone"), List.of(), 3, 60), "host 'gone' is DECOMMISSIONED");
    }

    @Test
    void aHostNamedTwiceIsRefused() {
        refused(create(List.of(H1, H2, H1), List.of(), 3, 60), "hostIds names host 'h1' twice");
    }

    @Test
    void aTemporaryHostNamedTwiceIsRefused() {
        refused(create(List.of(H1), List.of(T1, T1), 3, 60), "temporaryHostIds names host 't1' twice");
    }

    @Test
    void aHostBothToUpgradeAndTemporaryIsRefused() {
        refused(create(List.of(H1, H2), List.of(H2), 3, 60),
                "host 'h2' is named both to upgrade and as temporary capacity");
    }

    @Test
    void aCampaignWithoutHostsIsRefused() {
        refused(create(List.of(), List.of(T1), 3, 60), "at least one host");
    }

    @Test
    void attemptsOutside1To10AreRefused() {
        refused(create(List.of(H1), List.of(), 0, 60), "maxAttempts must be from 1 to 10, was 0");
        refused(create(List.of(H1), List.of(), 11, 60), "maxAttempts must be from 1 to 10, was 11");
    }

    @Test
    void aTimeoutBelowOneSecondIsRefused() {
        refused(create(List.of(H1), List.of(), 3, 0), "migrationTimeoutSeconds must be at least 1, was 0");
    }

    @Test
    void blankNameAndVersionAreRefused() {
        refused(new CreateUpgradeCampaign(C, " ", SITE, List.of(H1), List.of(), VERSION, 3, 60),
                "name must not be blank");
        refused(new CreateUpgradeCampaign(C, "Upgrade", SITE, List.of(H1), List.of(), "", 3, 60),
                "targetVersion must not be blank");
    }

    @Test
    void aMalformedIdIsRefused() {
        refused(new CreateUpgradeCampaign("-bad", "Upgrade", SITE, List.of(H1), List.of(), VERSION, 3, 60),
                "campaignId '-bad' is not a valid id");
    }

    private void refused(CreateUpgradeCampaign command, String message) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString(message))
                .expectNoEvents();
    }

    // --- starting pausing resuming
    @Test
    void aCreatedCampaignStartsRunning() {
        fixture.given(CREATED_EVENT)
                .when(new StartUpgradeCampaign(C))
                .expectEvents(STARTED);
    }

    @Test
    void startingTwiceIsAConflictNamingTheState() {
        conflict(new StartUpgradeCampaign(C), "campaign 'c-2021' is RUNNING; only a CREATED campaign can be"
                + " started", CREATED_EVENT, STARTED);
    }

    @Test
    void aRunningCampaignPausesWithItsReason() {
        fixture.given(CREATED_EVENT, STARTED)
                .when(new PauseUpgradeCampaign(C, "  tender deadline  "))
                .expectEvents(new UpgradeCampaignPaused(C, "tender deadline",
                        p(PAUSED).phases(PENDING, PENDING).build()));
    }

    @Test
    void aBlankPauseReasonIsRecordedAsNone() {
        fixture.given(CREATED_EVENT, STARTED)
                .when(new PauseUpgradeCampaign(C, " "))
                .expectEvents(new UpgradeCampaignPaused(C, null, p(PAUSED).phases(PENDING, PENDING).build()));
    }

    @Test
    void aCampaignNotRunningCannotBePaused() {
        conflict(new PauseUpgradeCampaign(C, null), "campaign 'c-2021' is CREATED; only a RUNNING campaign can"
                + " be paused", CREATED_EVENT);
    }

    @Test
    void aPausedCampaignResumes() {
        fixture.given(CREATED_EVENT, STARTED, paused())
                .when(new ResumeUpgradeCampaign(C))
                .expectEvents(new UpgradeCampaignResumed(C, p(RUNNING).phases(PENDING, PENDING).build()));
    }

    @Test
    void aRunningCampaignCannotBeResumed() {
        conflict(new ResumeUpgradeCampaign(C), "campaign 'c-2021' is RUNNING; only a PAUSED campaign can be"
                + " resumed", CREATED_EVENT, STARTED);
    }

    @Test
    void aCompletedCampaignRefusesEverything() {
        Object[] history = completedHistory();
        conflict(new StartUpgradeCampaign(C), "is COMPLETED", history);
        conflict(new PauseUpgradeCampaign(C, null), "is COMPLETED", history);
        conflict(new ResumeUpgradeCampaign(C), "is COMPLETED", history);
        conflict(new PlanHostEvacuation(C, H1), "is COMPLETED", history);
        conflict(new CompleteUpgradeCampaign(C), "is COMPLETED", history);
    }

    // --- planning an evacuation
    @Test
    void eachVmGoesToTheTightestTemporaryHostThatHoldsIt() {
        inventory.host(H1, SITE, HostState.MAINTENANCE, 64 * GIB, "vm-a", 8 * GIB, "vm-b", 4 * GIB,
                        "vm-c", 2 * GIB)
                .host(T1, SITE, HostState.ACTIVE, 16 * GIB)
                .host(T2, SITE, HostState.ACTIVE, 6 * GIB);
        List<PlannedMove> moves = List.of(out(H1, "vm-a", 8 * GIB, T1), out(H1, "vm-b", 4 * GIB, T2),
                out(H1, "vm-c", 2 * GIB, T2));
        fixture.given(CREATED_EVENT, STARTED)
                .when(new PlanHostEvacuation(C, H1))
                .expectEvents(new HostEvacuationPlanned(C, H1, moves,
                        p(RUNNING).current(H1).phases(EVACUATING, PENDING).counts(3, 0, 0, 0, 3).build()));
    }

    @Test
    void whatThePlanPlacedCountsAgainstTheHost() {
        inventory.host(H1, SITE, HostState.MAINTENANCE, 64 * GIB, "vm-a", 6 * GIB, "vm-b", 6 * GIB)
                .host(T1, SITE, HostState.ACTIVE, 10 * GIB)
                .host(T2, SITE, HostState.MAINTENANCE, 64 * GIB);
        fixture.given(CREATED_EVENT, STARTED)
                .when(new PlanHostEvacuation(C, H1))
                .expectEvents(new CampaignHostSkipped(C, H1, "VM 'vm-b' (6144 MiB) fits on no ACTIVE temporary"
                        + " or upgraded host (largest free: 4096 MiB); nothing was moved",
                        p(RUNNING).phases(SKIPPED, PENDING).build()));
    }

    @Test
    void hostsThisCampaignFinishedTakeVmsTooButNotInactiveOnes() {
        inventory.host(H2, SITE, HostState.MAINTENANCE, 64 * GIB, "vm-x", 8 * GIB)
                .host(T1, SITE, HostState.MAINTENANCE, 10 * GIB)
                .host(T2, SITE, HostState.ACTIVE, 4 * GIB)
                .host(H1, SITE, HostState.ACTIVE, 32 * GIB);
        List<Object> history = new ArrayList<>(List.of(CREATED_EVENT, STARTED));
        history.addAll(emptyTurn(H1));
        fixture.given(history)
                .when(new PlanHostEvacuation(C, H2))
                .expectEvents(new HostEvacuationPlanned(C, H2, List.of(out(H2, "vm-x", 8 * GIB, H1)),
                        p(RUNNING).current(H2).phases(DONE, EVACUATING).counts(1, 0, 0, 0, 1).build()));
    }

    @Test
    void anEmptyHostIsEvacuatedAtOnce() {
        inventory.host(H1, SITE, HostState.MAINTENANCE, 64 * GIB);
        fixture.given(CREATED_EVENT, STARTED)
                .when(new PlanHostEvacuation(C, H1))
                .expectEvents(
                        new HostEvacuationPlanned(C, H1, List.of(),
                                p(RUNNING).current(H1).phases(EVACUATING, PENDING).build()),
                        new CampaignHostEvacuated(C, H1,
                                p(RUNNING).current(H1).phases(AWAITING_UPGRADE, PENDING).build()));
    }

    @Test
    void aHostNotInMaintenanceIsSkippedAndNothingMoves() {
        inventory.host(H1, SITE, HostState.ACTIVE, 64 * GIB, "vm-a", GIB);
        fixture.given(CREATED_EVENT, STARTED)
                .when(new PlanHostEvacuation(C, H1))
                .expectEvents(new CampaignHostSkipped(C, H1, "host 'h1' is ACTIVE, not in MAINTENANCE: its"
                        + " maintenance could not be started", p(RUNNING).phases(SKIPPED, PENDING).build()));
    }

    @Test
    void aPausedCampaignStillPlansTheHostItsProcessStarted() {
        inventory.host(H1, SITE, HostState.MAINTENANCE, 64 * GIB, "vm-a", GIB);
        fixture.given(CREATED_EVENT, STARTED, paused())
                .when(new PlanHostEvacuation(C, H1))
                .expectEvents(new HostEvacuationPlanned(C, H1, List.of(out(H1, "vm-a", GIB, T1)),
                        p(PAUSED).current(H1).phases(EVACUATING, PENDING).counts(1, 0, 0, 0, 1).build()));
    }

    @Test
    void hostsAreTakenInCampaignOrder() {
        conflict(new PlanHostEvacuation(C, H2), "host 'h1' comes before 'h2'", CREATED_EVENT, STARTED);
    }

    @Test
    void onlyOneHostIsWorkedOnAtATime() {
        inventory.host(H1, SITE, HostState.MAINTENANCE, 64 * GIB, "vm-a", GIB);
        conflict(new PlanHostEvacuation(C, H2), "host 'h1' of campaign 'c-2021' is still EVACUATING",
                CREATED_EVENT, STARTED, evacuationOfH1("vm-a"));
    }

    @Test
    void planningTwiceIsAConflict() {
        conflict(new PlanHostEvacuation(C, H1), "host 'h1' of campaign 'c-2021' is EVACUATING, not PENDING",
                CREATED_EVENT, STARTED, evacuationOfH1("vm-a"));
    }

    @Test
    void aHostOutsideTheCampaignIsRefused() {
        fixture.given(CREATED_EVENT, STARTED)
                .when(new PlanHostEvacuation(C, T1))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("host 't1' is not upgraded by campaign 'c-2021'")
                .expectNoEvents();
    }

    @Test
    void aCampaignNotStartedPlansNothing() {
        conflict(new PlanHostEvacuation(C, H1), "campaign 'c-2021' is CREATED", CREATED_EVENT);
    }

    // --- recording migrations
    @Test
    void whenTheLastMoveOutSucceedsTheHostIsEvacuated() {
        PlannedMove a = out(H1, "vm-a", GIB, T1);
        PlannedMove b = out(H1, "vm-b", GIB, T1);
        fixture.given(CREATED_EVENT, STARTED, evacuationOfH1("vm-a", "vm-b"), succeeded(a, 2, 1))
                .when(new RecordCampaignMigration(C, b.migrationId(), true, null))
                .expectEvents(
                        new CampaignMigrationSucceeded(C, H1, b,
                                p(RUNNING).current(H1).phases(EVACUATING, PENDING).counts(2, 2, 0, 0, 0).build()),
                        new CampaignHostEvacuated(C, H1,
                                p(RUNNING).current(H1).phases(AWAITING_UPGRADE, PENDING).counts(2, 2, 0, 0, 0)
                                        .build()));
    }

    @Test
    void aFailureIsRetriedOnTheSameTargetWithANewMigrationId() {
        PlannedMove a = out(H1, "vm-a", GIB, T1);
        PlannedMove retry = attempt(a, 2);
        fixture.given(CREATED_EVENT, STARTED, evacuationOfH1("vm-a"))
                .when(new RecordCampaignMigration(C, a.migrationId(), false, "libvirt: connection reset"))
                .expectEvents(new CampaignMigrationFailed(C, H1, a, "libvirt: connection reset", retry,
                        p(RUNNING).current(H1).phases(EVACUATING, PENDING).counts(2, 0, 1, 1, 1).build()));
    }

    @Test
    void retriesAreCountedUpToMaxAttemptsThenTheMoveIsGivenUp() {
        PlannedMove a = out(H1, "vm-a", GIB, T1);
        PlannedMove second = attempt(a, 2);
        PlannedMove third = attempt(a, 3);
        fixture.given(CREATED_EVENT, STARTED, evacuationOfH1("vm-a"),
                        new CampaignMigrationFailed(C, H1, a, "x", second,
                                p(RUNNING).current(H1).phases(EVACUATING, PENDING).counts(2, 0, 1, 1, 1).build()),
                        new CampaignMigrationFailed(C, H1, second, "x", third,
                                p(RUNNING).current(H1).phases(EVACUATING, PENDING).counts(3, 0, 2, 2, 1).build()))
                .when(new RecordCampaignMigration(C, third.migrationId(), false, "timed out after 60 s"))
                .expectEvents(
                        new CampaignMigrationFailed(C, H1, third, "timed out after 60 s", null,
                                p(RUNNING).current(H1).phases(EVACUATING, PENDING).counts(3, 0, 3, 2, 0).build()),
                        new CampaignHostSkipped(C, H1, "VM 'vm-a' could not be moved out of host 'h1' in 3"
                                + " attempt(s) (last: timed out after 60 s), so the host was not upgraded; the VMs"
                                + " that had left it were planned back",
                                p(RUNNING).phases(SKIPPED, PENDING).counts(3, 0, 3, 2, 0).build()));
    }

    @Test
    void aGivenUpEvacuationBringsBackWhatAlreadyMovedAndSkipsTheHost() {
        PlannedMove a = out(H1, "vm-a", GIB, T1);
        PlannedMove b = out(H1, "vm-b", GIB, T1);
        PlannedMove back = new PlannedMove("vm-a", GIB, T1, H1,
                MigrationIds.of(C, H1, "vm-a", Direction.BACK, 1), 1);
        UpgradeCampaignCreated oneAttempt = new UpgradeCampaignCreated(C, "Upgrade 2021", SITE, List.of(H1, H2),
                List.of(T1, T2), VERSION, 1, 60, p(CREATED).phases(PENDING, PENDING).build());
        fixture.given(oneAttempt, STARTED, evacuationOfH1("vm-a", "vm-b"), succeeded(a, 2, 1))
                .when(new RecordCampaignMigration(C, b.migrationId(), false, "no route to host"))
                .expectEvents(
                        new CampaignMigrationFailed(C, H1, b, "no route to host", null,
                                p(RUNNING).current(H1).phases(EVACUATING, PENDING).counts(2, 1, 1, 0, 0).build()),
                        new HostReturnPlanned(C, H1, List.of(back),
                                p(RUNNING).current(H1).phases(RETURNING, PENDING).counts(3, 1, 1, 0, 1).build()));

        fixture.given(oneAttempt, STARTED, evacuationOfH1("vm-a", "vm-b"), succeeded(a, 2, 1),
                        new CampaignMigrationFailed(C, H1, b, "no route to host", null,
                                p(RUNNING).current(H1).phases(EVACUATING, PENDING).counts(2, 1, 1, 0, 0).build()),
                        new HostReturnPlanned(C, H1, List.of(back),
                                p(RUNNING).current(H1).phases(RETURNING, PENDING).counts(3, 1, 1, 0, 1).build()))
                .when(new RecordCampaignMigration(C, back.migrationId(), true, null))
                .expectEvents(
                        new CampaignMigrationSucceeded(C, H1, back,
                                p(RUNNING).current(H1).phases(RETURNING, PENDING).counts(3, 2, 1, 0, 0).build()),
                        new CampaignHostSkipped(C, H1, "VM 'vm-b' could not be moved out of host 'h1' in 1"
                                + " attempt(s) (last: no route to host), so the host was not upgraded; the VMs"
                                + " that had left it were planned back",
                                p(RUNNING).phases(SKIPPED, PENDING).counts(3, 2, 1, 0, 0).build()));
    }

    @Test
    void migrationsInFlightAreRecordedWhilePaused() {
        PlannedMove a = out(H1, "vm-a", GIB, T1);
        fixture.given(CREATED_EVENT, STARTED, evacuationOfH1("vm-a"), paused(H1, EVACUATING, 1, 0))
                .when(new RecordCampaignMigration(C, a.migrationId(), true, null))
                .expectEvents(
                        new CampaignMigrationSucceeded(C, H1, a,
                                p(PAUSED).current(H1).phases(EVACUATING, PENDING).counts(1, 1, 0, 0, 0).build()),
                        new CampaignHostEvacuated(C, H1,
                                p(PAUSED).current(H1).phases(AWAITING_UPGRADE, PENDING).counts(1, 1, 0, 0, 0)
                                        .build()));
    }

    @Test
    void recordingAMigrationTwiceIsAConflict() {
        PlannedMove a = out(H1, "vm-a", GIB, T1);
        conflict(new RecordCampaignMigration(C, a.migrationId(), true, null), "is already recorded",
                CREATED_EVENT, STARTED, evacuationOfH1("vm-a", "vm-b"), succeeded(a, 2, 1));
    }

    @Test
    void aMigrationOfNoMoveIsRefused() {
        fixture.given(CREATED_EVENT, STARTED, evacuationOfH1("vm-a"))
                .when(new RecordCampaignMigration(C, "m-unknown", true, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("migration 'm-unknown' is not one of campaign 'c-2021'")
                .expectNoEvents();
    }

    // --- upgrading and returning
    @Test
    void theReportedUpgradeOfAnEvacuatedHostIsRecorded() {
        fixture.given(evacuatedH1WithVmAOnT1())
                .when(new RecordCampaignHostUpgraded(C, H1, VERSION))
                .expectEvents(new CampaignHostUpgraded(C, H1, VERSION,
                        p(RUNNING).current(H1).phases(RETURNING, PENDING).counts(1, 1, 0, 0, 0).build()));
    }

    @Test
    void anUpgradeToAnotherVersionIsRefused() {
        fixture.given(evacuatedH1WithVmAOnT1())
                .when(new RecordCampaignHostUpgraded(C, H1, "2020.9"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(containsString("'2020.9'"), containsString("'2021.2'")))
                .expectNoEvents();
    }

    @Test
    void anUpgradeBeforeTheHostIsEmptyIsAConflict() {
        conflict(new RecordCampaignHostUpgraded(C, H1, VERSION), "is EVACUATING, not AWAITING_UPGRADE",
                CREATED_EVENT, STARTED, evacuationOfH1("vm-a"));
    }

    @Test
    void eachVmStillAwayIsPlannedBackFromWhereItIs() {
        PlannedMove back = new PlannedMove("vm-a", GIB, T1, H1,
                MigrationIds.of(C, H1, "vm-a", Direction.BACK, 1), 1);
        fixture.given(upgradedH1WithVmAOnT1())
                .when(new PlanHostReturn(C, H1))
                .expectEvents(new HostReturnPlanned(C, H1, List.of(back),
                        p(RUNNING).current(H1).phases(RETURNING, PENDING).counts(2, 1, 0, 0, 1).build()));
    }

    @Test
    void planningTheReturnTwiceIsAConflict() {
        List<Object> history = upgradedH1WithVmAOnT1();
        history.add(returnOfVmA());
        conflict(new PlanHostReturn(C, H1), "the return to host 'h1' is already planned", history.toArray());
    }

    @Test
    void theReturnBeforeTheUpgradeIsAConflict() {
        conflict(new PlanHostReturn(C, H1), "is AWAITING_UPGRADE, not RETURNING",
                evacuatedH1WithVmAOnT1().toArray());
    }

    @Test
    void whenTheLastVmIsBackTheHostIsDone() {
        List<Object> history = upgradedH1WithVmAOnT1();
        history.add(returnOfVmA());
        PlannedMove back = returnOfVmA().moves().get(0);
        fixture.given(history)
                .when(new RecordCampaignMigration(C, back.migrationId(), true, null))
                .expectEvents(
                        new CampaignMigrationSucceeded(C, H1, back,
                                p(RUNNING).current(H1).phases(RETURNING, PENDING).counts(2, 2, 0, 0, 0).build()),
                        new CampaignHostCompleted(C, H1,
                                p(RUNNING).phases(DONE, PENDING).counts(2, 2, 0, 0, 0).build()));
    }

    @Test
    void aReturnGivenUpLeavesTheVmAwayButTheUpgradedHostIsDone() {
        UpgradeCampaignCreated oneAttempt = new UpgradeCampaignCreated(C, "Upgrade 2021", SITE, List.of(H1, H2),
                List.of(T1, T2), VERSION, 1, 60, p(CREATED).phases(PENDING, PENDING).build());
        List<Object> history = upgradedH1WithVmAOnT1();
        history.set(0, oneAttempt);
        history.add(returnOfVmA());
        PlannedMove back = returnOfVmA().moves().get(0);
        fixture.given(history)
                .when(new RecordCampaignMigration(C, back.migrationId(), false, "target refused"))
                .expectEvents(
                        new CampaignMigrationFailed(C, H1, back, "target refused", null,
                                p(RUNNING).current(H1).phases(RETURNING, PENDING).counts(2, 1, 1, 0, 0).build()),
                        new CampaignHostCompleted(C, H1,
                                p(RUNNING).phases(DONE, PENDING).counts(2, 1, 1, 0, 0).build()));
    }

    @Test
    void aHostWithNothingAwayIsDoneAtOnce() {
        List<Object> history = new ArrayList<>(List.of(CREATED_EVENT, STARTED));
        history.addAll(emptyTurn(H1).subList(0, 3));
        fixture.given(history)
                .when(new PlanHostReturn(C, H1))
                .expectEvents(
                        new HostReturnPlanned(C, H1, List.of(),
                                p(RUNNING).current(H1).phases(RETURNING, PENDING).build()),
                        new CampaignHostCompleted(C, H1, p(RUNNING).phases(DONE, PENDING).build()));
    }

    // --- completing
    @Test
    void theReportCountsWhatTheEventsSay() {
        Instant started = Instant.parse("2021-03-06T22:00:00Z");
        Instant completed = started.plusSeconds(4 * 3600 + 17);
        PlannedMove a = out(H1, "vm-a", 8 * GIB, T1);
        PlannedMove b = out(H1, "vm-b", 4 * GIB, T2);
        PlannedMove b2 = attempt(b, 2);
        PlannedMove backA = new PlannedMove("vm-a", 8 * GIB, T1, H1,
                MigrationIds.of(C, H1, "vm-a", Direction.BACK, 1), 1);
        PlannedMove backB = new PlannedMove("vm-b", 4 * GIB, T2, H1,
                MigrationIds.of(C, H1, "vm-b", Direction.BACK, 1), 1);
        fixture.givenCurrentTime(started)
                .andGiven(CREATED_EVENT, STARTED,
                        new HostEvacuationPlanned(C, H1, List.of(a, b),
                                p(RUNNING).current(H1).phases(EVACUATING, PENDING).counts(2, 0, 0, 0, 2).build()),
                        new CampaignMigrationSucceeded(C, H1, a,
                                p(RUNNING).current(H1).phases(EVACUATING, PENDING).counts(2, 1, 0, 0, 1).build()),
                        new CampaignMigrationFailed(C, H1, b, "x", b2,
                                p(RUNNING).current(H1).phases(EVACUATING, PENDING).counts(3, 1, 1, 1, 1).build()),
                        new CampaignMigrationSucceeded(C, H1, b2,
                                p(RUNNING).current(H1).phases(EVACUATING, PENDING).counts(3, 2, 1, 1, 0).build()),
                        new CampaignHostEvacuated(C, H1,
                                p(RUNNING).current(H1).phases(AWAITING_UPGRADE, PENDING).counts(3, 2, 1, 1, 0)
                                        .build()),
                        new CampaignHostUpgraded(C, H1, VERSION,
                                p(RUNNING).current(H1).phases(RETURNING, PENDING).counts(3, 2, 1, 1, 0).build()),
                        new HostReturnPlanned(C, H1, List.of(backA, backB),
                                p(RUNNING).current(H1).phases(RETURNING, PENDING).counts(5, 2, 1, 1, 2).build()),
                        new CampaignMigrationSucceeded(C, H1, backA,
                                p(RUNNING).current(H1).phases(RETURNING, PENDING).counts(5, 3, 1, 1, 1).build()),
                        new CampaignMigrationSucceeded(C, H1, backB,
                                p(RUNNING).current(H1).phases(RETURNING, PENDING).counts(5, 4, 1, 1, 0).build()),
                        new CampaignHostCompleted(C, H1,
                                p(RUNNING).phases(DONE, PENDING).counts(5, 4, 1, 1, 0).build()),
                        new CampaignHostSkipped(C, H2, "host 'h2' is ACTIVE, not in MAINTENANCE",
                                p(RUNNING).phases(DONE, SKIPPED).counts(5, 4, 1, 1, 0).build()))
                .andGivenCurrentTime(completed)
                .when(new CompleteUpgradeCampaign(C))
                .expectEvents(new UpgradeCampaignCompleted(C,
                        new CampaignReport(2, 4, 1, 1, 0, List.of(H1),
                                Map.of(H2, "host 'h2' is ACTIVE, not in MAINTENANCE"), started, completed,
                                4 * 3600 + 17),
                        p(COMPLETED).phases(DONE, SKIPPED).counts(5, 4, 1, 1, 0).build()));
    }

    @Test
    void aCampaignWithAHostStillUnderWayCannotComplete() {
        conflict(new CompleteUpgradeCampaign(C), "host 'h1' of campaign 'c-2021' is still EVACUATING",
                CREATED_EVENT, STARTED, evacuationOfH1("vm-a"));
    }

    @Test
    void aPausedCampaignCannotComplete() {
        List<Object> history = new ArrayList<>(List.of(CREATED_EVENT, STARTED));
        history.add(new CampaignHostSkipped(C, H1, "r", p(RUNNING).phases(SKIPPED, PENDING).build()));
        history.add(new CampaignHostSkipped(C, H2, "r", p(RUNNING).phases(SKIPPED, SKIPPED).build()));
        history.add(new UpgradeCampaignPaused(C, null, p(PAUSED).phases(SKIPPED, SKIPPED).build()));
        conflict(new CompleteUpgradeCampaign(C), "campaign 'c-2021' is PAUSED; only a RUNNING campaign can be"
                + " completed", history.toArray());
    }

    // --- histories -------------------------------------------------------------------------------------------------

    private static CreateUpgradeCampaign create(List<String> hosts, List<String> temporary, int attempts,
                                                long timeout) {
        return new CreateUpgradeCampaign(C, "Upgrade 2021", SITE, hosts, temporary, VERSION, attempts, timeout);
    }

    /** h1 planned with each named VM (1 GiB) going to t1. */
    private static HostEvacuationPlanned evacuationOfH1(String... vms) {
        List<PlannedMove> moves = new ArrayList<>();
        for (String vm : vms) {
            moves.add(out(H1, vm, GIB, T1));
        }
        return new HostEvacuationPlanned(C, H1, moves,
                p(RUNNING).current(H1).phases(EVACUATING, PENDING).counts(vms.length, 0, 0, 0, vms.length).build());
    }

    private static CampaignMigrationSucceeded succeeded(PlannedMove move, int requested, int succeeded) {
        return new CampaignMigrationSucceeded(C, H1, move, p(RUNNING).current(H1).phases(EVACUATING, PENDING)
                .counts(requested, succeeded, 0, 0, requested - succeeded).build());
    }

    private static List<Object> evacuatedH1WithVmAOnT1() {
        PlannedMove a = out(H1, "vm-a", GIB, T1);
        return new ArrayList<>(List.of(CREATED_EVENT, STARTED, evacuationOfH1("vm-a"), succeeded(a, 1, 1),
                new CampaignHostEvacuated(C, H1,
                        p(RUNNING).current(H1).phases(AWAITING_UPGRADE, PENDING).counts(1, 1, 0, 0, 0).build())));
    }

    private static List<Object> upgradedH1WithVmAOnT1() {
        List<Object> history = evacuatedH1WithVmAOnT1();
        history.add(new CampaignHostUpgraded(C, H1, VERSION,
                p(RUNNING).current(H1).phases(RETURNING, PENDING).counts(1, 1, 0, 0, 0).build()));
        return history;
    }

    private static HostReturnPlanned returnOfVmA() {
        return new HostReturnPlanned(C, H1, List.of(new PlannedMove("vm-a", GIB, T1, H1,
                MigrationIds.of(C, H1, "vm-a", Direction.BACK, 1), 1)),
                p(RUNNING).current(H1).phases(RETURNING, PENDING).counts(2, 1, 0, 0, 1).build());
    }

    /** An empty host's whole turn: planned, evacuated, upgraded, nothing to bring back, done. */
    private static List<Object> emptyTurn(String hostId) {
        return List.of(
                new HostEvacuationPlanned(C, hostId, List.of(),
                        p(RUNNING).current(hostId).phase(H1, EVACUATING).phase(H2, PENDING).build()),
                new CampaignHostEvacuated(C, hostId,
                        p(RUNNING).current(hostId).phase(H1, AWAITING_UPGRADE).phase(H2, PENDING).build()),
                new CampaignHostUpgraded(C, hostId, VERSION,
                        p(RUNNING).current(hostId).phase(H1, RETURNING).phase(H2, PENDING).build()),
                new HostReturnPlanned(C, hostId, List.of(),
                        p(RUNNING).current(hostId).phase(H1, RETURNING).phase(H2, PENDING).build()),
                new CampaignHostCompleted(C, hostId, p(RUNNING).phase(H1, DONE).phase(H2, PENDING).build()));
    }

    private static Object[] completedHistory() {
        return new Object[] {CREATED_EVENT, STARTED,
                new CampaignHostSkipped(C, H1, "r", p(RUNNING).phases(SKIPPED, PENDING).build()),
                new CampaignHostSkipped(C, H2, "r", p(RUNNING).phases(SKIPPED, SKIPPED).build()),
                new UpgradeCampaignCompleted(C, new CampaignReport(0, 0, 0, 0, 0, List.of(),
                        Map.of(H1, "r", H2, "r"), Instant.EPOCH, Instant.EPOCH, 0),
                        p(COMPLETED).phases(SKIPPED, SKIPPED).build())};
    }

    private static UpgradeCampaignPaused paused() {
        return new UpgradeCampaignPaused(C, null, p(PAUSED).phases(PENDING, PENDING).build());
    }

    private static UpgradeCampaignPaused paused(String current, CampaignPhase phase, int requested, int succeeded) {
        return new UpgradeCampaignPaused(C, null, p(PAUSED).current(current).phases(phase, PENDING)
                .counts(requested, succeeded, 0, 0, requested - succeeded).build());
    }

    private static PlannedMove out(String hostId, String vmId, long mib, String to) {
        return new PlannedMove(vmId, mib, hostId, to, MigrationIds.of(C, hostId, vmId, Direction.OUT, 1), 1);
    }

    private static PlannedMove attempt(PlannedMove first, int attempt) {
        return new PlannedMove(first.vmId(), first.memoryMib(), first.fromHostId(), first.toHostId(),
                MigrationIds.of(C, first.fromHostId(), first.vmId(), Direction.OUT, attempt), attempt);
    }

    private void conflict(Object command, String message, Object... history) {
        fixture.given(history)
                .when(command)
                .expectException(StateConflict.class)
                .expectExceptionMessage(containsString(message))
                .expectNoEvents();
    }

    // --- expected progress, spelled out --------------------------------------------------------------------------

    private static ProgressOf p(CampaignState state) {
        return new ProgressOf(state);
    }

    /** An expected {@link CampaignProgress}, every number given explicitly. */
    private static final class ProgressOf {

        private final CampaignState state;
        private String current;
        private final Map<String, CampaignPhase> phases = new LinkedHashMap<>();
        private int requested;
        private int succeeded;
        private int failed;
        private int retried;
        private int pending;

        ProgressOf(CampaignState state) {
            this.state = state;
        }

        ProgressOf current(String hostId) {
            current = hostId;
            return this;
        }

        /** Phases of h1 and h2. */
        ProgressOf phases(CampaignPhase h1, CampaignPhase h2) {
            phases.put(H1, h1);
            phases.put(H2, h2);
            return this;
        }

        ProgressOf phase(String hostId, CampaignPhase phase) {
            phases.put(hostId, phase);
            return this;
        }

        ProgressOf counts(int requested, int succeeded, int failed, int retried, int pending) {
            this.requested = requested;
            this.succeeded = succeeded;
            this.failed = failed;
            this.retried = retried;
            this.pending = pending;
            return this;
        }

        CampaignProgress build() {
            return new CampaignProgress(state, current, phases, requested, succeeded, failed, retried, pending);
        }
    }
}
