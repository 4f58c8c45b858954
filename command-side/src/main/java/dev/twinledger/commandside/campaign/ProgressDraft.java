package dev.twinledger.commandside.campaign;

import dev.twinledger.api.campaign.CampaignPhase;
import dev.twinledger.api.campaign.CampaignProgress;
import dev.twinledger.api.campaign.CampaignState;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The progress an event is about to carry, built from the progress of the event before it. Every campaign event
 * carries the whole progress, and the aggregate takes its state, phases and counters from it, so a command handler
 * states the change once here and the event-sourcing handler cannot disagree with it.
 */
final class ProgressDraft {

    private CampaignState state;
    private String currentHostId;
    private final LinkedHashMap<String, CampaignPhase> phases;
    private int requested;
    private int succeeded;
    private int failed;
    private int retried;

    private ProgressDraft(CampaignState state, String currentHostId, Map<String, CampaignPhase> phases, int requested,
                          int succeeded, int failed, int retried) {
        this.state = state;
        this.currentHostId = currentHostId;
        this.phases = new LinkedHashMap<>(phases);
        this.requested = requested;
        this.succeeded = succeeded;
        this.failed = failed;
        this.retried = retried;
    }

    /** A new campaign: every host {@link CampaignPhase#PENDING}, in campaign order. */
    static ProgressDraft created(List<String> hostIds) {
        Map<String, CampaignPhase> phases = new LinkedHashMap<>();
        hostIds.forEach(hostId -> phases.put(hostId, CampaignPhase.PENDING));
        return new ProgressDraft(CampaignState.CREATED, null, phases, 0, 0, 0, 0);
    }

    static ProgressDraft from(CampaignProgress progress) {
        return new ProgressDraft(progress.state(), progress.currentHostId(), progress.hostPhases(),
                progress.migrationsRequested(), progress.migrationsSucceeded(), progress.migrationsFailed(),
                progress.migrationsRetried());
    }

    ProgressDraft state(CampaignState value) {
        state = value;
        return this;
    }

    ProgressDraft currentHost(String hostId) {
        currentHostId = hostId;
        return this;
    }

    ProgressDraft phase(String hostId, CampaignPhase phase) {
        phases.put(hostId, phase);
        return this;
    }

    ProgressDraft requested(int count) {
        requested += count;
        return this;
    }

    ProgressDraft succeeded() {
        succeeded++;
        return this;
    }

    /** One failed migration, and its retry when there is one (a retry is a new request). */
    ProgressDraft failed(boolean retriedAgain) {
        failed++;
        if (retriedAgain) {
            retried++;
            requested++;
        }
        return this;
    }

    CampaignProgress build() {
        // Pending follows from the others: every request ends exactly once, in success or failure.
        return new CampaignProgress(state, currentHostId, Collections.unmodifiableMap(new LinkedHashMap<>(phases)),
                requested, succeeded, failed, retried, requested - succeeded - failed);
    }
}
