-- Issue 5: the audit log. Every event on the topic becomes one row here (inventory, migrations, campaigns, alerts,
-- access changes and denied attempts), written by the same one tracking processor as every other table, so
-- minPosition means the same for audit queries as everywhere else.
--
-- Tamper evidence (ADR 14, docs/audit-format.md): rows arrive in any order across partitions, so they are written
-- unsealed (hash columns null) and a sealer links them into one hash chain in global-position order once no lower
-- position can still arrive (audit_partition_watermarks says when). The chain depends only on the events, never on
-- arrival order or timing: a rebuild from the topic gives the same hashes. Checkpoints sign the chain hash at a
-- position with the service's key. Nothing here is ever updated after sealing or deleted.

CREATE TABLE audit_log (
    global_position BIGINT      PRIMARY KEY,
    event_id        TEXT        NOT NULL,
    event_type      TEXT        NOT NULL,
    -- The simple class name (VmProvisioned), what people filter by.
    event_name      TEXT        NOT NULL,
    aggregate_type  TEXT        NULL,
    aggregate_id    TEXT COLLATE "C" NULL,
    sequence_number BIGINT      NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    actor_subject   TEXT        NULL,
    actor_username  TEXT        NULL,
    handling_site   TEXT        NULL,
    correlation_id  TEXT        NULL,
    causation_id    TEXT        NULL,
    reason          TEXT        NULL,
    ticket          TEXT        NULL,
    payload         JSONB       NOT NULL,
    -- Every resource the event concerns: its aggregate and each id its payload names (vmId, hostId, siteId,
    -- targetHostId, resourceId, ...), so a VM's query finds its migrations, its hosts' memory moves and the denied
    -- attempts on it.
    resource_ids    TEXT[]      NOT NULL,
    -- The handling site and every site the payload names.
    site_ids        TEXT[]      NOT NULL,
    -- Null until sealed.
    chain_index     BIGINT      NULL,
    content_digest  CHAR(64)    NULL,
    previous_hash   CHAR(64)    NULL,
    chain_hash      CHAR(64)    NULL,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Every query pages by global position after a filter; each filter leads its own index.
CREATE INDEX audit_log_resources_idx ON audit_log USING gin (resource_ids);
CREATE INDEX audit_log_sites_idx ON audit_log USING gin (site_ids);
CREATE INDEX audit_log_actor_subject_idx ON audit_log (actor_subject, global_position);
CREATE INDEX audit_log_actor_username_idx ON audit_log (actor_username, global_position);
CREATE INDEX audit_log_event_name_idx ON audit_log (event_name, global_position);
CREATE INDEX audit_log_correlation_idx ON audit_log (correlation_id, global_position);
CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at, global_position);
-- The sealer's work list.
CREATE INDEX audit_log_unsealed_idx ON audit_log (global_position) WHERE chain_hash IS NULL;

-- The end of the sealed chain. One row; the sealer locks it, so two query-side instances on one read database never
-- seal the same rows twice.
CREATE TABLE audit_chain_head (
    id              SMALLINT    PRIMARY KEY CHECK (id = 1),
    global_position BIGINT      NOT NULL,
    entries         BIGINT      NOT NULL,
    chain_hash      CHAR(64)    NOT NULL,
    sealed_at       TIMESTAMPTZ NULL
);
INSERT INTO audit_chain_head (id, global_position, entries, chain_hash)
VALUES (1, -1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Per partition of the events topic, the highest publication watermark read from it (event-transport's
-- PublicationWatermark): every event below it that went to that partition has been read. Once every partition has
-- one, nothing below the lowest of them can still arrive. Written in the projection's transaction, with the token.
CREATE TABLE audit_partition_watermarks (
    kafka_partition INTEGER PRIMARY KEY,
    published_below BIGINT  NOT NULL,
    -- How many partitions the topic had when the marker was sent: the sealer waits for a marker from each.
    partitions      INTEGER NOT NULL
);

-- Signed checkpoints: the chain hash at a position, signed with the key named.
CREATE TABLE audit_checkpoints (
    global_position BIGINT      PRIMARY KEY,
    entries         BIGINT      NOT NULL,
    chain_hash      CHAR(64)    NOT NULL,
    signed_at       TIMESTAMPTZ NOT NULL,
    key_id          TEXT        NOT NULL,
    algorithm       TEXT        NOT NULL,
    signature       TEXT        NOT NULL
);

-- Every public key that has signed a checkpoint here (published at GET /api/audit/public-keys). Only keys the
-- service is configured to trust verify; a key found only in this table proves nothing.
CREATE TABLE audit_signing_keys (
    key_id        TEXT        PRIMARY KEY,
    algorithm     TEXT        NOT NULL,
    public_key    TEXT        NOT NULL,
    first_used_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Reads of the audit record: who asked what, when, and whether it was allowed. Written by the query side itself
-- (it sends no commands), one row per audit request.
CREATE TABLE audit_access_log (
    id              BIGSERIAL   PRIMARY KEY,
    accessed_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    caller_subject  TEXT        NOT NULL,
    caller_username TEXT        NULL,
    request         TEXT        NOT NULL,
    outcome         VARCHAR(16) NOT NULL,
    scope           TEXT        NULL,
    detail          TEXT        NULL,
    correlation_id  TEXT        NULL
);
CREATE INDEX audit_access_log_caller_idx ON audit_access_log (caller_subject, id);
