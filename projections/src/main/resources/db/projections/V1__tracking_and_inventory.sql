-- Read database of one site's query side. Everything here is derived from the events topic and can be rebuilt
-- by dropping the database and consuming the topic from the start.

-- Axon's JdbcTokenStore table (trap 3: the JDBC store creates nothing itself). Unquoted names, as Axon's SQL is
-- unquoted; the token is bytea, never a large object (trap 2). One row per (processor, segment): the Kafka
-- tracking token, i.e. the offset consumed per partition, committed with the read-model rows it produced.
CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA        NULL,
    tokentype     VARCHAR(255) NULL,
    timestamp     VARCHAR(255) NULL,
    owner         VARCHAR(255) NULL,
    PRIMARY KEY (processorname, segment)
);

-- Every event a projection applied, by global position, written in the same transaction as the rows the event
-- changed. A redelivered event finds its row and is skipped (exactly-once effect over at-least-once delivery), and
-- minPosition waits look up the exact position here (positions can be applied out of global order).
CREATE TABLE projection_applied_event (
    processor       VARCHAR(64)  NOT NULL,
    global_position BIGINT       NOT NULL,
    event_id        TEXT         NOT NULL,
    event_type      TEXT         NOT NULL,
    applied_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (processor, global_position)
);

-- Inventory read model. Ids use the "C" collation so that paging order (by id) is byte order and the same at both
-- sites whatever their database locale. There are no foreign keys on purpose: events of different aggregates
-- travel on different partitions, so a VM can legitimately arrive before its host or site.
-- Enum-valued columns have no CHECK constraints on purpose: a value added to an api enum must not stop the
-- projection. last_position is the global position of the last event applied to the row; handlers never let an
-- older event overwrite a newer one.
CREATE TABLE sites (
    id            VARCHAR(64) COLLATE "C" PRIMARY KEY,
    name          TEXT        NOT NULL,
    platform      VARCHAR(32) NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    last_position BIGINT      NOT NULL
);

CREATE TABLE hosts (
    id            VARCHAR(64) COLLATE "C" PRIMARY KEY,
    site_id       VARCHAR(64) COLLATE "C" NOT NULL,
    name          TEXT        NOT NULL,
    cpu_cores     INTEGER     NOT NULL,
    memory_mib    BIGINT      NOT NULL,
    state         VARCHAR(32) NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    last_position BIGINT      NOT NULL
);
CREATE INDEX hosts_site_idx ON hosts (site_id, id);
CREATE INDEX hosts_state_idx ON hosts (state, id);

CREATE TABLE vms (
    id                VARCHAR(64) COLLATE "C" PRIMARY KEY,
    name              TEXT        NOT NULL,
    site_id           VARCHAR(64) COLLATE "C" NOT NULL,
    host_id           VARCHAR(64) COLLATE "C" NOT NULL,
    project           TEXT        NOT NULL,
    environment       VARCHAR(32) NOT NULL,
    vcpus             INTEGER     NOT NULL,
    memory_mib        BIGINT      NOT NULL,
    state             VARCHAR(32) NOT NULL,
    provisioned_at    TIMESTAMPTZ NOT NULL,
    decommissioned_at TIMESTAMPTZ NULL,
    last_position     BIGINT      NOT NULL
);
-- Each filter of GET /api/vms leads with its own column and ends with id, so a filtered page is an index range
-- scan already in paging order.
CREATE INDEX vms_site_idx ON vms (site_id, id);
CREATE INDEX vms_host_idx ON vms (host_id, id);
CREATE INDEX vms_project_idx ON vms (project, id);
CREATE INDEX vms_environment_state_idx ON vms (environment, state, id);
CREATE INDEX vms_state_idx ON vms (state, id);
