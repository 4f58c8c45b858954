-- The Axon event store of the command side: the source of truth. Axon's JDBC components create no tables; this
-- migration owns them, and EventStoreSchema tells Axon these names. Payloads are bytea (never large objects, whose
-- oids leak and are hard to read). Timestamps are ISO-8601 text because that is how Axon's JDBC engine writes them.

CREATE TABLE domain_event_entry (
    global_index         BIGSERIAL    NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    CONSTRAINT domain_event_entry_pk PRIMARY KEY (global_index),
    -- Ids are unique across every aggregate type: a second stream for an id fails here, even under a race, and Axon
    -- turns the violation into AggregateStreamCreationException (answered 409).
    CONSTRAINT domain_event_entry_aggregate_sequence_uk UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT domain_event_entry_event_identifier_uk UNIQUE (event_identifier)
);

-- Ready for a Snapshotter; nothing takes snapshots yet.
CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    CONSTRAINT snapshot_event_entry_pk PRIMARY KEY (aggregate_identifier, sequence_number),
    CONSTRAINT snapshot_event_entry_event_identifier_uk UNIQUE (event_identifier)
);

-- Positions of the tracking event processors; the Kafka publisher's position is the row of processor
-- '__axon-kafka-event-publishing-group'.
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    CONSTRAINT token_entry_pk PRIMARY KEY (processor_name, segment)
);

-- For processors that enable Axon's dead-letter queue. The Kafka publisher must not: parking an event would publish
-- the events after it out of order.
CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255)  NOT NULL,
    processing_group     VARCHAR(255)  NOT NULL,
    sequence_identifier  VARCHAR(255)  NOT NULL,
    sequence_index       BIGINT        NOT NULL,
    message_type         VARCHAR(255)  NOT NULL,
    event_identifier     VARCHAR(255)  NOT NULL,
    time_stamp           VARCHAR(255)  NOT NULL,
    payload_type         VARCHAR(255)  NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA         NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255)  NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT dead_letter_entry_pk PRIMARY KEY (dead_letter_id),
    CONSTRAINT dead_letter_entry_sequence_uk UNIQUE (processing_group, sequence_identifier, sequence_index)
);

CREATE INDEX dead_letter_entry_processing_group_idx ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_sequence_idx ON dead_letter_entry (processing_group, sequence_identifier);
