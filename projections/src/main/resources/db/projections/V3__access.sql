-- Issue 4: the access read model. Written by the same one tracking processor "inventory" as every other table, in
-- the transaction of its Kafka token, so minPosition means the same for access queries as for the inventory.
--
-- access_events is the source the query side folds (with the policies module's AccessHistory, the same fold the
-- command side uses) to answer checks, "what can P do", "who can" and the matrix at any instant. The other tables
-- are normalized views of the same events for paged listing: grants, groups and memberships, role versions, every
-- principal's access history, access reviews, and denied attempts.
--
-- Ordering: every access event except AccessDenied is on the one stream "access-directory" (one Kafka partition
-- key), so those arrive in order; an AccessDenied is a stream of its own (aggregate id = its event id) and may arrive
-- before or after directory events with neighbouring positions. Rows keyed by global position are written with
-- ON CONFLICT DO NOTHING; rows that later events change carry last_position and are only changed by a newer event.
-- Same conventions as V1/V2: ids in the "C" collation, no foreign keys, no CHECK on enum-valued columns.

CREATE TABLE access_events (
    global_position BIGINT      PRIMARY KEY,
    event_id        TEXT        NOT NULL,
    event_type      TEXT        NOT NULL,
    aggregate_id    TEXT COLLATE "C" NULL,
    sequence_number BIGINT      NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    actor_username  TEXT        NULL,
    actor_subject   TEXT        NULL,
    handling_site   TEXT        NULL,
    correlation_id  TEXT        NULL,
    reason          TEXT        NULL,
    ticket          TEXT        NULL,
    payload         JSONB       NOT NULL
);
-- The query side reads the directory's events above the position it has folded: an index range scan.
CREATE INDEX access_events_aggregate_idx ON access_events (aggregate_id, global_position);
CREATE INDEX access_events_type_idx ON access_events (event_type, global_position);

-- One row per grant. status is the lifecycle the events recorded: PENDING_APPROVAL, ACTIVE, REJECTED, REVOKED,
-- EXPIRED (GrantExpired recorded). A grant stops giving at valid_until whether or not its expiry was recorded yet;
-- the query side reports such a grant as EXPIRED. Scope columns null mean "any".
CREATE TABLE access_grants (
    id                   VARCHAR(128) COLLATE "C" PRIMARY KEY,
    principal_kind       VARCHAR(16) NOT NULL,
    principal_id         VARCHAR(128) COLLATE "C" NOT NULL,
    role                 VARCHAR(64) COLLATE "C" NOT NULL,
    site_id              VARCHAR(64) COLLATE "C" NULL,
    environment          VARCHAR(32) NULL,
    project              TEXT        NULL,
    resource_type        VARCHAR(64) NULL,
    resource_id          VARCHAR(128) COLLATE "C" NULL,
    valid_from           TIMESTAMPTZ NOT NULL,
    valid_until          TIMESTAMPTZ NULL,
    justification        TEXT        NOT NULL,
    ticket               TEXT        NULL,
    approval_required    BOOLEAN     NOT NULL,
    status               VARCHAR(32) NOT NULL,
    requested_by         TEXT        NOT NULL,
    requested_at         TIMESTAMPTZ NOT NULL,
    requested_event_id   TEXT        NOT NULL,
    requested_position   BIGINT      NOT NULL,
    approved_by          TEXT        NULL,
    approved_at          TIMESTAMPTZ NULL,
    approved_event_id    TEXT        NULL,
    approved_position    BIGINT      NULL,
    rejected_by          TEXT        NULL,
    rejected_at          TIMESTAMPTZ NULL,
    rejected_event_id    TEXT        NULL,
    rejected_position    BIGINT      NULL,
    rejection_reason     TEXT        NULL,
    revoked_by           TEXT        NULL,
    revoked_at           TIMESTAMPTZ NULL,
    revoked_event_id     TEXT        NULL,
    revoked_position     BIGINT      NULL,
    revocation_reason    TEXT        NULL,
    expired_at           TIMESTAMPTZ NULL,
    expiry_recorded_at   TIMESTAMPTZ NULL,
    expiry_event_id      TEXT        NULL,
    expiry_position      BIGINT      NULL,
    last_position        BIGINT      NOT NULL
);
CREATE INDEX access_grants_principal_idx ON access_grants (principal_kind, principal_id, id);
CREATE INDEX access_grants_role_idx ON access_grants (role, id);
CREATE INDEX access_grants_status_idx ON access_grants (status, id);

CREATE TABLE access_groups (
    id                 VARCHAR(128) COLLATE "C" PRIMARY KEY,
    description        TEXT        NOT NULL,
    created_by         TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    created_event_id   TEXT        NOT NULL,
    created_position   BIGINT      NOT NULL,
    last_position      BIGINT      NOT NULL
);

-- One row per membership interval (a user who leaves and rejoins has two), keyed by the position of the event that
-- added it. ended_at is when it actually stopped: valid_until, or the removal when that came first; a membership
-- removed before it started never took effect (dropped). Mirrors AccessState.withMembershipEnded.
CREATE TABLE access_group_memberships (
    group_id           VARCHAR(128) COLLATE "C" NOT NULL,
    username           VARCHAR(128) COLLATE "C" NOT NULL,
    added_position     BIGINT      NOT NULL,
    valid_from         TIMESTAMPTZ NOT NULL,
    valid_until        TIMESTAMPTZ NULL,
    added_by           TEXT        NOT NULL,
    added_at           TIMESTAMPTZ NOT NULL,
    added_event_id     TEXT        NOT NULL,
    removed_by         TEXT        NULL,
    removed_at         TIMESTAMPTZ NULL,
    removed_event_id   TEXT        NULL,
    removed_position   BIGINT      NULL,
    removal_reason     TEXT        NULL,
    ended_at           TIMESTAMPTZ NULL,
    dropped            BOOLEAN     NOT NULL DEFAULT false,
    last_position      BIGINT      NOT NULL,
    PRIMARY KEY (group_id, username, added_position)
);
CREATE INDEX access_group_memberships_user_idx ON access_group_memberships (username, added_position);

