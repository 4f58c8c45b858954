package dev.twinledger.projections.storage;

import dev.twinledger.api.storage.ContainerCreated;
import dev.twinledger.api.storage.ReplicaPolicyChanged;
import dev.twinledger.api.storage.ReplicaStatus;
import dev.twinledger.api.storage.ReplicaStatusReported;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.twinledger.projections.support.Columns.json;
import static dev.twinledger.projections.support.Columns.utc;

/**
 * Keeps {@code containers} and {@code container_replicas} in step with each container's stream: the replica policy,
 * and per site in the policy the last reported status, its detail and when it was reported.
 *
 * <p>The container row's {@code last_position} guards its replica rows too: they change only when the container row
 * accepts the event, so a stale event can touch neither.
 */
@ProcessingGroup(ProjectionProcessors.READ_MODEL)
public class ContainerProjection {

    private final JdbcTemplate jdbc;
    private final PositionGuard guard;

    /** A projection writing to the read database behind {@code dataSource}. */
    public ContainerProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.guard = new PositionGuard(jdbc);
    }

    @EventHandler
    void on(ContainerCreated event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        Set<String> sites = sorted(event.replicaSiteIds());
        int changed = jdbc.update("""
                INSERT INTO containers (id, name, project, replica_site_ids, created_at, updated_at, last_position)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE
                   SET name = EXCLUDED.name, project = EXCLUDED.project,
                       replica_site_ids = EXCLUDED.replica_site_ids, created_at = EXCLUDED.created_at,
                       updated_at = EXCLUDED.updated_at, last_position = EXCLUDED.last_position
                 WHERE containers.last_position < EXCLUDED.last_position""",
                event.containerId(), event.name(), event.project(), json(sites), utc(storedAt), utc(storedAt),
                position);
        if (changed == 1) {
            jdbc.update("DELETE FROM container_replicas WHERE container_id = ?", event.containerId());
            addUnreportedReplicas(event.containerId(), sites, utc(storedAt), position);
        }
    }

    @EventHandler
    void on(ReplicaPolicyChanged event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        Set<String> sites = sorted(event.replicaSiteIds());
        if (guard.update("containers", event.containerId(), position, event,
                "replica_site_ids = ?::jsonb, updated_at = ?", json(sites), utc(storedAt))) {
            // A site that stays in the policy keeps its status; one that leaves loses its row; one that joins
            // starts unreported.
            jdbc.update("""
                    DELETE FROM container_replicas
                     WHERE container_id = ? AND NOT (site_id = ANY (?))""",
                    event.containerId(), sites.toArray(String[]::new));
            addUnreportedReplicas(event.containerId(), sites, utc(storedAt), position);
        }
    }

    @EventHandler
    void on(ReplicaStatusReported event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        if (guard.update("containers", event.containerId(), position, event, "updated_at = ?", utc(storedAt))) {
            jdbc.update("""
                    INSERT INTO container_replicas (container_id, site_id, status, detail, in_policy_since,
                                                    reported_at, last_position)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (container_id, site_id) DO UPDATE
                       SET status = EXCLUDED.status, detail = EXCLUDED.detail, reported_at = EXCLUDED.reported_at,
                           last_position = EXCLUDED.last_position""",
                    event.containerId(), event.siteId(), event.status().name(), event.detail(), utc(storedAt),
                    utc(storedAt), position);
        }
    }

    private void addUnreportedReplicas(String containerId, Set<String> sites, OffsetDateTime since, long position) {
        List<Object[]> rows = sites.stream()
                .map(site -> new Object[]{containerId, site, ReplicaStatus.UNKNOWN.name(), since, position})
                .toList();
        jdbc.batchUpdate("""
                INSERT INTO container_replicas (container_id, site_id, status, detail, in_policy_since, reported_at,
                                                last_position)
                VALUES (?, ?, ?, NULL, ?, NULL, ?)
                ON CONFLICT (container_id, site_id) DO NOTHING""", rows);
    }

    private static Set<String> sorted(Set<String> sites) {
        return sites == null ? new TreeSet<>() : new TreeSet<>(sites);
    }
}
