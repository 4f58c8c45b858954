package dev.twinledger.commandside.campaign;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.twinledger.api.campaign.CampaignHostCompleted;
import dev.twinledger.api.campaign.CampaignHostEvacuated;
import dev.twinledger.api.campaign.CampaignHostSkipped;
import dev.twinledger.api.campaign.CampaignHostUpgraded;
import dev.twinledger.api.campaign.CampaignMigrationFailed;
import dev.twinledger.api.campaign.CampaignMigrationSucceeded;
import dev.twinledger.api.campaign.CampaignPhase;
import dev.twinledger.api.campaign.CampaignProgress;
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
import dev.twinledger.api.migration.MigrationRolledBack;
import dev.twinledger.api.migration.RequestMigration;
import dev.twinledger.commandside.campaign.ProcessCommands.Refusal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out one upgrade campaign: designates the temporary hosts, then host by host puts the host in maintenance,
 * has the campaign plan its evacuation, requests each planned migration with a deadline, reports each outcome back to
 * the campaign (which decides retries), waits until the host is reported upgraded, ends its maintenance and brings the
 * VMs back; after the last host it completes the campaign and ends.
 *
 * <p>It starts with the campaign's creation, because only {@link UpgradeCampaignCreated} carries the temporary hosts
 * and the migration timeout, and begins work when the campaign starts. While the campaign is paused it requests no
 * migration and starts no host (those are held and sent on resume); migrations in flight still finish and are
 * recorded, and their deadlines still fire.
 *
 * <p>Every command it sends may meet a refusal. Refusals are handled here, never thrown: a state conflict usually
 * means the effect is already there (an event redelivered, a host already in maintenance) and is logged at DEBUG; any
 * other refusal is logged at WARN, and a refused migration request is recorded as a failed attempt so that the move is
 * retried or given up, never lost. Failures that are not refusals propagate, so the event processor retries the
 * event with everything it caused rolled back.
 *
 * <p>Its state is stored as JSON in the saga table between events; fields are read by Jackson directly.
 */
