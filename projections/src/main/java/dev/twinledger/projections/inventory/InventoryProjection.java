package dev.twinledger.projections.inventory;

import dev.twinledger.api.inventory.HostDecommissioned;
import dev.twinledger.api.inventory.HostMaintenanceEnded;
import dev.twinledger.api.inventory.HostMaintenanceStarted;
import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.HostTemporaryChanged;
import dev.twinledger.api.inventory.HostUpgraded;
import dev.twinledger.api.inventory.ProjectRegistered;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmRenamed;
import dev.twinledger.api.inventory.VmResized;
import dev.twinledger.api.inventory.VmRetagged;
import dev.twinledger.api.inventory.VmStarted;
import dev.twinledger.api.inventory.VmState;
import dev.twinledger.api.inventory.VmStopped;
import dev.twinledger.api.inventory.VmVolumeAttached;
import dev.twinledger.api.inventory.VmVolumeDetached;
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
import java.util.Map;
import java.util.TreeMap;

import static dev.twinledger.projections.support.Columns.json;
import static dev.twinledger.projections.support.Columns.utc;

/**
 * Keeps the tables {@code sites}, {@code projects}, {@code hosts} (registration and lifecycle) and {@code vms}
 * (everything on the VM's stream except migrations) in step with the inventory events.
 *
 * <p>Runs in the tracking processor {@value #PROCESSOR}, inside the transaction that also records the event as
 * applied and stores the Kafka token (see {@code ExactlyOnceInterceptor}), so a redelivered event never reaches these
 * handlers. They are idempotent on their own as well: every write is an upsert or update guarded by the row's
 * {@code last_position}, so an event never overwrites the effect of a later one.
 *
 * <p>Times come from the event timestamp (when the event was stored), never from the clock of this process.
 */
@ProcessingGroup(InventoryProjection.PROCESSOR)
public class InventoryProjection {

    /** The processing group and tracking processor name; also the key of its rows in the token table. */
    public static final String PROCESSOR = ProjectionProcessors.READ_MODEL;

    private final JdbcTemplate jdbc;
    private final PositionGuard guard;

