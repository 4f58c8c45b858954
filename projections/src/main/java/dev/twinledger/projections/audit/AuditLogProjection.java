package dev.twinledger.projections.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twinledger.api.EventMetadata;
import dev.twinledger.auditformat.CanonicalJson;
import dev.twinledger.projections.support.BatchedInserts;
import dev.twinledger.projections.tracking.GlobalPositions;
import dev.twinledger.projections.tracking.ProjectionProcessors;
import dev.twinledger.transport.EnvelopeKafkaMessageConverter;
import dev.twinledger.transport.EventEnvelope;
import dev.twinledger.transport.PublicationWatermark;
import dev.twinledger.transport.UnknownEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.Arrays;

import static dev.twinledger.projections.support.Columns.json;
import static dev.twinledger.projections.support.Columns.utc;

/**
 * Writes every event on the topic into {@code audit_log}, unsealed: all of them, of every type, including denied
 * attempts and types this service does not know. The row keeps the facts the chain commits to (module audit-format's
 * {@code AuditRecord}) and, for queries, the resources and sites the event concerns ({@link RelatedIds}).
 *
 * <p>The payload kept is the JSON the event travelled with, not a re-serialization of the record this version of the
 * code reads it into, so a rebuild with newer code hashes the same bytes.
 *
 * <p>Also keeps, per partition, the highest {@link PublicationWatermark} read from it; {@link AuditChainSealer} seals
 * up to the lowest of those. Rows are keyed by global position and written with ON CONFLICT DO NOTHING, watermarks
 * only ever rise: applying anything twice changes nothing.
 */
@ProcessingGroup(ProjectionProcessors.READ_MODEL)
public class AuditLogProjection {

    private final JdbcTemplate jdbc;
    /** Nothing in the processor reads audit rows back (the sealer reads committed ones), so one round trip a batch. */
    private final BatchedInserts rows;

    /** A projection writing to the read database behind {@code dataSource}. */
    public AuditLogProjection(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.rows = new BatchedInserts(jdbc, """
                INSERT INTO audit_log (global_position, event_id, event_type, event_name, aggregate_type,
                                       aggregate_id, sequence_number, occurred_at, actor_subject, actor_username,
                                       handling_site, correlation_id, causation_id, reason, ticket, payload,
                                       resource_ids, site_ids)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (global_position) DO NOTHING""");
    }

    @EventHandler
    void on(PublicationWatermark watermark,
            @MetaDataValue(value = EnvelopeKafkaMessageConverter.PARTITION, required = true) Integer partition) {
        jdbc.update("""
                INSERT INTO audit_partition_watermarks (kafka_partition, published_below, partitions)
                VALUES (?, ?, ?)
                ON CONFLICT (kafka_partition) DO UPDATE
                   SET published_below = greatest(audit_partition_watermarks.published_below, excluded.published_below),
                       partitions = greatest(audit_partition_watermarks.partitions, excluded.partitions)""",
                partition, watermark.publishedBelow(), watermark.partitions());
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        String aggregateType = null;
        String aggregateId = null;
        long sequence = -1;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregateType = domainEvent.getType();
            aggregateId = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        }
        String payloadJson = payloadJson(payload, event);
        JsonNode payloadTree = CanonicalJson.parse(payloadJson);
        String handlingSite = meta(event, EventMetadata.HANDLING_SITE);
        RelatedIds related = RelatedIds.of(payloadTree, aggregateId, handlingSite);
        String type = GlobalPositions.typeOf(event);
        Object[] row = {GlobalPositions.of(event), event.getIdentifier(), type, simpleName(type), aggregateType,
                aggregateId, sequence, utc(event.getTimestamp()), meta(event, EventMetadata.ACTOR_SUBJECT),
                meta(event, EventMetadata.ACTOR_USERNAME), handlingSite, meta(event, EventMetadata.CORRELATION_ID),
                meta(event, EventMetadata.CAUSATION_ID), meta(event, EventMetadata.REASON),
                meta(event, EventMetadata.TICKET), payloadJson};
        // String[] binds as text[] (the driver maps Java arrays).
        Object[] withArrays = Arrays.copyOf(row, row.length + 2);
        withArrays[row.length] = related.resources();
        withArrays[row.length + 1] = related.sites();
        rows.add(withArrays);
    }

    private static String payloadJson(Object payload, EventMessage<?> event) {
        Object travelled = event.getMetaData().get(EventEnvelope.PAYLOAD_JSON);
        if (travelled instanceof String text) {
            return text;
        }
        return payload instanceof UnknownEvent unknown ? unknown.json() : json(payload);
    }

    private static String simpleName(String type) {
        int dot = Math.max(type.lastIndexOf('.'), type.lastIndexOf('$'));
        return dot < 0 ? type : type.substring(dot + 1);
    }

    private static String meta(EventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
