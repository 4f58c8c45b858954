-- Issue 3: the read models of operations. Hosts and VMs gain what the new events say; projects, volumes,
-- containers, capacity alerts, migrations, campaigns and every resource's event history get their own tables.
-- Same rules as V1: ids in the "C" collation, no foreign keys (events of different aggregates arrive in any order),
-- no CHECK on enum columns, and last_position on every row that events update, so that a handler never lets an
-- older event overwrite the effect of a newer one. Every table here is written by the one tracking processor
-- "inventory", so that minPosition means the same thing for every query (see projections/README.md).

-- Hosts: capacity and lifecycle. capacity_mib = floor((memory_mib - reserved_memory_mib) * max(overcommit, 1.0)),
-- set at registration and from then on from the absolute totals HostMemoryAllocated/-Released carry; allocated_mib
-- likewise is the host's total after the last such event, never a running sum, so a redelivery cannot drift it.
ALTER TABLE hosts
    ADD COLUMN reserved_memory_mib BIGINT           NOT NULL DEFAULT 0,
    ADD COLUMN overcommit_ratio    DOUBLE PRECISION NOT NULL DEFAULT 1.0,
    ADD COLUMN temporary           BOOLEAN          NOT NULL DEFAULT false,
    ADD COLUMN capacity_mib        BIGINT           NOT NULL DEFAULT 0,
    ADD COLUMN allocated_mib       BIGINT           NOT NULL DEFAULT 0,
    ADD COLUMN software_version    TEXT             NULL,
    ADD COLUMN upgraded_at         TIMESTAMPTZ      NULL,
    ADD COLUMN decommissioned_at   TIMESTAMPTZ      NULL;
-- Rows written by V1's handler came from registrations without reserve or overcommit.
UPDATE hosts SET capacity_mib = memory_mib;
ALTER TABLE hosts ADD COLUMN free_mib BIGINT GENERATED ALWAYS AS (capacity_mib - allocated_mib) STORED;
CREATE INDEX hosts_name_idx ON hosts (name, id);
CREATE INDEX hosts_free_idx ON hosts (free_mib, id);

-- VMs: state is VmState (ACTIVE, SHUTOFF: the power state while placed; DECOMMISSIONED). tags is a JSON object of
-- string values; volume_ids a JSON array of the attached volumes' ids, in attach order, as the VM's own stream says.
ALTER TABLE vms
    ADD COLUMN platform_id          TEXT                    NULL,
    ADD COLUMN tags                 JSONB                   NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN current_migration_id TEXT COLLATE "C"        NULL,
    ADD COLUMN volume_ids           JSONB                   NOT NULL DEFAULT '[]'::jsonb;
CREATE INDEX vms_tags_idx ON vms USING gin (tags jsonb_path_ops);
CREATE INDEX vms_name_idx ON vms (name, id);
CREATE INDEX vms_memory_idx ON vms (memory_mib, id);
CREATE INDEX vms_provisioned_idx ON vms (provisioned_at, id);

CREATE TABLE projects (
    id            VARCHAR(64) COLLATE "C" PRIMARY KEY,
    name          TEXT        NOT NULL,
    description   TEXT        NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    last_position BIGINT      NOT NULL
);

-- vm_id is the VM the volume's own stream says it is attached to (null when available or deleted).
CREATE TABLE volumes (
    id            VARCHAR(64) COLLATE "C" PRIMARY KEY,
    name          TEXT        NOT NULL,
    site_id       VARCHAR(64) COLLATE "C" NOT NULL,
    project       TEXT        NOT NULL,
    size_gib      BIGINT      NOT NULL,
    state         VARCHAR(32) NOT NULL,
    vm_id         VARCHAR(64) COLLATE "C" NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    deleted_at    TIMESTAMPTZ NULL,
    last_position BIGINT      NOT NULL
);
CREATE INDEX volumes_site_idx ON volumes (site_id, id);
CREATE INDEX volumes_project_idx ON volumes (project, id);
CREATE INDEX volumes_vm_idx ON volumes (vm_id, id);

-- Object-storage containers. replica_site_ids is the policy (JSON array, sorted). container_replicas holds one row
-- per site in the policy; a site leaving the policy loses its row. Its rows change only when the container row's
-- last_position accepts the event, so the container row guards them.
CREATE TABLE containers (
    id               VARCHAR(64) COLLATE "C" PRIMARY KEY,
    name             TEXT        NOT NULL,
    project          TEXT        NOT NULL,
    replica_site_ids JSONB       NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    last_position    BIGINT      NOT NULL
);
CREATE INDEX containers_project_idx ON containers (project, id);

