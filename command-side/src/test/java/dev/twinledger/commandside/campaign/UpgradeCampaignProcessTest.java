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
import dev.twinledger.api.campaign.HostEvacuationPlanned;
import dev.twinledger.api.campaign.HostReturnPlanned;
import dev.twinledger.api.campaign.PlanHostEvacuation;
import dev.twinledger.api.campaign.PlanHostReturn;
import dev.twinledger.api.campaign.PlannedMove;
import dev.twinledger.api.campaign.RecordCampaignHostUpgraded;
import dev.twinledger.api.campaign.RecordCampaignMigration;
import dev.twinledger.api.campaign.UpgradeCampaignCompleted;
import dev.twinledger.api.campaign.UpgradeCampaignCreated;
import dev.twinledger.api.campaign.UpgradeCampaignPaused;
import dev.twinledger.api.campaign.UpgradeCampaignResumed;
import dev.twinledger.api.campaign.UpgradeCampaignStarted;
import dev.twinledger.api.inventory.EndHostMaintenance;
import dev.twinledger.api.inventory.HostUpgraded;
import dev.twinledger.api.inventory.SetHostTemporary;
import dev.twinledger.api.inventory.StartHostMaintenance;
import dev.twinledger.api.migration.FailMigration;
import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationFailed;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationRolledBack;
import dev.twinledger.api.migration.RequestMigration;
import dev.twinledger.commandside.campaign.MigrationIds.Direction;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;
import dev.twinledger.api.EventMetadata;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.twinledger.api.campaign.CampaignPhase.AWAITING_UPGRADE;
import static dev.twinledger.api.campaign.CampaignPhase.DONE;
import static dev.twinledger.api.campaign.CampaignPhase.EVACUATING;
import static dev.twinledger.api.campaign.CampaignPhase.PENDING;
import static dev.twinledger.api.campaign.CampaignPhase.RETURNING;
import static dev.twinledger.api.campaign.CampaignPhase.SKIPPED;
import static dev.twinledger.api.campaign.CampaignState.COMPLETED;
import static dev.twinledger.api.campaign.CampaignState.PAUSED;
import static dev.twinledger.api.campaign.CampaignState.RUNNING;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The campaign's process against Axon's saga fixture: which commands it sends for each event, which deadlines it
 * sets and cancels, and how it meets refusals. The campaign upgrades h1 then h2 with t1 as temporary capacity, three
 * attempts per move and a 60 s migration timeout.
 */
class UpgradeCampaignProcessTest {

    private static final String C = "c-2021";
    private static final String H1 = "h1";
    private static final String H2 = "h2";
    private static final String T1 = "t1";
    private static final String VERSION = "2021.2";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final PlannedMove A = out("vm-a", T1);
    private static final PlannedMove B = out("vm-b", T1);

