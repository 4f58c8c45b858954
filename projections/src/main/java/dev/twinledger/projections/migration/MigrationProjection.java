package dev.twinledger.projections.migration;

import dev.twinledger.api.migration.MigrationCompleted;
import dev.twinledger.api.migration.MigrationFailed;
import dev.twinledger.api.migration.MigrationRequested;
import dev.twinledger.api.migration.MigrationRolledBack;
import dev.twinledger.api.migration.MigrationStarted;
import dev.twinledger.api.migration.MigrationState;
import dev.twinledger.projections.support.PositionGuard;
import dev.twinledger.projections.tracking.ProjectionProcessors;
import dev.twinledger.transport.EventEnvelope;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;

import static dev.twinledger.projections.support.Columns.utc;

/**
 * Keeps the table {@code migrations} and the VM's placement ({@code vms.host_id}, {@code site_id},
 * {@code platform_id}, {@code current_migration_id}) in step with the migration events on the VM's stream.
 *
 * <p>A migration row is keyed by (migration id, VM id) and guarded by its own {@code last_position}; the VM row by
 * its own. Both come from the VM's stream, which arrives in order.
 */
@ProcessingGroup(ProjectionProcessors.READ_MODEL)
public class MigrationProjection {

    private static final Logger log = LoggerFactory.getLogger(MigrationProjection.class);

    private final JdbcTemplate jdbc;
    private final PositionGuard guard;

    /** A projection writing to the read database behind {@code dataSource}. */
    public MigrationProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.guard = new PositionGuard(jdbc);
    }

    @EventHandler
    void on(MigrationRequested event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        jdbc.update("""
                INSERT INTO migrations (id, vm_id, kind, state, source_site_id, source_host_id, source_platform,
                                        target_site_id, target_host_id, target_platform, memory_mib, campaign_id,
                                        requested_at, requested_position, last_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id, vm_id) DO UPDATE
                   SET kind = EXCLUDED.kind, state = EXCLUDED.state, source_site_id = EXCLUDED.source_site_id,
                       source_host_id = EXCLUDED.source_host_id, source_platform = EXCLUDED.source_platform,
                       target_site_id = EXCLUDED.target_site_id, target_host_id = EXCLUDED.target_host_id,
                       target_platform = EXCLUDED.target_platform, memory_mib = EXCLUDED.memory_mib,
                       campaign_id = EXCLUDED.campaign_id, requested_at = EXCLUDED.requested_at,
                       requested_position = EXCLUDED.requested_position, started_at = NULL, finished_at = NULL,
                       reason = NULL, previous_platform_id = NULL, platform_id = NULL,
                       last_position = EXCLUDED.last_position
                 WHERE migrations.last_position < EXCLUDED.last_position""",
                event.migrationId(), event.vmId(), event.kind().name(), MigrationState.REQUESTED.name(),
                event.sourceSiteId(), event.sourceHostId(), name(event.sourcePlatform()), event.targetSiteId(),
                event.targetHostId(), name(event.targetPlatform()), event.memoryMib(), event.campaignId(),
                utc(storedAt), position, position);
        guard.updateLater("vms", event.vmId(), position, event, "current_migration_id = ?", event.migrationId());
    }

    @EventHandler
    void on(MigrationStarted event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        updateMigration(event, event.migrationId(), event.vmId(), position, "state = ?, started_at = ?",
                MigrationState.IN_PROGRESS.name(), utc(storedAt));
    }

    @EventHandler
    void on(MigrationCompleted event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        updateMigration(event, event.migrationId(), event.vmId(), position,
                "state = ?, finished_at = ?, previous_platform_id = ?, platform_id = ?",
                MigrationState.COMPLETED.name(), utc(storedAt), event.previousPlatformId(), event.platformId());
        // The VM keeps its Twinledger id across every move; only where it runs (and, across platforms, its
        // platform id) changes. A completion without a platform id keeps the one the VM had.
        guard.updateLater("vms", event.vmId(), position, event, """
                site_id = ?, host_id = ?, platform_id = COALESCE(?, platform_id),
                current_migration_id = CASE WHEN current_migration_id = ? THEN NULL ELSE current_migration_id END""",
                event.targetSiteId(), event.targetHostId(), event.platformId(), event.migrationId());
    }

    @EventHandler
    void on(MigrationFailed event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        finishUnsuccessfully(event, event.migrationId(), event.vmId(), MigrationState.FAILED, event.reason(),
                storedAt, position);
    }

    @EventHandler
    void on(MigrationRolledBack event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        finishUnsuccessfully(event, event.migrationId(), event.vmId(), MigrationState.ROLLED_BACK, event.reason(),
                storedAt, position);
    }

    private void finishUnsuccessfully(Object event, String migrationId, String vmId, MigrationState state,
                                      String reason, Instant storedAt, long position) {
        updateMigration(event, migrationId, vmId, position, "state = ?, reason = ?, finished_at = ?", state.name(),
                reason, utc(storedAt));
        guard.updateLater("vms", vmId, position, event, """
                current_migration_id = CASE WHEN current_migration_id = ? THEN NULL ELSE current_migration_id END""",
                migrationId);
    }

    private void updateMigration(Object event, String migrationId, String vmId, long position, String assignments,
                                 Object... values) {
        Object[] args = new Object[values.length + 4];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = position;
        args[values.length + 1] = migrationId;
        args[values.length + 2] = vmId;
        args[values.length + 3] = position;
        int updated = jdbc.update("UPDATE migrations SET " + assignments + ", last_position = ? "
                + "WHERE id = ? AND vm_id = ? AND last_position < ?", args);
        if (updated == 0 && !Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM migrations WHERE id = ? AND vm_id = ?)", Boolean.class,
                migrationId, vmId))) {
            log.warn("{} at position {} for migration {} of VM {} that this read model never saw requested",
                    event.getClass().getSimpleName(), position, migrationId, vmId);
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