CREATE TABLE container_replicas (
    container_id  VARCHAR(64) COLLATE "C" NOT NULL,
    site_id       VARCHAR(64) COLLATE "C" NOT NULL,
    status        VARCHAR(32) NOT NULL,
    detail        TEXT        NULL,
    in_policy_since TIMESTAMPTZ NOT NULL,
    reported_at   TIMESTAMPTZ NULL,
    last_position BIGINT      NOT NULL,
    PRIMARY KEY (container_id, site_id)
);
CREATE INDEX container_replicas_site_idx ON container_replicas (site_id, status);

-- Capacity alerts, raised and cleared on the host's own stream. A row is OPEN until its clearing event arrives.
CREATE TABLE capacity_alerts (
    id                          TEXT COLLATE "C" PRIMARY KEY,
    host_id                     VARCHAR(64)  COLLATE "C" NOT NULL,
    site_id                     VARCHAR(64)  COLLATE "C" NOT NULL,
    severity                    VARCHAR(32)  NOT NULL,
    state                       VARCHAR(32)  NOT NULL,
    threshold_percent           DOUBLE PRECISION NOT NULL,
    raised_allocated_mib        BIGINT       NOT NULL,
    raised_capacity_mib         BIGINT       NOT NULL,
    raised_utilization_percent  DOUBLE PRECISION NOT NULL,
    raised_at                   TIMESTAMPTZ  NOT NULL,
    raised_position             BIGINT       NOT NULL,
    cleared_allocated_mib       BIGINT       NULL,
    cleared_capacity_mib        BIGINT       NULL,
    cleared_utilization_percent DOUBLE PRECISION NULL,
    cleared_at                  TIMESTAMPTZ  NULL,
    cleared_position            BIGINT       NULL
);
CREATE INDEX capacity_alerts_state_idx ON capacity_alerts (state, raised_position);
CREATE INDEX capacity_alerts_host_idx ON capacity_alerts (host_id, state);
CREATE INDEX capacity_alerts_site_idx ON capacity_alerts (site_id, raised_position);

-- Migrations live on the VM's stream; a migration id is unique among one VM's migrations, hence the key.
CREATE TABLE migrations (
    id                 TEXT COLLATE "C" NOT NULL,
    vm_id              VARCHAR(64)  COLLATE "C" NOT NULL,
    kind               VARCHAR(32)  NOT NULL,
    state              VARCHAR(32)  NOT NULL,
    source_site_id     VARCHAR(64)  COLLATE "C" NOT NULL,
    source_host_id     VARCHAR(64)  COLLATE "C" NOT NULL,
    source_platform    VARCHAR(32)  NULL,
    target_site_id     VARCHAR(64)  COLLATE "C" NOT NULL,
    target_host_id     VARCHAR(64)  COLLATE "C" NOT NULL,
    target_platform    VARCHAR(32)  NULL,
    memory_mib         BIGINT       NOT NULL,
    previous_platform_id TEXT       NULL,
    platform_id        TEXT         NULL,
    campaign_id        VARCHAR(64)  COLLATE "C" NULL,
    reason             TEXT         NULL,
    requested_at       TIMESTAMPTZ  NOT NULL,
    started_at         TIMESTAMPTZ  NULL,
    finished_at        TIMESTAMPTZ  NULL,
    requested_position BIGINT       NOT NULL,
    last_position      BIGINT       NOT NULL,
    PRIMARY KEY (id, vm_id)
);
CREATE INDEX migrations_vm_idx ON migrations (vm_id, requested_position);
CREATE INDEX migrations_campaign_idx ON migrations (campaign_id, requested_position);
CREATE INDEX migrations_state_idx ON migrations (state, requested_position);
CREATE INDEX migrations_position_idx ON migrations (requested_position);

