package dev.twinledger.projections.history;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDenied;
import dev.twinledger.projections.support.BatchedInserts;
import dev.twinledger.projections.tracking.GlobalPositions;
import dev.twinledger.projections.tracking.ProjectionProcessors;
import dev.twinledger.transport.UnknownEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

import static dev.twinledger.projections.support.Columns.json;
import static dev.twinledger.projections.support.Columns.utc;

/**
 * Writes every event of every aggregate stream into {@code resource_history}, keyed by the stream's aggregate id:
 * the history of any resource, in global order. A VM's migrations are on the VM's own stream, so its history reads as
 * one line across all its moves; a host's stream holds its memory changes and capacity alerts.
 *
 * <p>Events of types this service does not know are kept too, with the JSON the producer wrote. Events without an
 * aggregate belong to no resource and are not kept here; nor are {@link AccessDenied} events, which the event store
 * files under a stream of their own named by the event's id: that id is no resource (denied attempts are in
 * {@code access_denials}). The row's key is the global position, so applying an event
 * twice writes one row.
 */
@ProcessingGroup(ProjectionProcessors.READ_MODEL)
public class HistoryProjection {

    /** Nothing in the processor reads these rows back, so they are written once per batch (one round trip). */
    private final BatchedInserts rows;

    /** A projection writing to the read database behind {@code dataSource}. */
    public HistoryProjection(DataSource dataSource) {
        this.rows = new BatchedInserts(new JdbcTemplate(dataSource), """
                INSERT INTO resource_history (global_position, resource_id, resource_type, sequence_number, event_id,
                                              event_type, occurred_at, actor_subject, actor_username, handling_site,
                                              correlation_id, causation_id, reason, ticket, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (global_position) DO NOTHING""");
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domainEvent) || domainEvent.getAggregateIdentifier() == null
                || payload instanceof AccessDenied) {
            return;
        }
        String payloadJson = payload instanceof UnknownEvent unknown ? unknown.json() : json(payload);
        rows.add(GlobalPositions.of(event), domainEvent.getAggregateIdentifier(), domainEvent.getType(),
                domainEvent.getSequenceNumber(), event.getIdentifier(), GlobalPositions.typeOf(event),
                utc(event.getTimestamp()), meta(event, EventMetadata.ACTOR_SUBJECT),
                meta(event, EventMetadata.ACTOR_USERNAME), meta(event, EventMetadata.HANDLING_SITE),
                meta(event, EventMetadata.CORRELATION_ID), meta(event, EventMetadata.CAUSATION_ID),
                meta(event, EventMetadata.REASON), meta(event, EventMetadata.TICKET), payloadJson);
    }

    private static String meta(EventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
