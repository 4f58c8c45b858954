package dev.twinledger.commandside.eventstore;

import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * Table and column names of the event store, which Flyway owns ({@code db/migration/V1__event_store.sql}). Axon's
 * JDBC components default to camelCase names that PostgreSQL would fold to lower case; the schema uses snake_case
 * instead, and these factories tell Axon so. Change a name here and in a new migration together.
 */
public final class EventStoreSchema {

    public static final String DOMAIN_EVENT_TABLE = "domain_event_entry";
    public static final String SNAPSHOT_TABLE = "snapshot_event_entry";
    public static final String TOKEN_TABLE = "token_entry";
    public static final String DEAD_LETTER_TABLE = "dead_letter_entry";
    public static final String GLOBAL_INDEX = "global_index";
    public static final String AGGREGATE_IDENTIFIER = "aggregate_identifier";
    public static final String EVENT_IDENTIFIER = "event_identifier";

    private EventStoreSchema() {
    }

    /** The domain-event and snapshot tables. */
    public static EventSchema events() {
        return EventSchema.builder()
                .eventTable(DOMAIN_EVENT_TABLE)
                .snapshotTable(SNAPSHOT_TABLE)
                .globalIndexColumn(GLOBAL_INDEX)
                .aggregateIdentifierColumn(AGGREGATE_IDENTIFIER)
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .eventIdentifierColumn(EVENT_IDENTIFIER)
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .timestampColumn("time_stamp")
                .build();
    }

    /** The tracking-token table of the event processors (the Kafka publisher's position lives here). */
    public static TokenSchema tokens() {
        return TokenSchema.builder()
                .setTokenTable(TOKEN_TABLE)
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** The dead-letter table, used only by processors that enable a dead-letter queue (none does yet). */
    public static DeadLetterSchema deadLetters() {
        return DeadLetterSchema.builder()
                .deadLetterTable(DEAD_LETTER_TABLE)
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }
}