-- Upgrade campaigns. Every campaign event carries CampaignProgress, so state, current host, host phases and the
-- counters are set from the latest event, never summed. host_phases is a JSON array of {hostId, phase} in campaign
-- order (a JSON object would not keep the order).
CREATE TABLE campaigns (
    id                        VARCHAR(64) COLLATE "C" PRIMARY KEY,
    name                      TEXT        NOT NULL,
    site_id                   VARCHAR(64) COLLATE "C" NOT NULL,
    host_ids                  JSONB       NOT NULL,
    temporary_host_ids        JSONB       NOT NULL,
    target_version            TEXT        NOT NULL,
    max_attempts              INTEGER     NOT NULL,
    migration_timeout_seconds BIGINT      NOT NULL,
    state                     VARCHAR(32) NOT NULL,
    current_host_id           VARCHAR(64) COLLATE "C" NULL,
    host_phases               JSONB       NOT NULL,
    migrations_requested      INTEGER     NOT NULL,
    migrations_succeeded      INTEGER     NOT NULL,
    migrations_failed         INTEGER     NOT NULL,
    migrations_retried        INTEGER     NOT NULL,
    migrations_pending        INTEGER     NOT NULL,
    pause_reason              TEXT        NULL,
    report                    JSONB       NULL,
    created_at                TIMESTAMPTZ NOT NULL,
    started_at                TIMESTAMPTZ NULL,
    paused_at                 TIMESTAMPTZ NULL,
    completed_at              TIMESTAMPTZ NULL,
    updated_at                TIMESTAMPTZ NOT NULL,
    last_position             BIGINT      NOT NULL
);
CREATE INDEX campaigns_site_idx ON campaigns (site_id, id);
CREATE INDEX campaigns_state_idx ON campaigns (state, id);

-- Every failed or rolled-back campaign migration, with the retry that replaced it (null: given up). Guarded by the
-- campaign row like container_replicas.
CREATE TABLE campaign_migration_failures (
    campaign_id        VARCHAR(64)  COLLATE "C" NOT NULL,
    migration_id       TEXT COLLATE "C" NOT NULL,
    host_id            VARCHAR(64)  COLLATE "C" NOT NULL,
    vm_id              VARCHAR(64)  COLLATE "C" NOT NULL,
    from_host_id       VARCHAR(64)  COLLATE "C" NOT NULL,
    to_host_id         VARCHAR(64)  COLLATE "C" NOT NULL,
    attempt            INTEGER      NOT NULL,
    reason             TEXT         NULL,
    retry_migration_id TEXT COLLATE "C" NULL,
    failed_at          TIMESTAMPTZ  NOT NULL,
    position           BIGINT       NOT NULL,
    PRIMARY KEY (campaign_id, migration_id)
);

-- Every event of every stream, by the stream's aggregate id: the history of any resource. The payload is the
-- event record's JSON; the metadata columns are the keys of dev.twinledger.api.EventMetadata.
CREATE TABLE resource_history (
    global_position BIGINT      PRIMARY KEY,
    resource_id     TEXT COLLATE "C" NOT NULL,
    resource_type   VARCHAR(100) NULL,
    sequence_number BIGINT      NULL,
    event_id        TEXT        NOT NULL,
    event_type      TEXT        NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    actor_subject   TEXT        NULL,
    actor_username  TEXT        NULL,
    handling_site   TEXT        NULL,
    correlation_id  TEXT        NULL,
    causation_id    TEXT        NULL,
    reason          TEXT        NULL,
    ticket          TEXT        NULL,
    payload         JSONB       NOT NULL
);
CREATE INDEX resource_history_resource_idx ON resource_history (resource_id, global_position);

-- Memory per site, summed over the hosts that are not decommissioned (a decommissioned host holds nothing and
-- offers nothing). A site appears as soon as either its registration or one of its hosts has arrived.
-- free_on_active_mib counts only hosts that accept new VMs (ACTIVE).
CREATE VIEW site_capacity AS
SELECT ids.site_id,
       s.name                                                                 AS site_name,
       s.platform                                                             AS platform,
       count(h.id)                                                            AS hosts,
       count(h.id) FILTER (WHERE h.state = 'ACTIVE')                          AS active_hosts,
       count(h.id) FILTER (WHERE h.state = 'MAINTENANCE')                     AS maintenance_hosts,
       count(h.id) FILTER (WHERE h.temporary)                                 AS temporary_hosts,
       coalesce(sum(h.memory_mib), 0)::bigint                                 AS physical_mib,
       coalesce(sum(h.reserved_memory_mib), 0)::bigint                        AS reserved_mib,
       coalesce(sum(h.capacity_mib), 0)::bigint                               AS capacity_mib,
       coalesce(sum(h.allocated_mib), 0)::bigint                              AS allocated_mib,
       coalesce(sum(h.free_mib), 0)::bigint                                   AS free_mib,
       coalesce(sum(h.free_mib) FILTER (WHERE h.state = 'ACTIVE'), 0)::bigint AS free_on_active_mib
  FROM (SELECT id AS site_id FROM sites UNION SELECT site_id FROM hosts) ids
  LEFT JOIN sites s ON s.id = ids.site_id
  LEFT JOIN hosts h ON h.site_id = ids.site_id AND h.state <> 'DECOMMISSIONED'
 GROUP BY ids.site_id, s.name, s.platform;