-- Every version of every role, from the instant of the event that set it. A retirement is a version with no
-- permissions and retired = true.
CREATE TABLE access_role_versions (
    role                 VARCHAR(64) COLLATE "C" NOT NULL,
    global_position      BIGINT      NOT NULL,
    permissions          JSONB       NOT NULL,
    previous_permissions JSONB       NOT NULL,
    privileged           BOOLEAN     NOT NULL,
    retired              BOOLEAN     NOT NULL,
    defined_by           TEXT        NOT NULL,
    reason               TEXT        NULL,
    valid_from           TIMESTAMPTZ NOT NULL,
    event_id             TEXT        NOT NULL,
    PRIMARY KEY (role, global_position)
);

-- A principal's access history, one row per event and principal it concerns: GRANTED (requested), APPROVED,
-- REJECTED, REVOKED, EXPIRED for the grant's own principal; ADDED_TO_GROUP, REMOVED_FROM_GROUP for the user. A grant
-- to a group is on the group's history; the users reach it through their memberships.
CREATE TABLE access_principal_history (
    global_position  BIGINT      NOT NULL,
    principal_kind   VARCHAR(16) NOT NULL,
    principal_id     VARCHAR(128) COLLATE "C" NOT NULL,
    change           VARCHAR(32) NOT NULL,
    grant_id         VARCHAR(128) COLLATE "C" NULL,
    role             VARCHAR(64) NULL,
    site_id          VARCHAR(64) NULL,
    environment      VARCHAR(32) NULL,
    project          TEXT        NULL,
    resource_type    VARCHAR(64) NULL,
    resource_id      VARCHAR(128) NULL,
    group_id         VARCHAR(128) COLLATE "C" NULL,
    valid_from       TIMESTAMPTZ NULL,
    valid_until      TIMESTAMPTZ NULL,
    actor            TEXT        NOT NULL,
    why              TEXT        NULL,
    ticket           TEXT        NULL,
    occurred_at      TIMESTAMPTZ NOT NULL,
    event_id         TEXT        NOT NULL,
    PRIMARY KEY (principal_kind, principal_id, global_position)
);

CREATE TABLE access_reviews (
    id                VARCHAR(128) COLLATE "C" PRIMARY KEY,
    site_id           VARCHAR(64) NULL,
    environment       VARCHAR(32) NULL,
    project           TEXT        NULL,
    resource_type     VARCHAR(64) NULL,
    resource_id       VARCHAR(128) NULL,
    reviewer          TEXT        NOT NULL,
    deadline          TIMESTAMPTZ NULL,
    started_by        TEXT        NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL,
    started_event_id  TEXT        NOT NULL,
    state             VARCHAR(16) NOT NULL,
    closed_by         TEXT        NULL,
    closed_at         TIMESTAMPTZ NULL,
    closed_event_id   TEXT        NULL,
    confirmed         INTEGER     NULL,
    revoked           INTEGER     NULL,
    deadline_passed   BOOLEAN     NULL,
    last_position     BIGINT      NOT NULL
);
CREATE INDEX access_reviews_state_idx ON access_reviews (state, id);

-- One row per grant listed in a review, in listing order; the decision when the reviewer made one, and the flag
-- the closing event sets on the grants nobody decided.
CREATE TABLE access_review_items (
    review_id          VARCHAR(128) COLLATE "C" NOT NULL,
    grant_id           VARCHAR(128) COLLATE "C" NOT NULL,
    item_order         INTEGER     NOT NULL,
    outcome            VARCHAR(16) NULL,
    comment            TEXT        NULL,
    decided_by         TEXT        NULL,
    decided_at         TIMESTAMPTZ NULL,
    decided_event_id   TEXT        NULL,
    decided_position   BIGINT      NULL,
    flagged_unreviewed BOOLEAN     NOT NULL DEFAULT false,
    PRIMARY KEY (review_id, grant_id)
);

-- Denied attempts (AccessDenied events): refused commands and refused access changes, as the command side stored
-- them. Keyed by position, so their arrival order relative to other streams does not matter.
CREATE TABLE access_denials (
    global_position      BIGINT      PRIMARY KEY,
    event_id             TEXT        NOT NULL,
    actor                TEXT        NOT NULL,
    permission           TEXT        NULL,
    resource_type        TEXT        NULL,
    resource_id          TEXT        NULL,
    site_id              TEXT        NULL,
    environment          VARCHAR(32) NULL,
    project              TEXT        NULL,
    rule                 TEXT        NULL,
    reason               TEXT        NULL,
    conflicting_grant_id TEXT        NULL,
    request              TEXT        NULL,
    occurred_at          TIMESTAMPTZ NOT NULL,
    handling_site        TEXT        NULL,
    correlation_id       TEXT        NULL
);
CREATE INDEX access_denials_actor_idx ON access_denials (actor, global_position);

-- Not a projection: the query side records here the access queries it refused (it sends no commands, so these are
-- not events). Lives in the read database because that is the query side's only database; no projection reads or
-- writes it, and a rebuild of the read model may drop it.
CREATE TABLE denied_queries (
    id          BIGSERIAL   PRIMARY KEY,
    actor       TEXT        NOT NULL,
    request     TEXT        NOT NULL,
    permission  TEXT        NOT NULL,
    scope       TEXT        NOT NULL,
    reason      TEXT        NOT NULL,
    denied_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX denied_queries_actor_idx ON denied_queries (actor, id);
