package dev.twinledger.projections.inventory;

import dev.twinledger.api.inventory.VolumeAttached;
import dev.twinledger.api.inventory.VolumeCreated;
import dev.twinledger.api.inventory.VolumeDeleted;
import dev.twinledger.api.inventory.VolumeDetached;
import dev.twinledger.api.inventory.VolumeState;
import dev.twinledger.projections.support.PositionGuard;
import dev.twinledger.transport.EventEnvelope;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;

import static dev.twinledger.projections.support.Columns.utc;

/**
 * Keeps the table {@code volumes} in step with the events on each volume's own stream. Which volumes a VM has is
 * kept on the VM's row from the VM's stream ({@link InventoryProjection}); the two agree once both streams are in.
 * Same processor and guarantees as {@link InventoryProjection}.
 */
@ProcessingGroup(InventoryProjection.PROCESSOR)
public class VolumeProjection {

    private final JdbcTemplate jdbc;
    private final PositionGuard guard;

    /** A projection writing to the read database behind {@code dataSource}. */
    public VolumeProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.guard = new PositionGuard(jdbc);
    }

    @EventHandler
    void on(VolumeCreated event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        jdbc.update("""
                INSERT INTO volumes (id, name, site_id, project, size_gib, state, vm_id, created_at, deleted_at,
                                     last_position)
                VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?)
                ON CONFLICT (id) DO UPDATE
                   SET name = EXCLUDED.name, site_id = EXCLUDED.site_id, project = EXCLUDED.project,
                       size_gib = EXCLUDED.size_gib, state = EXCLUDED.state, vm_id = NULL,
                       created_at = EXCLUDED.created_at, deleted_at = NULL, last_position = EXCLUDED.last_position
                 WHERE volumes.last_position < EXCLUDED.last_position""",
                event.volumeId(), event.name(), event.siteId(), event.project(), event.sizeGib(),
                VolumeState.AVAILABLE.name(), utc(storedAt), position);
    }

    @EventHandler
    void on(VolumeAttached event,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("volumes", event.volumeId(), position, event, "state = ?, vm_id = ?",
                VolumeState.IN_USE.name(), event.vmId());
    }

    @EventHandler
    void on(VolumeDetached event,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("volumes", event.volumeId(), position, event, "state = ?, vm_id = NULL",
                VolumeState.AVAILABLE.name());
    }

    @EventHandler
    void on(VolumeDeleted event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("volumes", event.volumeId(), position, event, "state = ?, vm_id = NULL, deleted_at = ?",
                VolumeState.DELETED.name(), utc(storedAt));
    }
}