    /** A projection writing to the read database behind {@code dataSource}. */
    public InventoryProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.guard = new PositionGuard(jdbc);
    }

    @EventHandler
    void on(SiteRegistered event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        jdbc.update("""
                INSERT INTO sites (id, name, platform, registered_at, last_position)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE
                   SET name = EXCLUDED.name, platform = EXCLUDED.platform,
                       registered_at = EXCLUDED.registered_at, last_position = EXCLUDED.last_position
                 WHERE sites.last_position < EXCLUDED.last_position""",
                event.siteId(), event.name(), event.platform().name(), utc(storedAt), position);
    }

    @EventHandler
    void on(ProjectRegistered event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        jdbc.update("""
                INSERT INTO projects (id, name, description, registered_at, last_position)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE
                   SET name = EXCLUDED.name, description = EXCLUDED.description,
                       registered_at = EXCLUDED.registered_at, last_position = EXCLUDED.last_position
                 WHERE projects.last_position < EXCLUDED.last_position""",
                event.projectId(), event.name(), event.description(), utc(storedAt), position);
    }

    @EventHandler
    void on(HostRegistered event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        // Events stored before overcommit existed carry 0.0; the contract says to read that as no overcommit.
        double overcommit = Math.max(1.0, event.overcommitRatio());
        jdbc.update("""
                INSERT INTO hosts (id, site_id, name, cpu_cores, memory_mib, reserved_memory_mib, overcommit_ratio,
                                   temporary, capacity_mib, allocated_mib, state, registered_at, last_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE
                   SET site_id = EXCLUDED.site_id, name = EXCLUDED.name, cpu_cores = EXCLUDED.cpu_cores,
                       memory_mib = EXCLUDED.memory_mib, reserved_memory_mib = EXCLUDED.reserved_memory_mib,
                       overcommit_ratio = EXCLUDED.overcommit_ratio, temporary = EXCLUDED.temporary,
                       capacity_mib = EXCLUDED.capacity_mib, allocated_mib = 0, state = EXCLUDED.state,
                       software_version = NULL, upgraded_at = NULL, decommissioned_at = NULL,
                       registered_at = EXCLUDED.registered_at, last_position = EXCLUDED.last_position
                 WHERE hosts.last_position < EXCLUDED.last_position""",
                event.hostId(), event.siteId(), event.name(), event.cpuCores(), event.memoryMib(),
                event.reservedMemoryMib(), overcommit, event.temporary(),
                capacityMib(event.memoryMib(), event.reservedMemoryMib(), overcommit), HostState.ACTIVE.name(),
                utc(storedAt), position);
    }

    @EventHandler
    void on(HostMaintenanceStarted event,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("hosts", event.hostId(), position, event, "state = ?", HostState.MAINTENANCE.name());
    }

    @EventHandler
    void on(HostMaintenanceEnded event,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("hosts", event.hostId(), position, event, "state = ?", HostState.ACTIVE.name());
    }

    @EventHandler
    void on(HostDecommissioned event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("hosts", event.hostId(), position, event, "state = ?, decommissioned_at = ?",
                HostState.DECOMMISSIONED.name(), utc(storedAt));
    }

    @EventHandler
    void on(HostTemporaryChanged event,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("hosts", event.hostId(), position, event, "temporary = ?", event.temporary());
    }

    @EventHandler
    void on(HostUpgraded event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("hosts", event.hostId(), position, event, "software_version = ?, upgraded_at = ?",
                event.softwareVersion(), utc(storedAt));
    }

    @EventHandler
    void on(VmProvisioned event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        jdbc.update("""
                INSERT INTO vms (id, name, site_id, host_id, project, environment, vcpus, memory_mib, state,
                                 provisioned_at, decommissioned_at, platform_id, tags, current_migration_id,
                                 volume_ids, last_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, '{}'::jsonb, NULL, '[]'::jsonb, ?)
                ON CONFLICT (id) DO UPDATE
                   SET name = EXCLUDED.name, site_id = EXCLUDED.site_id, host_id = EXCLUDED.host_id,
                       project = EXCLUDED.project, environment = EXCLUDED.environment, vcpus = EXCLUDED.vcpus,
                       memory_mib = EXCLUDED.memory_mib, state = EXCLUDED.state,
                       provisioned_at = EXCLUDED.provisioned_at, decommissioned_at = NULL,
                       platform_id = EXCLUDED.platform_id, tags = EXCLUDED.tags, current_migration_id = NULL,
                       volume_ids = EXCLUDED.volume_ids, last_position = EXCLUDED.last_position
                 WHERE vms.last_position < EXCLUDED.last_position""",
                event.vmId(), event.name(), event.siteId(), event.hostId(), event.project(),
                event.environment().name(), event.vcpus(), event.memoryMib(), VmState.ACTIVE.name(),
                utc(storedAt), event.platformId(), position);
    }

    @EventHandler
    void on(VmStarted event, @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("vms", event.vmId(), position, event, "state = ?", VmState.ACTIVE.name());
    }

    @EventHandler
    void on(VmStopped event, @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("vms", event.vmId(), position, event, "state = ?", VmState.SHUTOFF.name());
    }

    @EventHandler
    void on(VmResized event, @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("vms", event.vmId(), position, event, "vcpus = ?, memory_mib = ?", event.vcpus(),
                event.memoryMib());
    }

    @EventHandler
    void on(VmRenamed event, @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("vms", event.vmId(), position, event, "name = ?", event.name());
    }

    @EventHandler
    void on(VmRetagged event, @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        Map<String, String> tags = event.tags() == null ? Map.of() : new TreeMap<>(event.tags());
        guard.updateLater("vms", event.vmId(), position, event, "tags = ?::jsonb", json(tags));
    }

    @EventHandler
    void on(VmVolumeAttached event,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("vms", event.vmId(), position, event, """
                volume_ids = CASE WHEN volume_ids @> jsonb_build_array(?::text) THEN volume_ids
                                  ELSE volume_ids || jsonb_build_array(?::text) END""",
                event.volumeId(), event.volumeId());
    }

    @EventHandler
    void on(VmVolumeDetached event,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("vms", event.vmId(), position, event, "volume_ids = volume_ids - ?::text", event.volumeId());
    }

    @EventHandler
    void on(VmDecommissioned event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        guard.updateLater("vms", event.vmId(), position, event, "state = ?, decommissioned_at = ?",
                VmState.DECOMMISSIONED.name(), utc(storedAt));
    }

    /**
     * Every other event, including types this service does not know ({@code UnknownEvent}). Nothing changes here, but
     * the handler must exist: the processor only offers events with a handler to the exactly-once interceptor, and
     * every position on the topic has to be recorded as applied, or a read-your-writes wait for it would never end.
     */
    @EventHandler
    void on(Object otherEvent) {
        // intentionally empty, see above
    }

    /** The memory a host offers to VMs, as {@code RegisterHost} defines it. */
    static long capacityMib(long memoryMib, long reservedMib, double overcommitRatio) {
        return (long) Math.floor((memoryMib - reservedMib) * overcommitRatio);
    }
}
