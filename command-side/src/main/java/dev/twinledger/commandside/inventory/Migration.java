package dev.twinledger.commandside.inventory;

import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationFailed;
import dev.twinledger.api.migration.MigrationKind;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.api.migration.MigrationRolledBack;
import dev.twinledger.api.migration.MigrationStarted;
import dev.twinledger.api.migration.MigrationState;
import dev.twinledger.commandside.domain.RuleViolation;
import dev.twinledger.commandside.domain.StateConflict;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One migration of a VM, kept inside the {@link VirtualMachine} aggregate (a migration is a process on the VM's own
 * stream). It decides which transitions its state allows and builds the events for them; the VM applies those events
 * and moves the memory. Immutable: the VM's event-sourcing handlers replace it with {@link #in} the state reached.
 *
 * <p>States: REQUESTED, then IN_PROGRESS, then COMPLETED, FAILED or ROLLED_BACK (final). A requested migration may
 * fail before it starts; only a started one completes or is rolled back.
 */
record Migration(String migrationId, String vmId, MigrationKind kind, String sourceSiteId, String sourceHostId,
                 String targetSiteId, String targetHostId, String campaignId, MigrationState state) {

    static final int MAX_REASON_LENGTH = 500;

    /** The migration as its request recorded it. */
    static Migration requested(MigrationRequested requested) {
        return new Migration(requested.migrationId(), requested.vmId(), requested.kind(), requested.sourceSiteId(),
                requested.sourceHostId(), requested.targetSiteId(), requested.targetHostId(), requested.campaignId(),
                MigrationState.REQUESTED);
    }

    /** This migration in the state an event of it reached. */
    Migration in(MigrationState reached) {
        return new Migration(migrationId, vmId, kind, sourceSiteId, sourceHostId, targetSiteId, targetHostId,
                campaignId, reached);
    }

    /** Requested or in progress: the VM holds memory on both hosts, and the migration may still change. */
    boolean inFlight() {
        return state == MigrationState.REQUESTED || state == MigrationState.IN_PROGRESS;
    }

    MigrationStarted start() {
        requireState("started", MigrationState.REQUESTED);
        return new MigrationStarted(migrationId, vmId, campaignId);
    }

    /**
     * The VM moves to the target. A cross-platform migration gives the VM a new platform id, so one is required;
     * otherwise a given id replaces the old one and a missing one keeps it.
     */
    MigrationCompleted complete(String newPlatformId, String currentPlatformId) {
        requireState("completed", MigrationState.IN_PROGRESS);
        boolean given = newPlatformId != null && !newPlatformId.isBlank();
        if (kind == MigrationKind.CROSS_PLATFORM && !given) {
            throw new RuleViolation("migration '" + migrationId + "' crosses platforms; newPlatformId, the VM's id"
                    + " on the target platform, is required");
        }
        if (given) {
            Checks.name(newPlatformId, "newPlatformId");
        }
        return new MigrationCompleted(migrationId, vmId, kind, sourceSiteId, sourceHostId, targetSiteId, targetHostId,
                currentPlatformId, given ? newPlatformId : currentPlatformId, campaignId);
    }

    MigrationFailed fail(String reason) {
        requireState("failed", MigrationState.REQUESTED, MigrationState.IN_PROGRESS);
        requireReason(reason);
        return new MigrationFailed(migrationId, vmId, sourceHostId, targetHostId, reason, campaignId);
    }

    MigrationRolledBack rollBack(String reason) {
        requireState("rolled back", MigrationState.IN_PROGRESS);
        requireReason(reason);
        return new MigrationRolledBack(migrationId, vmId, sourceHostId, targetHostId, reason, campaignId);
    }

    private void requireState(String action, MigrationState... allowed) {
        Set<MigrationState> from = EnumSet.copyOf(Arrays.asList(allowed));
        if (!from.contains(state)) {
            throw new StateConflict("migration '" + migrationId + "' of VM '" + vmId + "' is " + state + "; only a"
                    + " migration that is " + from.stream().map(Enum::name).collect(Collectors.joining(" or "))
                    + " can be " + action);
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("reason must not be blank");
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new RuleViolation("reason must be at most " + MAX_REASON_LENGTH + " characters");
        }
    }
}