    private SagaTestFixture<UpgradeCampaignProcess> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(UpgradeCampaignProcess.class);
    }

    @Test
    void startingDesignatesTemporaryHostsThenPutsTheFirstHostInMaintenanceAndPlansIt() {
        fixture.givenAggregate(C).published(created())
                .whenAggregate(C).publishes(new UpgradeCampaignStarted(C, progress(RUNNING, PENDING, PENDING)))
                .expectActiveSagas(1)
                .expectAssociationWith("hostId", H1)
                .expectDispatchedCommands(new SetHostTemporary(T1, true), new StartHostMaintenance(H1),
                        new PlanHostEvacuation(C, H1));
    }

    @Test
    void aCreatedCampaignWaitsForItsStart() {
        fixture.givenNoPriorActivity()
                .whenAggregate(C).publishes(created())
                .expectActiveSagas(1)
                .expectAssociationWith("campaignId", C)
                .expectNoDispatchedCommands();
    }

    @Test
    void refusedMaintenanceStillAsksForThePlanWhichChecksTheHostItself() {
        refuse(command -> command instanceof StartHostMaintenance, new StateConflict("host 'h1' is MAINTENANCE"));
        fixture.givenAggregate(C).published(created())
                .whenAggregate(C).publishes(new UpgradeCampaignStarted(C, progress(RUNNING, PENDING, PENDING)))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(new SetHostTemporary(T1, true), new StartHostMaintenance(H1),
                        new PlanHostEvacuation(C, H1));
    }

    @Test
    void eachPlannedMoveIsRequestedWithItsDeadline() {
        fixture.givenAggregate(C).published(created(), started())
                .whenAggregate(C).publishes(evacuation(A, B))
                .expectDispatchedCommands(request(A), request(B))
                .expectAssociationWith("migrationId", A.migrationId())
                .expectAssociationWith("migrationId", B.migrationId())
                .expectScheduledDeadline(TIMEOUT, new MigrationTimeout("vm-a", A.migrationId(), 60))
                .expectScheduledDeadline(TIMEOUT, new MigrationTimeout("vm-b", B.migrationId(), 60));
    }

    /** Axon stamps the unit of work's correlation data on the deadline, so a timeout traces back to who caused it. */
    @Test
    void aDeadlineCarriesTheMetadataOfTheStepThatSetIt() {
        fixture.registerEventHandlerInterceptor((unitOfWork, chain) -> {
            unitOfWork.registerCorrelationDataProvider(new SimpleCorrelationDataProvider(EventMetadata.ACTOR_SUBJECT));
            return chain.proceed();
        });
        fixture.givenAggregate(C).published(created(), started())
                .whenPublishingA(evacuation(A), Map.of(EventMetadata.ACTOR_SUBJECT, "subject-admin"))
                .expectScheduledDeadlineMatching(TIMEOUT, new TypeSafeMatcher<DeadlineMessage<?>>() {
                    @Override
                    protected boolean matchesSafely(DeadlineMessage<?> deadline) {
                        return deadline.getPayload().equals(new MigrationTimeout("vm-a", A.migrationId(), 60))
                                && "subject-admin".equals(deadline.getMetaData().get(EventMetadata.ACTOR_SUBJECT));
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("vm-a's timeout set by subject-admin");
                    }
                });
    }

    @Test
    void aCompletedMigrationIsRecordedAndItsDeadlineCancelled() {
        fixture.givenAggregate(C).published(created(), started(), evacuation(A, B))
                .whenAggregate("vm-a").publishes(completed(A))
                .expectDispatchedCommands(new RecordCampaignMigration(C, A.migrationId(), true, null))
                .expectNoScheduledDeadline(TIMEOUT, new MigrationTimeout("vm-a", A.migrationId(), 60))
                .expectScheduledDeadline(TIMEOUT, new MigrationTimeout("vm-b", B.migrationId(), 60))
                .expectNoAssociationWith("migrationId", A.migrationId());
    }

    @Test
    void failedAndRolledBackMigrationsAreRecordedWithTheirReason() {
        fixture.givenAggregate(C).published(created(), started(), evacuation(A, B))
                .andThenAggregate("vm-a").published(new MigrationFailed(A.migrationId(), "vm-a", H1, T1,
                        "libvirt: connection reset", C))
                .whenAggregate("vm-b").publishes(new MigrationRolledBack(B.migrationId(), "vm-b", H1, T1,
                        "operator abort", C))
                .expectDispatchedCommands(new RecordCampaignMigration(C, B.migrationId(), false,
                        "rolled back: operator abort"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aRedeliveredOutcomeIsNotRecordedTwice() {
        fixture.givenAggregate(C).published(created(), started(), evacuation(A, B))
                .andThenAggregate("vm-a").published(completed(A))
                .whenAggregate("vm-a").publishes(completed(A))
                .expectNoDispatchedCommands();
    }

    @Test
    void aMigrationStillOpenAtItsDeadlineIsFailed() {
        fixture.givenAggregate(C).published(created(), started(), evacuation(A, B))
                .andThenAggregate("vm-b").published(completed(B))
                .whenTimeElapses(TIMEOUT.plusSeconds(1))
                .expectTriggeredDeadlines(new MigrationTimeout("vm-a", A.migrationId(), 60))
                .expectDispatchedCommands(new FailMigration("vm-a", A.migrationId(), "timed out after 60 s"));
    }

    @Test
    void aTimeoutTheVmCannotFailIsRecordedAsAFailureHere() {
        refuse(command -> command instanceof FailMigration,
                new RuleViolation("VM 'vm-a' has no migration 'x'"));
        fixture.givenAggregate(C).published(created(), started(), evacuation(A))
                .whenTimeElapses(TIMEOUT.plusSeconds(1))
                .expectDispatchedCommands(new FailMigration("vm-a", A.migrationId(), "timed out after 60 s"),
                        new RecordCampaignMigration(C, A.migrationId(), false,
                                "timed out after 60 s; FailMigration was refused: VM 'vm-a' has no migration 'x'"))
                .expectNoAssociationWith("migrationId", A.migrationId());
    }

    @Test
    void aTimeoutOfAMigrationThatIsFinishingAnywayIsCheckedAgainLater() {
        refuse(command -> command instanceof FailMigration, new StateConflict("migration is COMPLETED"));
        fixture.givenAggregate(C).published(created(), started(), evacuation(A))
                .whenTimeElapses(TIMEOUT)
                .expectDispatchedCommands(new FailMigration("vm-a", A.migrationId(), "timed out after 60 s"))
                .expectScheduledDeadline(TIMEOUT, new MigrationTimeout("vm-a", A.migrationId(), 60))
                .expectAssociationWith("migrationId", A.migrationId());
    }

    @Test
    void aRefusedRequestIsRecordedAsAFailedAttemptAndSetsNoDeadline() {
        refuse(command -> command instanceof RequestMigration && ((RequestMigration) command).vmId().equals("vm-a"),
                new RuleViolation("host 't1' has 512 MiB free, VM 'vm-a' needs 1024 MiB"));
        fixture.givenAggregate(C).published(created(), started())
                .whenAggregate(C).publishes(evacuation(A, B))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(request(A),
                        new RecordCampaignMigration(C, A.migrationId(), false,
                                "request refused: host 't1' has 512 MiB free, VM 'vm-a' needs 1024 MiB"),
                        request(B))
                .expectNoAssociationWith("migrationId", A.migrationId())
                .expectNoScheduledDeadline(TIMEOUT, new MigrationTimeout("vm-a", A.migrationId(), 60));
    }

    @Test
    void aFailureWithARetryRequestsTheRetry() {
        PlannedMove retry = attempt(A, 2);
        fixture.givenAggregate(C).published(created(), started(), evacuation(A))
                .andThenAggregate("vm-a").published(new MigrationFailed(A.migrationId(), "vm-a", H1, T1, "x", C))
                .whenAggregate(C).publishes(new CampaignMigrationFailed(C, H1, A, "x", retry,
                        progress(RUNNING, EVACUATING, PENDING)))
                .expectDispatchedCommands(request(retry))
                .expectScheduledDeadline(TIMEOUT, new MigrationTimeout("vm-a", retry.migrationId(), 60));
    }

    @Test
    void aMoveGivenUpIsNotRequestedAgain() {
        fixture.givenAggregate(C).published(created(), started(), evacuation(A))
                .whenAggregate(C).publishes(new CampaignMigrationFailed(C, H1, A, "x", null,
                        progress(RUNNING, EVACUATING, PENDING)))
                .expectNoDispatchedCommands();
    }

    @Test
    void whilePausedPlannedMovesAndRetriesAreHeld() {
        PlannedMove retry = attempt(B, 2);
        fixture.givenAggregate(C).published(created(), started(), evacuation(B),
                        new UpgradeCampaignPaused(C, "freeze", progress(PAUSED, EVACUATING, PENDING)))
                .whenAggregate(C).publishes(new CampaignMigrationFailed(C, H1, B, "x", retry,
                        progress(PAUSED, EVACUATING, PENDING)))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadline(TIMEOUT, new MigrationTimeout("vm-b", retry.migrationId(), 60));
    }

    @Test
    void resumingSendsWhatWasHeld() {
        PlannedMove retry = attempt(B, 2);
        fixture.givenAggregate(C).published(created(), started(),
                        new UpgradeCampaignPaused(C, "freeze", progress(PAUSED, PENDING, PENDING)),
                        evacuation(PAUSED, A),
                        new CampaignMigrationFailed(C, H1, B, "x", retry, progress(PAUSED, EVACUATING, PENDING)))
                .whenAggregate(C).publishes(new UpgradeCampaignResumed(C, progress(RUNNING, EVACUATING, PENDING)))
                .expectDispatchedCommands(request(A), request(retry))
                .expectScheduledDeadline(TIMEOUT, new MigrationTimeout("vm-a", A.migrationId(), 60));
    }

    @Test
    void whilePausedTheNextHostIsNotStarted() {
        fixture.givenAggregate(C).published(created(), started(), evacuation(A),
                        new UpgradeCampaignPaused(C, null, progress(PAUSED, EVACUATING, PENDING)))
                .whenAggregate(C).publishes(new CampaignHostSkipped(C, H1, "r", progress(PAUSED, SKIPPED, PENDING)))
                .expectDispatchedCommands(new EndHostMaintenance(H1));
    }

    @Test
    void resumingStartsTheHostThatWasHeldBack() {
        fixture.givenAggregate(C).published(created(), started(), evacuation(A),
                        new UpgradeCampaignPaused(C, null, progress(PAUSED, EVACUATING, PENDING)),
                        new CampaignHostSkipped(C, H1, "r", progress(PAUSED, SKIPPED, PENDING)))
                .whenAggregate(C).publishes(new UpgradeCampaignResumed(C, progress(RUNNING, SKIPPED, PENDING)))
                .expectDispatchedCommands(new StartHostMaintenance(H2), new PlanHostEvacuation(C, H2));
    }

    @Test
    void anUpgradeReportedForTheEvacuatedHostIsRecorded() {
        fixture.givenAggregate(C).published(created(), started(), evacuation(A), evacuated())
                .whenAggregate(H1).publishes(new HostUpgraded(H1, "dc1", VERSION))
                .expectDispatchedCommands(new RecordCampaignHostUpgraded(C, H1, VERSION));
    }

    @Test
    void anUpgradeReportedBeforeTheHostWasEmptyIsRecordedOnceItIs() {
        fixture.givenAggregate(C).published(created(), started(), evacuation(A))
                .andThenAggregate(H1).published(new HostUpgraded(H1, "dc1", VERSION))
                .whenAggregate(C).publishes(evacuated())
                .expectDispatchedCommands(new RecordCampaignHostUpgraded(C, H1, VERSION));
    }

    @Test
    void anUpgradeOfAnotherHostIsNotThisCampaignsBusiness() {
        fixture.givenAggregate(C).published(created(), started(), evacuation(A), evacuated())
                .whenAggregate(H2).publishes(new HostUpgraded(H2, "dc1", VERSION))
                .expectNoDispatchedCommands();
    }

    @Test
    void aRecordedUpgradeEndsMaintenanceAndPlansTheReturn() {
        fixture.givenAggregate(C).published(created(), started(), evacuation(A), evacuated())
                .whenAggregate(C).publishes(new CampaignHostUpgraded(C, H1, VERSION,
                        progress(RUNNING, RETURNING, PENDING)))
                .expectDispatchedCommands(new EndHostMaintenance(H1), new PlanHostReturn(C, H1));
    }

    @Test
    void theReturnIsRequestedWithoutEndingMaintenanceAgain() {
        PlannedMove back = back("vm-a");
        fixture.givenAggregate(C).published(created(), started(), evacuation(A), evacuated(),
                        new CampaignHostUpgraded(C, H1, VERSION, progress(RUNNING, RETURNING, PENDING)))
                .whenAggregate(C).publishes(new HostReturnPlanned(C, H1, List.of(back),
                        progress(RUNNING, RETURNING, PENDING)))
                .expectDispatchedCommands(request(back))
                .expectScheduledDeadline(TIMEOUT, new MigrationTimeout("vm-a", back.migrationId(), 60));
    }

    @Test
    void aReturnAfterAGivenUpEvacuationFirstEndsMaintenance() {
        PlannedMove back = back("vm-a");
        fixture.givenAggregate(C).published(created(), started(), evacuation(A, B))
                .whenAggregate(C).publishes(new HostReturnPlanned(C, H1, List.of(back),
                        progress(RUNNING, RETURNING, PENDING)))
                .expectDispatchedCommands(new EndHostMaintenance(H1), request(back));
    }

    @Test
    void aCompletedHostStartsTheNextOne() {
        fixture.givenAggregate(C).published(created(), started(), evacuation(A), evacuated(),
                        new CampaignHostUpgraded(C, H1, VERSION, progress(RUNNING, RETURNING, PENDING)))
                .whenAggregate(C).publishes(new CampaignHostCompleted(C, H1, progress(RUNNING, DONE, PENDING)))
                .expectDispatchedCommands(new StartHostMaintenance(H2), new PlanHostEvacuation(C, H2))
                .expectNoAssociationWith("hostId", H1)
                .expectAssociationWith("hostId", H2);
    }

    @Test
    void aSkippedHostThisProcessPutInMaintenanceIsBroughtBackAndTheNextStarted() {
        fixture.givenAggregate(C).published(created(), started())
                .whenAggregate(C).publishes(new CampaignHostSkipped(C, H1, "VM 'vm-a' fits nowhere",
                        progress(RUNNING, SKIPPED, PENDING)))
                .expectDispatchedCommands(new EndHostMaintenance(H1), new StartHostMaintenance(H2),
                        new PlanHostEvacuation(C, H2));
    }

    @Test
    void aSkippedHostThatWasInMaintenanceBeforeStaysInMaintenance() {
        refuse(command -> command instanceof StartHostMaintenance, new StateConflict("host 'h1' is MAINTENANCE"));
        fixture.givenAggregate(C).published(created(), started())
                .whenAggregate(C).publishes(new CampaignHostSkipped(C, H1, "VM 'vm-a' fits nowhere",
                        progress(RUNNING, SKIPPED, PENDING)))
                .expectDispatchedCommands(new StartHostMaintenance(H2), new PlanHostEvacuation(C, H2));
    }

    @Test
    void afterTheLastHostTheCampaignIsCompleted() {
        fixture.givenAggregate(C).published(created(), started(),
                        new CampaignHostSkipped(C, H1, "r", progress(RUNNING, SKIPPED, PENDING)),
                        evacuationOf(H2, RUNNING, SKIPPED),
                        new CampaignHostEvacuated(C, H2, progress(RUNNING, SKIPPED, AWAITING_UPGRADE)),
                        new CampaignHostUpgraded(C, H2, VERSION, progress(RUNNING, SKIPPED, RETURNING)))
                .whenAggregate(C).publishes(new CampaignHostCompleted(C, H2, progress(RUNNING, SKIPPED, DONE)))
                .expectDispatchedCommands(new CompleteUpgradeCampaign(C))
                .expectActiveSagas(1);
    }

    @Test
    void theCompletedCampaignEndsTheProcess() {
        fixture.givenAggregate(C).published(created(), started(),
                        new CampaignHostSkipped(C, H1, "r", progress(RUNNING, SKIPPED, PENDING)),
                        new CampaignHostSkipped(C, H2, "r", progress(RUNNING, SKIPPED, SKIPPED)))
                .whenAggregate(C).publishes(new UpgradeCampaignCompleted(C, new CampaignReport(0, 0, 0, 0, 0,
                        List.of(), Map.of(H1, "r", H2, "r"), Instant.EPOCH, Instant.EPOCH, 0),
                        progress(COMPLETED, SKIPPED, SKIPPED)))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void aCompletionRefusedBecauseThePauseCameFirstIsSentAgainOnResume() {
        refuse(command -> command instanceof CompleteUpgradeCampaign,
                new StateConflict("campaign 'c-2021' is PAUSED"));
        fixture.givenAggregate(C).published(created(), started(),
                        new CampaignHostSkipped(C, H1, "r", progress(RUNNING, SKIPPED, PENDING)),
                        new CampaignHostSkipped(C, H2, "r", progress(RUNNING, SKIPPED, SKIPPED)),
                        new UpgradeCampaignPaused(C, null, progress(PAUSED, SKIPPED, SKIPPED)))
                .whenAggregate(C).publishes(new UpgradeCampaignResumed(C, progress(RUNNING, SKIPPED, SKIPPED)))
                .expectDispatchedCommands(new CompleteUpgradeCampaign(C));
    }

    @Test
    void commandsNobodyHandlesAreLoggedNotThrown() {
        refuse(command -> command instanceof SetHostTemporary || command instanceof StartHostMaintenance,
                new NoHandlerForCommandException("No handler was subscribed"));
        fixture.givenAggregate(C).published(created())
                .whenAggregate(C).publishes(new UpgradeCampaignStarted(C, progress(RUNNING, PENDING, PENDING)))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(new SetHostTemporary(T1, true), new StartHostMaintenance(H1),
                        new PlanHostEvacuation(C, H1));
    }

    @Test
    void aFailureThatIsNoRefusalPropagatesSoTheProcessorRetriesTheEvent() {
        refuse(command -> command instanceof RequestMigration, new IllegalStateException("connection lost"));
        assertThatThrownBy(() -> fixture.givenAggregate(C).published(created(), started())
                .whenAggregate(C).publishes(evacuation(A))
                .expectSuccessfulHandlerExecution())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("connection lost");
    }

    // --- messages --------------------------------------------------------------------------------------------------

    private void refuse(Predicate<Object> which, RuntimeException refusal) {
        fixture.setCallbackBehavior((payload, metadata) -> {
            if (which.test(payload)) {
                throw refusal;
            }
            return null;
        });
    }

    private static UpgradeCampaignCreated created() {
        return new UpgradeCampaignCreated(C, "Upgrade 2021", "dc1", List.of(H1, H2), List.of(T1), VERSION, 3, 60,
                progress(CampaignState.CREATED, PENDING, PENDING));
    }

    private static UpgradeCampaignStarted started() {
        return new UpgradeCampaignStarted(C, progress(RUNNING, PENDING, PENDING));
    }

    private static HostEvacuationPlanned evacuation(PlannedMove... moves) {
        return evacuation(RUNNING, moves);
    }

    private static HostEvacuationPlanned evacuation(CampaignState state, PlannedMove... moves) {
        return new HostEvacuationPlanned(C, H1, List.of(moves), progress(state, EVACUATING, PENDING));
    }

    private static HostEvacuationPlanned evacuationOf(String hostId, CampaignState state, CampaignPhase h1) {
        return new HostEvacuationPlanned(C, hostId, List.of(), progress(state, h1, EVACUATING));
    }

    private static CampaignHostEvacuated evacuated() {
        return new CampaignHostEvacuated(C, H1, progress(RUNNING, AWAITING_UPGRADE, PENDING));
    }

    private static MigrationCompleted completed(PlannedMove move) {
        return new MigrationCompleted(move.migrationId(), move.vmId(), MigrationKind.HOST_TO_HOST, "dc1",
                move.fromHostId(), "dc1", move.toHostId(), "p-" + move.vmId(), "p-" + move.vmId(), C);
    }

    private static RequestMigration request(PlannedMove move) {
        return new RequestMigration(move.vmId(), move.migrationId(), move.toHostId(), C);
    }

    private static PlannedMove out(String vmId, String to) {
        return new PlannedMove(vmId, 1024, H1, to, MigrationIds.of(C, H1, vmId, Direction.OUT, 1), 1);
    }

    private static PlannedMove back(String vmId) {
        return new PlannedMove(vmId, 1024, T1, H1, MigrationIds.of(C, H1, vmId, Direction.BACK, 1), 1);
    }

    private static PlannedMove attempt(PlannedMove first, int attempt) {
        return new PlannedMove(first.vmId(), first.memoryMib(), first.fromHostId(), first.toHostId(),
                MigrationIds.of(C, H1, first.vmId(), Direction.OUT, attempt), attempt);
    }

    /** Counters do not steer the process, so they are left at zero here. */
    private static CampaignProgress progress(CampaignState state, CampaignPhase h1, CampaignPhase h2) {
        Map<String, CampaignPhase> phases = new LinkedHashMap<>();
        phases.put(H1, h1);
        phases.put(H2, h2);
        return new CampaignProgress(state, null, phases, 0, 0, 0, 0, 0);
    }
}
