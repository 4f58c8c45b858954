package dev.twinledger.projections.inventory;

import dev.twinledger.api.inventory.HostRegistered;
import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.SiteRegistered;
import dev.twinledger.api.inventory.VmDecommissioned;
import dev.twinledger.api.inventory.VmProvisioned;
import dev.twinledger.api.inventory.VmState;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Keeps the tables {@code sites}, {@code hosts} and {@code vms} in step with the inventory events.
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
    public static final String PROCESSOR = "inventory";

    private static final Logger log = LoggerFactory.getLogger(InventoryProjection.class);

    private final JdbcTemplate jdbc;

    /** A projection writing to the read database behind {@code dataSource}. */
    public InventoryProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
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
    void on(HostRegistered event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        jdbc.update("""
                INSERT INTO hosts (id, site_id, name, cpu_cores, memory_mib, state, registered_at, last_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE
                   SET site_id = EXCLUDED.site_id, name = EXCLUDED.name, cpu_cores = EXCLUDED.cpu_cores,
                       memory_mib = EXCLUDED.memory_mib, state = EXCLUDED.state,
                       registered_at = EXCLUDED.registered_at, last_position = EXCLUDED.last_position
                 WHERE hosts.last_position < EXCLUDED.last_position""",
                event.hostId(), event.siteId(), event.name(), event.cpuCores(), event.memoryMib(),
                HostState.ACTIVE.name(), utc(storedAt), position);
    }

    @EventHandler
    void on(VmProvisioned event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        jdbc.update("""
                INSERT INTO vms (id, name, site_id, host_id, project, environment, vcpus, memory_mib, state,
                                 provisioned_at, decommissioned_at, last_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)
                ON CONFLICT (id) DO UPDATE
                   SET name = EXCLUDED.name, site_id = EXCLUDED.site_id, host_id = EXCLUDED.host_id,
                       project = EXCLUDED.project, environment = EXCLUDED.environment, vcpus = EXCLUDED.vcpus,
                       memory_mib = EXCLUDED.memory_mib, state = EXCLUDED.state,
                       provisioned_at = EXCLUDED.provisioned_at, decommissioned_at = NULL,
                       last_position = EXCLUDED.last_position
                 WHERE vms.last_position < EXCLUDED.last_position""",
                event.vmId(), event.name(), event.siteId(), event.hostId(), event.project(),
                event.environment().name(), event.vcpus(), event.memoryMib(), VmState.ACTIVE.name(),
                utc(storedAt), position);
    }

    @EventHandler
    void on(VmDecommissioned event, @Timestamp Instant storedAt,
            @MetaDataValue(value = EventEnvelope.GLOBAL_POSITION, required = true) Long position) {
        int updated = jdbc.update("""
                UPDATE vms SET state = ?, decommissioned_at = ?, last_position = ?
                 WHERE id = ? AND last_position < ?""",
                VmState.DECOMMISSIONED.name(), utc(storedAt), position, event.vmId(), position);
        if (updated == 0 && !exists("vms", event.vmId())) {
            // One VM's events share a partition key, so they arrive in order; this means the provisioning event
            // is missing from the topic. Nothing to change: a row without name, project or sizes would be wrong.
            log.warn("VmDecommissioned at position {} for VM {} that this read model never saw provisioned",
                    position, event.vmId());
        }
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

    private boolean exists(String table, String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM " + table + " WHERE id = ?)", Boolean.class, id));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