@ProcessingGroup(UpgradeCampaignProcess.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class UpgradeCampaignProcess {

    /** The tracking processor that runs every campaign's process; its position is in {@code token_entry}. */
    static final String PROCESSING_GROUP = "upgrade-campaign-process";
    /** The name of the deadline set for each requested migration. */
    static final String MIGRATION_TIMEOUT = "campaign-migration-timeout";

    private static final Logger log = LoggerFactory.getLogger(UpgradeCampaignProcess.class);
    private static final String CAMPAIGN_ID = "campaignId";
    private static final String HOST_ID = "hostId";
    private static final String MIGRATION_ID = "migrationId";

    private String campaignId;
    private List<String> temporaryHostIds = new ArrayList<>();
    private long migrationTimeoutSeconds;
    /** The campaign's state and host phases as the newest campaign event seen here carried them. */
    private CampaignState state;
    private Map<String, CampaignPhase> phases = new LinkedHashMap<>();
    /** The host this process started and whose turn has not ended yet, or null. */
    private String hostInProgress;
    private boolean maintenanceStarted;
    private boolean maintenanceEnded;
    private Map<String, OpenMigration> openMigrations = new LinkedHashMap<>();
    /** Moves planned while the campaign was paused, requested on resume. */
    private List<PlannedMove> heldMoves = new ArrayList<>();
    /** Upgrades reported (host to version) before the campaign was ready to record them. */
    private Map<String, String> reportedUpgrades = new LinkedHashMap<>();
    private boolean completionRequested;

    /**
     * A migration requested and not yet finished.
     *
     * @param vmId       the migrating VM
     * @param deadlineId the id of its timeout deadline
     */
    record OpenMigration(String vmId, String deadlineId) {
    }

    /**
     * Axon creates a process before its first event and Jackson before restoring it, through this public constructor
     * (Axon's saga factory does not open up non-public ones); nothing else should call it.
     */
    public UpgradeCampaignProcess() {
    }

    @StartSaga
    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(UpgradeCampaignCreated event) {
        campaignId = event.campaignId();
        temporaryHostIds = new ArrayList<>(event.temporaryHostIds());
        migrationTimeoutSeconds = event.migrationTimeoutSeconds();
        mirror(event.progress());
    }

    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(UpgradeCampaignStarted event, CommandGateway commands, DeadlineManager deadlines) {
        mirror(event.progress());
        for (String hostId : temporaryHostIds) {
            ProcessCommands.send(commands, new SetHostTemporary(hostId, true))
                    .ifPresent(refusal -> logRefusal("designating temporary host '" + hostId + "'", refusal));
        }
        advance(commands, deadlines);
    }

    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(UpgradeCampaignPaused event) {
        mirror(event.progress());
    }

    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(UpgradeCampaignResumed event, CommandGateway commands, DeadlineManager deadlines) {
        mirror(event.progress());
        advance(commands, deadlines);
    }

    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(HostEvacuationPlanned event, CommandGateway commands, DeadlineManager deadlines) {
        mirror(event.progress());
        hostInProgress = event.hostId();
        event.moves().forEach(move -> request(move, commands, deadlines));
    }

    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(CampaignMigrationSucceeded event) {
        mirror(event.progress());
    }

    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(CampaignMigrationFailed event, CommandGateway commands, DeadlineManager deadlines) {
        mirror(event.progress());
        if (event.retry() != null) {
            request(event.retry(), commands, deadlines);
        } else {
            log.debug("Campaign {} gave up moving VM {} to {} after {} attempt(s)", campaignId, event.move().vmId(),
                    event.move().toHostId(), event.move().attempt());
        }
    }

    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(CampaignHostEvacuated event, CommandGateway commands) {
        mirror(event.progress());
        String version = reportedUpgrades.remove(event.hostId());
        if (version != null) {
            recordUpgrade(event.hostId(), version, commands);
        }
    }

    /** Associated from the start of the host's turn, so an upgrade reported early is kept, not missed. */
    @SagaEventHandler(associationProperty = HOST_ID)
    void on(HostUpgraded event, CommandGateway commands) {
        if (phases.get(event.hostId()) == CampaignPhase.AWAITING_UPGRADE) {
            recordUpgrade(event.hostId(), event.softwareVersion(), commands);
        } else {
            reportedUpgrades.put(event.hostId(), event.softwareVersion());
        }
    }

    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(CampaignHostUpgraded event, CommandGateway commands) {
        mirror(event.progress());
        endMaintenance(event.hostId(), commands);
        ProcessCommands.send(commands, new PlanHostReturn(campaignId, event.hostId()))
                .ifPresent(refusal -> logRefusal("planning the return to host '" + event.hostId() + "'", refusal));
    }

    /** After an upgrade the maintenance has ended already; after a given-up evacuation it ends here. */
    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(HostReturnPlanned event, CommandGateway commands, DeadlineManager deadlines) {
        mirror(event.progress());
        if (!event.moves().isEmpty() && !maintenanceEnded) {
            endMaintenance(event.hostId(), commands);
        }
        event.moves().forEach(move -> request(move, commands, deadlines));
    }

    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(CampaignHostCompleted event, CommandGateway commands, DeadlineManager deadlines) {
        mirror(event.progress());
        endTurn(event.hostId());
        advance(commands, deadlines);
    }

    /** A skipped host goes back into service if this process took it out; one already in maintenance stays there. */
    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(CampaignHostSkipped event, CommandGateway commands, DeadlineManager deadlines) {
        mirror(event.progress());
        log.debug("Campaign {} skipped host {}: {}", campaignId, event.hostId(), event.reason());
        if (event.hostId().equals(hostInProgress) && maintenanceStarted && !maintenanceEnded) {
            endMaintenance(event.hostId(), commands);
        }
        endTurn(event.hostId());
        advance(commands, deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = CAMPAIGN_ID)
    void on(UpgradeCampaignCompleted event, DeadlineManager deadlines) {
        mirror(event.progress());
        deadlines.cancelAllWithinScope(MIGRATION_TIMEOUT);
        log.debug("Campaign {} completed: {}", campaignId, event.report());
    }

    @SagaEventHandler(associationProperty = MIGRATION_ID)
    void on(MigrationCompleted event, CommandGateway commands, DeadlineManager deadlines) {
        finished(event.migrationId(), true, null, commands, deadlines);
    }

    @SagaEventHandler(associationProperty = MIGRATION_ID)
    void on(MigrationFailed event, CommandGateway commands, DeadlineManager deadlines) {
        finished(event.migrationId(), false, event.reason(), commands, deadlines);
    }

    @SagaEventHandler(associationProperty = MIGRATION_ID)
    void on(MigrationRolledBack event, CommandGateway commands, DeadlineManager deadlines) {
        finished(event.migrationId(), false, "rolled back: " + event.reason(), commands, deadlines);
    }

    /**
     * A migration took longer than the campaign allows: fail it on the VM, whose {@code MigrationFailed} then
     * reaches {@link #on(MigrationFailed, CommandGateway, DeadlineManager)}. A conflict means it is finishing anyway;
     * the deadline is set again in case it never does. Any other refusal (the VM does not know the migration) is
     * recorded as a failure here, so the move is retried or given up.
     */
    @DeadlineHandler(deadlineName = MIGRATION_TIMEOUT)
    void on(MigrationTimeout timeout, CommandGateway commands, DeadlineManager deadlines) {
        OpenMigration migration = openMigrations.get(timeout.migrationId());
        if (migration == null) {
            return;
        }
        String reason = "timed out after " + timeout.timeoutSeconds() + " s";
        Optional<Refusal> refusal = ProcessCommands.send(commands,
                new FailMigration(migration.vmId(), timeout.migrationId(), reason));
        if (refusal.isEmpty()) {
            return;
        }
        if (refusal.get().conflict()) {
            log.debug("Campaign {}: migration {} timed out but cannot be failed ({}); checking again later",
                    campaignId, timeout.migrationId(), refusal.get().message());
            openMigrations.put(timeout.migrationId(), new OpenMigration(migration.vmId(),
                    scheduleTimeout(migration.vmId(), timeout.migrationId(), deadlines)));
            return;
        }
        log.warn("Campaign {}: migration {} timed out and FailMigration was refused ({}); recording it as failed",
                campaignId, timeout.migrationId(), refusal.get().message());
        openMigrations.remove(timeout.migrationId());
        SagaLifecycle.removeAssociationWith(MIGRATION_ID, timeout.migrationId());
        record(timeout.migrationId(), false, reason + "; FailMigration was refused: " + refusal.get().message(),
                commands);
    }

    /** Sends what the campaign is ready for: held moves, then the next host, then completion. */
    private void advance(CommandGateway commands, DeadlineManager deadlines) {
        if (state != CampaignState.RUNNING) {
            return;
        }
        List<PlannedMove> held = heldMoves;
        heldMoves = new ArrayList<>();
        held.forEach(move -> request(move, commands, deadlines));
        if (hostInProgress != null) {
            return;
        }
        String next = phases.entrySet().stream().filter(host -> host.getValue() == CampaignPhase.PENDING)
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (next != null) {
            startTurn(next, commands);
        } else if (!completionRequested) {
            Optional<Refusal> refusal = ProcessCommands.send(commands, new CompleteUpgradeCampaign(campaignId));
            refusal.ifPresent(r -> logRefusal("completing the campaign", r));
            completionRequested = refusal.isEmpty();
        }
    }

    /**
     * Maintenance first, then the plan. A refused maintenance is only logged: the campaign reads the host's state
     * when it plans, and skips a host that is not in maintenance with the reason.
     */
    private void startTurn(String hostId, CommandGateway commands) {
        hostInProgress = hostId;
        maintenanceStarted = false;
        maintenanceEnded = false;
        SagaLifecycle.associateWith(HOST_ID, hostId);
        Optional<Refusal> maintenance = ProcessCommands.send(commands, new StartHostMaintenance(hostId));
        maintenance.ifPresent(refusal -> logRefusal("starting maintenance of host '" + hostId + "'", refusal));
        maintenanceStarted = maintenance.isEmpty();
        ProcessCommands.send(commands, new PlanHostEvacuation(campaignId, hostId))
                .ifPresent(refusal -> logRefusal("planning the evacuation of host '" + hostId + "'", refusal));
    }

    private void endTurn(String hostId) {
        SagaLifecycle.removeAssociationWith(HOST_ID, hostId);
        reportedUpgrades.remove(hostId);
        if (hostId.equals(hostInProgress)) {
            hostInProgress = null;
            maintenanceStarted = false;
            maintenanceEnded = false;
        }
    }

    private void endMaintenance(String hostId, CommandGateway commands) {
        ProcessCommands.send(commands, new EndHostMaintenance(hostId))
                .ifPresent(refusal -> logRefusal("ending maintenance of host '" + hostId + "'", refusal));
        maintenanceEnded = true;
    }

    private void recordUpgrade(String hostId, String version, CommandGateway commands) {
        ProcessCommands.send(commands, new RecordCampaignHostUpgraded(campaignId, hostId, version))
                .ifPresent(refusal -> logRefusal("recording the upgrade of host '" + hostId + "' to '" + version
                        + "' (waiting for another report)", refusal));
    }

    /** Requests one move with its deadline, or holds it while the campaign is paused. */
    private void request(PlannedMove move, CommandGateway commands, DeadlineManager deadlines) {
        if (state != CampaignState.RUNNING) {
            heldMoves.add(move);
            log.debug("Campaign {} is {}: holding migration {} of VM {}", campaignId, state, move.migrationId(),
                    move.vmId());
            return;
        }
        Optional<Refusal> refusal = ProcessCommands.send(commands,
                new RequestMigration(move.vmId(), move.migrationId(), move.toHostId(), campaignId));
        if (refusal.isPresent()) {
            log.debug("Campaign {}: migration {} of VM {} to {} was refused: {}", campaignId, move.migrationId(),
                    move.vmId(), move.toHostId(), refusal.get().message());
            record(move.migrationId(), false, "request refused: " + refusal.get().message(), commands);
            return;
        }
        SagaLifecycle.associateWith(MIGRATION_ID, move.migrationId());
        openMigrations.put(move.migrationId(),
                new OpenMigration(move.vmId(), scheduleTimeout(move.vmId(), move.migrationId(), deadlines)));
    }

    private String scheduleTimeout(String vmId, String migrationId, DeadlineManager deadlines) {
        return deadlines.schedule(Duration.ofSeconds(migrationTimeoutSeconds), MIGRATION_TIMEOUT,
                new MigrationTimeout(vmId, migrationId, migrationTimeoutSeconds));
    }

    /** Redelivered outcomes of a migration already recorded are ignored. */
    private void finished(String migrationId, boolean succeeded, String reason, CommandGateway commands,
                          DeadlineManager deadlines) {
        OpenMigration migration = openMigrations.remove(migrationId);
        if (migration == null) {
            log.debug("Campaign {}: outcome of migration {} already recorded", campaignId, migrationId);
            return;
        }
        deadlines.cancelSchedule(MIGRATION_TIMEOUT, migration.deadlineId());
        SagaLifecycle.removeAssociationWith(MIGRATION_ID, migrationId);
        record(migrationId, succeeded, reason, commands);
    }

    private void record(String migrationId, boolean succeeded, String reason, CommandGateway commands) {
        ProcessCommands.send(commands, new RecordCampaignMigration(campaignId, migrationId, succeeded, reason))
                .ifPresent(refusal -> logRefusal("recording migration " + migrationId, refusal));
    }

    private void mirror(CampaignProgress progress) {
        state = progress.state();
        phases = new LinkedHashMap<>(progress.hostPhases());
    }

    private void logRefusal(String what, Refusal refusal) {
        if (refusal.conflict()) {
            log.debug("Campaign {}: {} answered with a conflict, taken as already done: {}", campaignId, what,
                    refusal.message());
        } else {
            log.warn("Campaign {}: {} was refused: {}", campaignId, what, refusal.message());
        }
    }
}
