package dev.twinledger.benchmarks.estate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends generated events to the command side's event store exactly as the command side stores them: the schema
 * comes from the command side's own Flyway scripts (so the service sees them applied), rows are written by Axon's
 * {@link JdbcEventStorageEngine} with the table names of the command side's {@code EventStoreSchema} and a Jackson
 * serializer configured like the service's (Spring Boot's object mapper: Java time as ISO-8601 text, unknown
 * properties ignored). Events are buffered and appended in batches, one JDBC batch per append.
 */
public final class EstateStore implements AutoCloseable {

    private static final int BATCH = 5_000;

    private final JdbcEventStorageEngine engine;
    private final List<DomainEventMessage<?>> buffer = new ArrayList<>(BATCH);
    private long appended;

    /** A store writing to the database at {@code jdbcUrl}, migrated with the scripts in {@code migrations}. */
    public EstateStore(String jdbcUrl, String user, String password, Path migrations) {
        Flyway.configure().dataSource(jdbcUrl, user, password).locations("filesystem:" + migrations.toAbsolutePath())
                .load().migrate();
        // Rewritten batches: one multi-row INSERT per batch instead of one statement per event (same rows).
        String batchedUrl = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        ConnectionProvider connections = () -> DriverManager.getConnection(batchedUrl, user, password);
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
        this.engine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(EventSchema.builder().eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
                        .globalIndexColumn("global_index").aggregateIdentifierColumn("aggregate_identifier")
                        .sequenceNumberColumn("sequence_number").typeColumn("type")
                        .eventIdentifierColumn("event_identifier").metaDataColumn("meta_data")
                        .payloadColumn("payload").payloadRevisionColumn("payload_revision")
                        .payloadTypeColumn("payload_type").timestampColumn("time_stamp").build())
                .build();
    }

    /** Buffers one event of stream {@code aggregateId} (of {@code aggregateType}); appends when the batch is full. */
    public void append(String aggregateType, String aggregateId, long sequence, String eventId, Object payload,
                       MetaData metaData, Instant timestamp) {
        buffer.add(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, metaData, eventId,
                timestamp));
        if (buffer.size() >= BATCH) {
            flush();
        }
    }

    /** Appends what is buffered. */
    public void flush() {
        if (!buffer.isEmpty()) {
            engine.appendEvents(buffer);
            appended += buffer.size();
            buffer.clear();
        }
    }

    /** Events appended so far. */
    public long appended() {
        return appended;
    }

    @Override
    public void close() {
        flush();
    }
}
