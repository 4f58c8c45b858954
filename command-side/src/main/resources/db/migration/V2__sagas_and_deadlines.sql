-- Process state and deadlines of the command side: the upgrade campaign's saga and its migration timeouts. They live
-- in the event store's database so that an event, the saga state it changed, the deadlines it set and the processor's
-- token commit in one transaction. Names are snake_case like V1's; SagaStoreSchema and the db-scheduler settings
-- (db-scheduler.table-name) tell the libraries these names.

-- Axon's JdbcSagaStore (PostgresSagaSqlSchema): one row per live saga, its state serialized as JSON in bytea.
CREATE TABLE saga_entry (
    saga_id         VARCHAR(255) NOT NULL,
    revision        VARCHAR(255),
    saga_type       VARCHAR(255),
    serialized_saga BYTEA,
    CONSTRAINT saga_entry_pk PRIMARY KEY (saga_id)
);

-- Which saga an event reaches: (key, value) pairs such as (campaignId, c-1) or (migrationId, cm-...).
CREATE TABLE association_value_entry (
    id                BIGSERIAL    NOT NULL,
    association_key   VARCHAR(255) NOT NULL,
    association_value VARCHAR(255),
    saga_type         VARCHAR(255),
    saga_id           VARCHAR(255) NOT NULL,
    CONSTRAINT association_value_entry_pk PRIMARY KEY (id)
);

-- Every event handled by a saga type looks its sagas up by (type, key, value); loading a saga reads its associations.
CREATE INDEX association_value_entry_lookup_idx
    ON association_value_entry (saga_type, association_key, association_value);
CREATE INDEX association_value_entry_saga_idx ON association_value_entry (saga_id, saga_type);

-- db-scheduler 16 (Axon's DbSchedulerDeadlineManager): one row per scheduled deadline until it has run or been
-- cancelled. Any command side may pick a due row; picked/version make sure only one runs it.
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    CONSTRAINT scheduled_tasks_pk PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX scheduled_tasks_execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
