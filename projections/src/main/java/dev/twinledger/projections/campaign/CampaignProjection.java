package dev.twinledger.projections.campaign;

import dev.twinledger.api.campaign.CampaignMigrationFailed;
import dev.twinledger.api.campaign.CampaignPhase;
import dev.twinledger.api.campaign.CampaignProgress;
import dev.twinledger.api.campaign.CampaignProgressEvent;
import dev.twinledger.api.campaign.PlannedMove;
import dev.twinledger.api.campaign.UpgradeCampaignCompleted;
import dev.twinledger.api.campaign.UpgradeCampaignCreated;
import dev.twinledger.api.campaign.UpgradeCampaignPaused;
import dev.twinledger.api.campaign.UpgradeCampaignResumed;
import dev.twinledger.api.campaign.UpgradeCampaignStarted;
import dev.twinledger.projections.support.PositionGuard;
import dev.twinledger.projections.tracking.ProjectionProcessors;
import dev.twinledger.transport.EventEnvelope;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.twinledger.projections.support.Columns.json;
import static dev.twinledger.projections.support.Columns.utc;

/**
 * Keeps {@code campaigns} and {@code campaign_migration_failures} in step with each campaign's stream.
 *
 * <p>Every campaign event carries the campaign's {@link CampaignProgress} after it, so each handler sets state,
 * current host, host phases and counters from the event it handles; nothing is counted here. The campaign row's
 * {@code last_position} guards the failure rows too.
 */
@ProcessingGroup(ProjectionProcessors.READ_MODEL)
public class CampaignProjection {

    private static final String PROGRESS = """
            state = ?, current_host_id = ?, host_phases = ?::jsonb, migrations_requested = ?,
            migrations_succeeded = ?, migrations_failed = ?, migrations_retried = ?, migrations_pending = ?,
            updated_at = ?""";

    private final JdbcTemplate jdbc;
    private final PositionGuard guard;

    /** A projection writing to the read database behind {@code dataSource}. */
    public CampaignProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.guard = new PositionGuard(jdbc);
    }

    @EventHandler
    void on(UpgradeCampaignCreated event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        CampaignProgress progress = event.progress();
        jdbc.update("""
                INSERT INTO campaigns (id, name, site_id, host_ids, temporary_host_ids, target_version, max_attempts,
                                       migration_timeout_seconds, state, current_host_id, host_phases,
                                       migrations_requested, migrations_succeeded, migrations_failed,
                                       migrations_retried, migrations_pending, created_at, updated_at, last_position)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE
                   SET name = EXCLUDED.name, site_id = EXCLUDED.site_id, host_ids = EXCLUDED.host_ids,
                       temporary_host_ids = EXCLUDED.temporary_host_ids, target_version = EXCLUDED.target_version,
                       max_attempts = EXCLUDED.max_attempts,
                       migration_timeout_seconds = EXCLUDED.migration_timeout_seconds, state = EXCLUDED.state,
                       current_host_id = EXCLUDED.current_host_id, host_phases = EXCLUDED.host_phases,
                       migrations_requested = EXCLUDED.migrations_requested,
                       migrations_succeeded = EXCLUDED.migrations_succeeded,
                       migrations_failed = EXCLUDED.migrations_failed,
                       migrations_retried = EXCLUDED.migrations_retried,
                       migrations_pending = EXCLUDED.migrations_pending, pause_reason = NULL, report = NULL,
                       created_at = EXCLUDED.created_at, started_at = NULL, paused_at = NULL, completed_at = NULL,
                       updated_at = EXCLUDED.updated_at, last_position = EXCLUDED.last_position
                 WHERE campaigns.last_position < EXCLUDED.last_position""",
                event.campaignId(), event.name(), event.siteId(), json(listOf(event.hostIds())),
                json(listOf(event.temporaryHostIds())), event.targetVersion(), event.maxAttempts(),
                event.migrationTimeoutSeconds(), progress.state().name(), progress.currentHostId(),
                json(phases(progress)), progress.migrationsRequested(), progress.migrationsSucceeded(),
                progress.migrationsFailed(), progress.migrationsRetried(), progress.migrationsPending(),
                utc(storedAt), utc(storedAt), position);
    }

    @EventHandler
    void on(UpgradeCampaignStarted event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        progress(event, event.campaignId(), event.progress(), storedAt, position,
                ", started_at = COALESCE(started_at, ?)", utc(storedAt));
    }

    @EventHandler
    void on(UpgradeCampaignPaused event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        progress(event, event.campaignId(), event.progress(), storedAt, position, ", paused_at = ?, pause_reason = ?",
                utc(storedAt), event.reason());
    }

    @EventHandler
    void on(UpgradeCampaignResumed event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        progress(event, event.campaignId(), event.progress(), storedAt, position,
                ", paused_at = NULL, pause_reason = NULL");
    }

    /**
     * Every campaign event without columns of its own (plans, host steps, a succeeded migration): its progress is the
     * whole change. Events with more to record have their own handler above or below, which Axon prefers.
     */
    @EventHandler
    void on(CampaignProgressEvent event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        progress(event, event.campaignId(), event.progress(), storedAt, position, "");
    }

    @EventHandler
    void on(CampaignMigrationFailed event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        if (progress(event, event.campaignId(), event.progress(), storedAt, position, "")) {
            PlannedMove move = event.move();
            jdbc.update("""
                    INSERT INTO campaign_migration_failures (campaign_id, migration_id, host_id, vm_id, from_host_id,
                                                             to_host_id, attempt, reason, retry_migration_id,
                                                             failed_at, position)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (campaign_id, migration_id) DO NOTHING""",
                    event.campaignId(), move.migrationId(), event.hostId(), move.vmId(), move.fromHostId(),
                    move.toHostId(), move.attempt(), event.reason(),
                    event.retry() == null ? null : event.retry().migrationId(), utc(storedAt), position);
        }
    }

    @EventHandler
    void on(UpgradeCampaignCompleted event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        progress(event, event.campaignId(), event.progress(), storedAt, position,
                ", report = ?::jsonb, completed_at = ?", json(event.report()), utc(storedAt));
    }

    /** Sets the progress columns plus {@code moreAssignments} (each starting with a comma); true if applied. */
    private boolean progress(Object event, String campaignId, CampaignProgress progress, Instant storedAt,
                             long position, String moreAssignments, Object... moreValues) {
        List<Object> values = new ArrayList<>(List.of(progress.state().name()));
        values.add(progress.currentHostId());
        values.addAll(List.of(json(phases(progress)), progress.migrationsRequested(), progress.migrationsSucceeded(),
                progress.migrationsFailed(), progress.migrationsRetried(), progress.migrationsPending(),
                utc(storedAt)));
        values.addAll(Arrays.asList(moreValues));
        return guard.update("campaigns", campaignId, position, event, PROGRESS + moreAssignments, values.toArray());
    }

    /** The host phases as a JSON array in campaign order: {@code [{"hostId": .., "phase": ..}, ..]}. */
    private static List<Map<String, String>> phases(CampaignProgress progress) {
        List<Map<String, String>> phases = new ArrayList<>();
        if (progress.hostPhases() != null) {
            for (Map.Entry<String, CampaignPhase> entry : progress.hostPhases().entrySet()) {
                Map<String, String> phase = new LinkedHashMap<>();
                phase.put("hostId", entry.getKey());
                phase.put("phase", entry.getValue() == null ? null : entry.getValue().name());
                phases.add(phase);
            }
        }
        return phases;
    }

    private static List<String> listOf(List<String> ids) {
        return ids == null ? List.of() : ids;
    }
}
