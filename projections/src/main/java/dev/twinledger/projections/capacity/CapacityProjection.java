package dev.twinledger.projections.capacity;

import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import dev.twinledger.api.inventory.HostMemoryAllocated;
import dev.twinledger.api.inventory.HostMemoryReleased;
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
 * Memory per host and capacity alerts: keeps {@code hosts.allocated_mib} / {@code capacity_mib} and the table
 * {@code capacity_alerts} in step with the host's stream.
 *
 * <p>The memory events carry the host's totals after the change, and the handlers set them rather than add them up:
 * a redelivered or replayed event can then never count twice, and the read model's free memory is exactly what the
 * last applied event says. The site sums are the view {@code site_capacity} over these rows.
 */
@ProcessingGroup(ProjectionProcessors.READ_MODEL)
public class CapacityProjection {

    static final String OPEN = "OPEN";
    static final String CLEARED = "CLEARED";

    private static final Logger log = LoggerFactory.getLogger(CapacityProjection.class);

    private final JdbcTemplate jdbc;
    private final PositionGuard guard;

    /** A projection writing to the read database behind {@code dataSource}. */
    public CapacityProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.guard = new PositionGuard(jdbc);
    }

    @EventHandler
    void on(HostMemoryAllocated event,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        setTotals(event, event.hostId(), event.allocatedMib(), event.capacityMib(), position);
    }

    @EventHandler
    void on(HostMemoryReleased event,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        setTotals(event, event.hostId(), event.allocatedMib(), event.capacityMib(), position);
    }

    @EventHandler
    void on(CapacityAlertRaised event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        // An alert id names exactly one raising event, so a row that exists already came from this event.
        jdbc.update("""
                INSERT INTO capacity_alerts (id, host_id, site_id, severity, state, threshold_percent,
                                             raised_allocated_mib, raised_capacity_mib, raised_utilization_percent,
                                             raised_at, raised_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                event.alertId(), event.hostId(), event.siteId(), event.severity().name(), OPEN,
                event.thresholdPercent(), event.allocatedMib(), event.capacityMib(), event.utilizationPercent(),
                utc(storedAt), position);
    }

    @EventHandler
    void on(CapacityAlertCleared event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        int updated = jdbc.update("""
                UPDATE capacity_alerts
                   SET state = ?, cleared_allocated_mib = ?, cleared_capacity_mib = ?, cleared_utilization_percent = ?,
                       cleared_at = ?, cleared_position = ?
                 WHERE id = ? AND raised_position < ? AND (cleared_position IS NULL OR cleared_position < ?)""",
                CLEARED, event.allocatedMib(), event.capacityMib(), event.utilizationPercent(), utc(storedAt),
                position, event.alertId(), position, position);
        if (updated == 0 && !exists(event.alertId())) {
            // Raise and clear share the host's stream, so the raise is missing from the topic.
            log.warn("CapacityAlertCleared at position {} for alert {} that this read model never saw raised",
                    position, event.alertId());
        }
    }

    private void setTotals(Object event, String hostId, long allocatedMib, long capacityMib, long position) {
        if (allocatedMib < 0 || allocatedMib > capacityMib) {
            // Recorded as the event says (the read model mirrors the record), but it means the command side let a
            // host go below zero free memory: worth someone's attention.
            log.warn("{} at position {} leaves host {} with {} MiB allocated of {} MiB capacity",
                    event.getClass().getSimpleName(), position, hostId, allocatedMib, capacityMib);
        }
        guard.updateLater("hosts", hostId, position, event, "allocated_mib = ?, capacity_mib = ?", allocatedMib,
                capacityMib);
    }

    private boolean exists(String alertId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM capacity_alerts WHERE id = ?)", Boolean.class, alertId));
    }
}
