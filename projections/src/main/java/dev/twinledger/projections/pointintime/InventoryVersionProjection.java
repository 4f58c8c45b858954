package dev.twinledger.projections.pointintime;

import dev.twinledger.projections.tracking.GlobalPositions;
import dev.twinledger.projections.tracking.ProjectionProcessors;
import dev.twinledger.transport.UnknownEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static dev.twinledger.projections.support.Columns.json;
import static dev.twinledger.projections.support.Columns.utc;

/**
 * Keeps {@code inventory_versions}: for every event of an inventory resource's own stream (site, project, host, VM,
 * volume, object-storage container), one row holding the resource's whole state after that event
 * ({@link InventoryFold}) and the interval it was the resource's state: from the event's timestamp until the next
 * event's. A container's replica sites also go to {@code container_version_sites}, so a site's containers at an
 * instant are an index range scan too.
 *
 * <p>Order and idempotence: one aggregate's events arrive in order (they share a Kafka partition key), those of
 * different aggregates in any interleaving, which is harmless because a version depends only on its own stream. A
 * row is keyed by (resource id, sequence number) and inserted with {@code ON CONFLICT DO NOTHING}; only an insert
 * that wrote a row closes the previous version, so a redelivered event changes nothing.
 *
 * <p>Time: a version is valid from its event's timestamp. Timestamps of one stream are treated as non-decreasing; one
 * that goes backwards (clocks of two command sides) is clamped to the previous version's start, so the previous
 * version becomes empty rather than the intervals overlapping. Versions that start at the same instant (events of
 * one unit of work) leave only the last one visible at that instant, as a fold of the events up to it would.
 */
@ProcessingGroup(ProjectionProcessors.READ_MODEL)
public class InventoryVersionProjection {

    private static final Logger log = LoggerFactory.getLogger(InventoryVersionProjection.class);

    private final JdbcTemplate jdbc;

    /** A projection writing to the read database behind {@code dataSource}. */
    public InventoryVersionProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domainEvent) || domainEvent.getAggregateIdentifier() == null) {
            return;
        }
        boolean inventoryEvent = InventoryFold.creates(payload) || InventoryFold.changes(payload);
        // An event type this build does not know may still be on an inventory stream; it keeps the state as it was.
        if (!inventoryEvent && !(payload instanceof UnknownEvent)) {
            return;
        }
        String resourceId = domainEvent.getAggregateIdentifier();
        long sequence = domainEvent.getSequenceNumber();
        Optional<StoredVersion> previous = latestBefore(resourceId, sequence);
        Optional<ResourceSnapshot> next = InventoryFold.apply(previous.map(StoredVersion::snapshot).orElse(null),
                payload, event.getTimestamp());
        if (next.isEmpty()) {
            if (inventoryEvent) {
                // One stream's events arrive in order, so the creating event is missing from the topic; a state
                // made up from this event alone would be wrong.
                log.warn("{} at position {} for {} that this read model never saw created",
                        payload.getClass().getSimpleName(), GlobalPositions.of(event), resourceId);
            }
            return;
        }
        Instant validFrom = validFrom(event, previous.orElse(null), resourceId);
        if (insert(resourceId, sequence, next.get(), validFrom, event) && previous.isPresent()) {
            close(resourceId, previous.get(), validFrom);
        }
    }

    /** The event's timestamp, or the previous version's start when the timestamp goes backwards. */
    private static Instant validFrom(EventMessage<?> event, StoredVersion previous, String resourceId) {
        Instant stamped = event.getTimestamp();
        if (previous == null || !stamped.isBefore(previous.validFrom())) {
            return stamped;
        }
        log.debug("event at position {} is stamped {}, before the previous version of {} ({}); clamped",
                GlobalPositions.of(event), stamped, resourceId, previous.validFrom());
        return previous.validFrom();
    }

    private boolean insert(String resourceId, long sequence, ResourceSnapshot state, Instant validFrom,
                           EventMessage<?> event) {
        ResourceSnapshot.FilterColumns columns = state.filterColumns();
        int inserted = jdbc.update("""
                INSERT INTO inventory_versions (resource_id, sequence_number, resource_type, valid_from, valid_to,
                                                from_position, event_id, event_type, site_id, project, environment,
                                                state, host_id, attributes)
                VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (resource_id, sequence_number) DO NOTHING""",
                resourceId, sequence, state.resourceType(), utc(validFrom), GlobalPositions.of(event),
                event.getIdentifier(), GlobalPositions.typeOf(event), columns.siteId(), columns.project(),
                columns.environment(), columns.state(), columns.hostId(), json(state));
        if (inserted == 0) {
            return false;
        }
        List<Object[]> sites = columns.replicaSiteIds().stream()
                .map(site -> new Object[]{resourceId, sequence, site, utc(validFrom)})
                .toList();
        if (!sites.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO container_version_sites (container_id, sequence_number, site_id, valid_from, valid_to)
                    VALUES (?, ?, ?, ?, NULL)
                    ON CONFLICT (container_id, sequence_number, site_id) DO NOTHING""", sites);
        }
        return true;
    }

    private void close(String resourceId, StoredVersion previous, Instant validTo) {
        jdbc.update("UPDATE inventory_versions SET valid_to = ? WHERE resource_id = ? AND sequence_number = ?",
                utc(validTo), resourceId, previous.sequence());
        if (previous.snapshot() instanceof ContainerSnapshot) {
            jdbc.update("UPDATE container_version_sites SET valid_to = ? WHERE container_id = ? "
                    + "AND sequence_number = ?", utc(validTo), resourceId, previous.sequence());
        }
    }

    private Optional<StoredVersion> latestBefore(String resourceId, long sequence) {
        return jdbc.query("""
                SELECT sequence_number, resource_type, valid_from, attributes FROM inventory_versions
                 WHERE resource_id = ? AND sequence_number < ?
                 ORDER BY sequence_number DESC LIMIT 1""",
                (rs, row) -> new StoredVersion(rs.getLong("sequence_number"),
                        rs.getObject("valid_from", OffsetDateTime.class).toInstant(),
                        SnapshotJson.read(rs.getString("resource_type"), rs.getString("attributes"))),
                resourceId, sequence).stream().findFirst();
    }

    private record StoredVersion(long sequence, Instant validFrom, ResourceSnapshot snapshot) {
    }
}
