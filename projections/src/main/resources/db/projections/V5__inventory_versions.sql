-- Issue 5: the inventory at any instant. Written by the same one tracking processor "inventory" as every other
-- table, in the transaction of its Kafka token, so minPosition means the same for point-in-time queries.
--
-- inventory_versions holds one row per event of every inventory resource's own stream (site, project, host, VM,
-- volume, object-storage container): the resource's whole state after that event (attributes, the fold of its
-- stream so far) and the interval that state lasted, [valid_from, valid_to): from the event's timestamp until the
-- next event's on the same stream, valid_to null while it is the current state. The state at T is the version with
-- valid_from <= T < coalesce(valid_to, infinity), which is the fold of the stream's events stamped <= T. A version
-- that starts and ends at the same instant (two events of one unit of work) is never visible on its own.
--
-- The columns queries filter on are copied out of attributes: site_id (host, VM, volume), project (VM, volume,
-- container), environment and host_id (VM), state (host, VM, volume lifecycle). A container has replicas at several
-- sites, so container_version_sites holds one row per container version and replica site, with the same interval.
--
-- Ordering: one resource's events share a Kafka partition key and arrive in order; different resources' in any
-- interleaving, which changes nothing here (a version depends only on its own stream). Rows are keyed by
-- (resource id, sequence number) and written with ON CONFLICT DO NOTHING; a previous version is closed only by an
-- insert that wrote a row. Same conventions as V1-V3: ids in the "C" collation, no foreign keys, no CHECK on
-- enum-valued columns.

CREATE TABLE inventory_versions (
    resource_id     TEXT COLLATE "C" NOT NULL,
    sequence_number BIGINT      NOT NULL,
    resource_type   VARCHAR(16) NOT NULL,
    valid_from      TIMESTAMPTZ NOT NULL,
    valid_to        TIMESTAMPTZ NULL,
    from_position   BIGINT      NOT NULL,
    event_id        TEXT        NOT NULL,
    event_type      TEXT        NOT NULL,
    site_id         TEXT COLLATE "C" NULL,
    project         TEXT COLLATE "C" NULL,
    environment     VARCHAR(32) NULL,
    state           VARCHAR(32) NULL,
    host_id         TEXT COLLATE "C" NULL,
    attributes      JSONB       NOT NULL,
    PRIMARY KEY (resource_id, sequence_number)
);
-- One resource at T: the last version starting at or before T, one backward index descent. valid_from never goes
-- backwards along a stream (the projection clamps it), so this order is the stream's order.
CREATE INDEX inventory_versions_resource_at_idx ON inventory_versions (resource_id, valid_from, sequence_number);
-- A site's (a project's) resources of one type at T, paged by id: an index range scan from (site, type, after) in id
-- order, the validity checked in the index, that stops after a page; a listing of every type merges one such scan
-- per type. With a state filter, the scan runs within that state.
CREATE INDEX inventory_versions_site_at_idx ON inventory_versions
    (site_id, resource_type, resource_id, valid_from, (coalesce(valid_to, 'infinity'::timestamptz)))
    WHERE site_id IS NOT NULL;
CREATE INDEX inventory_versions_site_state_at_idx ON inventory_versions
    (site_id, resource_type, state, resource_id, valid_from, (coalesce(valid_to, 'infinity'::timestamptz)))
    WHERE site_id IS NOT NULL;
CREATE INDEX inventory_versions_project_at_idx ON inventory_versions
    (project, resource_type, resource_id, valid_from, (coalesce(valid_to, 'infinity'::timestamptz)))
    WHERE project IS NOT NULL;
-- Those scans stop early only where the owner's resources are dense at T. Early in a site's or a project's history
-- most of its versions start after T, and after a site was emptied by migrations most ended before T: the scan would
-- cross all of them to find few. For such instants the planner takes the versions that started before T (or ended
-- after T) instead and sorts the few it finds; the queries ask for a plan per instant (plan_cache_mode), since a
-- generic plan cannot tell the cases apart. A project keeps its resources for good (decommissioned ones stay
-- listed), so only its early instants are sparse.
CREATE INDEX inventory_versions_site_from_idx ON inventory_versions (site_id, resource_type, valid_from)
    WHERE site_id IS NOT NULL;
CREATE INDEX inventory_versions_site_to_idx ON inventory_versions
    (site_id, resource_type, (coalesce(valid_to, 'infinity'::timestamptz)))
    WHERE site_id IS NOT NULL;
CREATE INDEX inventory_versions_project_from_idx ON inventory_versions (project, resource_type, valid_from)
    WHERE project IS NOT NULL;

CREATE TABLE container_version_sites (
    container_id    TEXT COLLATE "C" NOT NULL,
    sequence_number BIGINT      NOT NULL,
    site_id         TEXT COLLATE "C" NOT NULL,
    valid_from      TIMESTAMPTZ NOT NULL,
    valid_to        TIMESTAMPTZ NULL,
    PRIMARY KEY (container_id, sequence_number, site_id)
);
CREATE INDEX container_version_sites_at_idx ON container_version_sites
    (site_id, container_id, valid_from, (coalesce(valid_to, 'infinity'::timestamptz)));
