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
import dev.twinledger.commandside.inventory.InventoryLookup;
import dev.twinledger.commandside.inventory.InventoryLookup.HostCapacity;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An upgrade campaign at one site: it upgrades its hosts one at a time, in the order given. For each host it plans
 * the moves that empty it (onto temporary hosts and hosts this campaign already finished), counts every migration's
 * outcome and decides retries, waits for the host to be reported upgraded, and plans the moves back. It never talks
 * to hosts or VMs itself: {@code UpgradeCampaignProcess} carries its plans out and reports the outcomes here.
 *
 * <p>A move that fails on every attempt while the host is being emptied ends that host's turn: the host cannot be
 * upgraded with a VM still on it, so the VMs that already left are planned back and the host ends
 * {@link CampaignPhase#SKIPPED} with the reason. A move back that fails on every attempt leaves that VM where it is; the
 * host is still upgraded and ends {@link CampaignPhase#DONE}, and the report counts the move as abandoned.
 */
final class UpgradeCampaign {

    @AggregateIdentifier
    private String campaignId;
    private List<String> hostIds;
    private List<String> temporaryHostIds;
    private String targetVersion;
    private int maxAttempts;
    /** As carried by the newest event: the campaign's state, the hosts' phases and the counters. */
    private CampaignProgress progress;
    /** Migrations requested and not yet recorded, by migration id. */
    private final Map<String, OpenMove> open = new LinkedHashMap<>();
    private final Set<String> recorded = new HashSet<>();
    /** Per host, the VMs that moved out of it and are still away, with the move that took each (its target is where it is). */
    private final Map<String, Map<String, PlannedMove>> away = new HashMap<>();
    private final Set<String> returnsPlanned = new HashSet<>();
    /** Why the current host's evacuation was given up, or null. */
    private String evacuationGivenUp;
    private final Set<String> vmsMoved = new HashSet<>();
    private int migrationsAbandoned;
    private final List<String> hostsUpgraded = new ArrayList<>();
    private final Map<String, String> hostsSkipped = new LinkedHashMap<>();
    private Instant startedAt;

    /** A requested migration and the host whose turn it belongs to. */
    private record OpenMove(String hostId, PlannedMove move) {

        boolean outOfTheHost() {
            return move.fromHostId().equals(hostId);
        }
    }

    /**
     * Axon rebuilds a campaign by creating an empty instance and replaying its events into it, so it needs a no-arg
     * constructor; nothing else should call it.
     */
    UpgradeCampaign() {
    }

    /**
     * The site and every host must exist now, and the hosts must stand at the site; {@code inventory} is injected by
     * Axon (the event-store-backed lookup at run time, a fake in tests).
     */
    @CommandHandler
    UpgradeCampaign(CreateUpgradeCampaign command, InventoryLookup inventory) {
        CampaignChecks.id(command.campaignId(), "campaignId");
        CampaignChecks.text(command.name(), "name", CampaignChecks.MAX_NAME_LENGTH);
        CampaignChecks.id(command.siteId(), "siteId");
        CampaignChecks.text(command.targetVersion(), "targetVersion", CampaignChecks.MAX_VERSION_LENGTH);
        List<String> hosts = CampaignChecks.distinctIds(command.hostIds(), "hostIds");
        List<String> temporary = CampaignChecks.distinctIds(command.temporaryHostIds(), "temporaryHostIds");
        if (hosts.isEmpty()) {
            throw new RuleViolation("hostIds must name at least one host to upgrade");
        }
        for (String hostId : temporary) {
            if (hosts.contains(hostId)) {
                throw new RuleViolation("host '" + hostId + "' is named both to upgrade and as temporary capacity");
            }
        }
        if (command.maxAttempts() < CampaignChecks.MIN_ATTEMPTS || command.maxAttempts() > CampaignChecks.MAX_ATTEMPTS) {
            throw new RuleViolation("maxAttempts must be from " + CampaignChecks.MIN_ATTEMPTS + " to "
                    + CampaignChecks.MAX_ATTEMPTS + ", was " + command.maxAttempts());
        }
        if (command.migrationTimeoutSeconds() < 1) {
            throw new RuleViolation("migrationTimeoutSeconds must be at least 1, was "
                    + command.migrationTimeoutSeconds());
        }
        if (!inventory.siteExists(command.siteId())) {
            throw new RuleViolation("site '" + command.siteId() + "' does not exist");
        }
        List<String> all = new ArrayList<>(hosts);
        all.addAll(temporary);
        for (String hostId : all) {
            HostCapacity host = inventory.capacity(hostId)
                    .orElseThrow(() -> new RuleViolation("host '" + hostId + "' does not exist"));
            if (!command.siteId().equals(host.siteId())) {
                throw new RuleViolation("host '" + hostId + "' stands in site '" + host.siteId() + "', not in '"
                        + command.siteId() + "'");
            }
            if (host.state() == HostState.DECOMMISSIONED) {
                throw new RuleViolation("host '" + hostId + "' is DECOMMISSIONED");
            }
        }
        apply(new UpgradeCampaignCreated(command.campaignId(), command.name(), command.siteId(), hosts, temporary,
                command.targetVersion(), command.maxAttempts(), command.migrationTimeoutSeconds(),
                ProgressDraft.created(hosts).build()));
    }

    @CommandHandler
    void handle(StartUpgradeCampaign command) {
        requireState(CampaignState.CREATED, "started");
        apply(new UpgradeCampaignStarted(campaignId, draft().state(CampaignState.RUNNING).build()));
    }

    @CommandHandler
    void handle(PauseUpgradeCampaign command) {
        requireState(CampaignState.RUNNING, "paused");
        String reason = command.reason() == null || command.reason().isBlank() ? null : command.reason().strip();
        if (reason != null && reason.length() > CampaignChecks.MAX_REASON_LENGTH) {
            throw new RuleViolation("reason must be at most " + CampaignChecks.MAX_REASON_LENGTH + " characters");
        }
        apply(new UpgradeCampaignPaused(campaignId, reason, draft().state(CampaignState.PAUSED).build()));
    }

    @CommandHandler
    void handle(ResumeUpgradeCampaign command) {
        requireState(CampaignState.PAUSED, "resumed");
        apply(new UpgradeCampaignResumed(campaignId, draft().state(CampaignState.RUNNING).build()));
    }

    /**
     * Plans the moves that empty the next host. The host must be in maintenance (nothing new lands on it while it is
     * emptied); when it is not, is gone, or one of its VMs fits nowhere, the host is skipped with the reason and
     * nothing moves. Candidates are the temporary hosts and the hosts this campaign finished, {@code ACTIVE} ones only,
     * read with their current allocations; an already empty host is evacuated at once.
     */
    @CommandHandler
    void handle(PlanHostEvacuation command, InventoryLookup inventory) {
        requireUnderWay();
        String hostId = command.hostId();
        requireHostPhase(hostId, CampaignPhase.PENDING);
        String busy = hostUnderWay();
        if (busy != null) {
            throw new StateConflict("host '" + busy + "' of campaign '" + campaignId + "' is still "
                    + phaseOf(busy) + "; hosts are upgraded one at a time");
        }
        String next = nextPendingHost();
        if (!hostId.equals(next)) {
            throw new StateConflict("host '" + next + "' comes before '" + hostId + "' in campaign '" + campaignId
                    + "'");
        }
        Optional<HostCapacity> host = inventory.capacity(hostId);
        if (host.isEmpty()) {
            skip(hostId, "host '" + hostId + "' no longer exists");
            return;
        }
        if (host.get().state() != HostState.MAINTENANCE) {
            skip(hostId, "host '" + hostId + "' is " + host.get().state() + ", not in MAINTENANCE: its maintenance"
                    + " could not be started");
            return;
        }
        Placement.Plan plan = Placement.plan(host.get().allocations(), candidates(inventory));
        if (!plan.complete()) {
            skip(hostId, "VM '" + plan.unplaced() + "' (" + plan.unplacedMib() + " MiB) fits on no ACTIVE temporary"
                    + " or upgraded host (largest free: " + plan.largestFree() + " MiB); nothing was moved");
            return;
        }
        List<PlannedMove> moves = plan.moves().stream()
                .map(move -> new PlannedMove(move.vmId(), move.memoryMib(), hostId, move.toHostId(),
                        MigrationIds.of(campaignId, hostId, move.vmId(), Direction.OUT, 1), 1))
                .toList();
        apply(new HostEvacuationPlanned(campaignId, hostId, moves, draft().currentHost(hostId)
                .phase(hostId, CampaignPhase.EVACUATING).requested(moves.size()).build()));
        if (moves.isEmpty()) {
            apply(new CampaignHostEvacuated(campaignId, hostId,
                    draft().phase(hostId, CampaignPhase.AWAITING_UPGRADE).build()));
        }
    }

    /** Plans one move back for each VM that left the upgraded host and is still away. */
    @CommandHandler
    void handle(PlanHostReturn command) {
        requireUnderWay();
        String hostId = command.hostId();
        requireHostPhase(hostId, CampaignPhase.RETURNING);
        if (returnsPlanned.contains(hostId)) {
            throw new StateConflict("the return to host '" + hostId + "' is already planned");
        }
        planReturn(hostId);
    }

    @CommandHandler
    void handle(RecordCampaignHostUpgraded command) {
        requireUnderWay();
        String hostId = command.hostId();
        requireHostPhase(hostId, CampaignPhase.AWAITING_UPGRADE);
        CampaignChecks.text(command.softwareVersion(), "softwareVersion", CampaignChecks.MAX_VERSION_LENGTH);
        if (!command.softwareVersion().equals(targetVersion)) {
            throw new RuleViolation("host '" + hostId + "' reports version '" + command.softwareVersion()
                    + "', but campaign '" + campaignId + "' upgrades to '" + targetVersion + "'");
        }
        apply(new CampaignHostUpgraded(campaignId, hostId, command.softwareVersion(),
                draft().phase(hostId, CampaignPhase.RETURNING).build()));
    }

    /**
     * The outcome of one of this campaign's migrations. A failure is retried on the same target (the failed attempt
     * released the memory it held there, so the plan still holds) with a new migration id, until {@code maxAttempts};
     * then the move is given up. When the last open move of the host's turn ends, the host moves on.
     */
    @CommandHandler
    void handle(RecordCampaignMigration command) {
        requireUnderWay();
        OpenMove entry = open.get(command.migrationId());
        if (entry == null) {
            if (recorded.contains(command.migrationId())) {
                throw new StateConflict("migration '" + command.migrationId() + "' of campaign '" + campaignId
                        + "' is already recorded");
            }
            throw new RuleViolation("migration '" + command.migrationId() + "' is not one of campaign '"
                    + campaignId + "'");
        }
        PlannedMove move = entry.move();
        if (command.succeeded()) {
            apply(new CampaignMigrationSucceeded(campaignId, entry.hostId(), move, draft().succeeded().build()));
        } else {
            String reason = command.reason() == null || command.reason().isBlank() ? "no reason given"
                    : command.reason().strip();
            PlannedMove retry = move.attempt() < maxAttempts ? retryOf(entry) : null;
            apply(new CampaignMigrationFailed(campaignId, entry.hostId(), move, reason, retry,
                    draft().failed(retry != null).build()));
        }
        moveOnWhenTurnSettled(entry.hostId());
    }

    @CommandHandler
    void handle(CompleteUpgradeCampaign command) {
        requireState(CampaignState.RUNNING, "completed");
        for (Map.Entry<String, CampaignPhase> host : progress.hostPhases().entrySet()) {
            if (host.getValue() != CampaignPhase.DONE && host.getValue() != CampaignPhase.SKIPPED) {
                throw new StateConflict("host '" + host.getKey() + "' of campaign '" + campaignId + "' is still "
                        + host.getValue());
            }
        }
        // Axon's event clock: the wall clock in service, a fixed instant in fixtures.
        Instant completedAt = GenericEventMessage.clock.instant();
        CampaignReport report = new CampaignReport(vmsMoved.size(), progress.migrationsSucceeded(),
                progress.migrationsFailed(), progress.migrationsRetried(), migrationsAbandoned,
                List.copyOf(hostsUpgraded), Collections.unmodifiableMap(new LinkedHashMap<>(hostsSkipped)),
                startedAt, completedAt, Duration.between(startedAt, completedAt).getSeconds());
        apply(new UpgradeCampaignCompleted(campaignId, report,
                draft().state(CampaignState.COMPLETED).currentHost(null).build()));
    }

    private void moveOnWhenTurnSettled(String hostId) {
        boolean stillOpen = open.values().stream().anyMatch(entry -> entry.hostId().equals(hostId));
        if (stillOpen) {
            return;
        }
        CampaignPhase phase = phaseOf(hostId);
        if (phase == CampaignPhase.EVACUATING) {
            if (evacuationGivenUp == null) {
                apply(new CampaignHostEvacuated(campaignId, hostId,
                        draft().phase(hostId, CampaignPhase.AWAITING_UPGRADE).build()));
            } else {
                planReturn(hostId);
            }
        } else if (phase == CampaignPhase.RETURNING) {
            if (evacuationGivenUp == null) {
                apply(new CampaignHostCompleted(campaignId, hostId,
                        draft().phase(hostId, CampaignPhase.DONE).currentHost(null).build()));
            } else {
                skip(hostId, evacuationGivenUp);
            }
        }
    }

    /** Moves back for the VMs still away from {@code hostId}; a turn with nothing to bring back ends at once. */
    private void planReturn(String hostId) {
        List<PlannedMove> moves = away.getOrDefault(hostId, Map.of()).values().stream()
                .map(out -> new PlannedMove(out.vmId(), out.memoryMib(), out.toHostId(), hostId,
                        MigrationIds.of(campaignId, hostId, out.vmId(), Direction.BACK, 1), 1))
                .toList();
        if (moves.isEmpty() && evacuationGivenUp != null) {
            skip(hostId, evacuationGivenUp);
            return;
        }
        apply(new HostReturnPlanned(campaignId, hostId, moves,
                draft().phase(hostId, CampaignPhase.RETURNING).requested(moves.size()).build()));
        if (moves.isEmpty()) {
            apply(new CampaignHostCompleted(campaignId, hostId,
                    draft().phase(hostId, CampaignPhase.DONE).currentHost(null).build()));
        }
    }

    private void skip(String hostId, String reason) {
        apply(new CampaignHostSkipped(campaignId, hostId, reason,
                draft().phase(hostId, CampaignPhase.SKIPPED).currentHost(null).build()));
    }

    private PlannedMove retryOf(OpenMove entry) {
        PlannedMove move = entry.move();
        Direction direction = entry.outOfTheHost() ? Direction.OUT : Direction.BACK;
        int attempt = move.attempt() + 1;
        return new PlannedMove(move.vmId(), move.memoryMib(), move.fromHostId(), move.toHostId(),
                MigrationIds.of(campaignId, entry.hostId(), move.vmId(), direction, attempt), attempt);
    }

    /** Temporary hosts first, then the hosts this campaign finished, each as it stands now; ACTIVE ones only. */
    private List<Placement.Candidate> candidates(InventoryLookup inventory) {
        List<String> ids = new ArrayList<>(temporaryHostIds);
        progress.hostPhases().forEach((hostId, phase) -> {
            if (phase == CampaignPhase.DONE) {
                ids.add(hostId);
            }
        });
        List<Placement.Candidate> candidates = new ArrayList<>();
        for (String id : ids) {
            inventory.capacity(id)
                    .filter(host -> host.state() == HostState.ACTIVE)
                    .ifPresent(host -> candidates.add(new Placement.Candidate(id, host.freeMib())));
        }
        return candidates;
    }

    private ProgressDraft draft() {
        return ProgressDraft.from(progress);
    }

    private void requireState(CampaignState expected, String verb) {
        if (progress.state() != expected) {
            throw new StateConflict("campaign '" + campaignId + "' is " + progress.state() + "; only a " + expected
                    + " campaign can be " + verb);
        }
    }

    /** The process keeps working while a campaign is paused: migrations in flight finish and are recorded. */
    private void requireUnderWay() {
        if (progress.state() != CampaignState.RUNNING && progress.state() != CampaignState.PAUSED) {
            throw new StateConflict("campaign '" + campaignId + "' is " + progress.state()
                    + "; hosts are worked on only while it is RUNNING or PAUSED");
        }
    }

    private void requireHostPhase(String hostId, CampaignPhase expected) {
        CampaignPhase phase = phaseOf(hostId);
        if (phase == null) {
            throw new RuleViolation("host '" + hostId + "' is not upgraded by campaign '" + campaignId + "'");
        }
        if (phase != expected) {
            throw new StateConflict("host '" + hostId + "' of campaign '" + campaignId + "' is " + phase
                    + ", not " + expected);
        }
    }

    private CampaignPhase phaseOf(String hostId) {
        return progress.hostPhases().get(hostId);
    }

    private String hostUnderWay() {
        return progress.hostPhases().entrySet().stream()
                .filter(host -> host.getValue() == CampaignPhase.EVACUATING
                        || host.getValue() == CampaignPhase.AWAITING_UPGRADE
                        || host.getValue() == CampaignPhase.RETURNING)
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private String nextPendingHost() {
        return hostIds.stream().filter(hostId -> phaseOf(hostId) == CampaignPhase.PENDING).findFirst().orElse(null);
    }

    @EventSourcingHandler
    void on(UpgradeCampaignCreated event) {
        campaignId = event.campaignId();
        hostIds = event.hostIds();
        temporaryHostIds = event.temporaryHostIds();
        targetVersion = event.targetVersion();
        maxAttempts = event.maxAttempts();
        progress = event.progress();
    }

    @EventSourcingHandler
    void on(UpgradeCampaignStarted event, @Timestamp Instant at) {
        progress = event.progress();
        startedAt = at;
    }

    @EventSourcingHandler
    void on(UpgradeCampaignPaused event) {
        progress = event.progress();
    }

    @EventSourcingHandler
    void on(UpgradeCampaignResumed event) {
        progress = event.progress();
    }

    @EventSourcingHandler
    void on(HostEvacuationPlanned event) {
        progress = event.progress();
        evacuationGivenUp = null;
        event.moves().forEach(move -> open.put(move.migrationId(), new OpenMove(event.hostId(), move)));
    }

    @EventSourcingHandler
    void on(HostReturnPlanned event) {
        progress = event.progress();
        returnsPlanned.add(event.hostId());
        event.moves().forEach(move -> open.put(move.migrationId(), new OpenMove(event.hostId(), move)));
    }

    @EventSourcingHandler
    void on(CampaignMigrationSucceeded event) {
        progress = event.progress();
        OpenMove entry = open.remove(event.move().migrationId());
        recorded.add(event.move().migrationId());
        vmsMoved.add(event.move().vmId());
        Map<String, PlannedMove> awayFromHost = away.computeIfAbsent(event.hostId(), id -> new LinkedHashMap<>());
        if (entry == null || entry.outOfTheHost()) {
            awayFromHost.put(event.move().vmId(), event.move());
        } else {
            awayFromHost.remove(event.move().vmId());
        }
    }

    @EventSourcingHandler
    void on(CampaignMigrationFailed event) {
        progress = event.progress();
        OpenMove entry = open.remove(event.move().migrationId());
        recorded.add(event.move().migrationId());
        if (event.retry() != null) {
            open.put(event.retry().migrationId(), new OpenMove(event.hostId(), event.retry()));
            return;
        }
        migrationsAbandoned++;
        boolean outOfTheHost = entry == null ? event.move().fromHostId().equals(event.hostId()) : entry.outOfTheHost();
        if (outOfTheHost && evacuationGivenUp == null) {
            evacuationGivenUp = "VM '" + event.move().vmId() + "' could not be moved out of host '" + event.hostId()
                    + "' in " + event.move().attempt() + " attempt(s) (last: " + event.reason()
                    + "), so the host was not upgraded; the VMs that had left it were planned back";
        }
    }

    @EventSourcingHandler
    void on(CampaignHostEvacuated event) {
        progress = event.progress();
    }

    @EventSourcingHandler
    void on(CampaignHostUpgraded event) {
        progress = event.progress();
        hostsUpgraded.add(event.hostId());
    }

    @EventSourcingHandler
    void on(CampaignHostCompleted event) {
        progress = event.progress();
        evacuationGivenUp = null;
    }

    @EventSourcingHandler
    void on(CampaignHostSkipped event) {
        progress = event.progress();
        hostsSkipped.put(event.hostId(), event.reason());
        evacuationGivenUp = null;
    }

    @EventSourcingHandler
    void on(UpgradeCampaignCompleted event) {
        progress = event.progress();
    }
}
