-- Keycloak group sync (command side, package keycloaksync; ADR 13). Written only by the sync run, which db-scheduler
-- runs on one instance at a time, and read by GET /api/access/keycloak-sync on any instance.

-- The groups Twinledger created (or found already there) under the parent group: a pushed group that disappears from
-- Keycloak is drift (deleted by hand), not something to create again.
CREATE TABLE keycloak_sync_group (
    group_id   VARCHAR(64)  NOT NULL,
    pushed_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT keycloak_sync_group_pk PRIMARY KEY (group_id)
);

-- What the sync last pushed per (group, user): the baseline against which Keycloak's actual members are compared.
-- A row exists while Twinledger has put (or found) the user in the group and not removed it since.
CREATE TABLE keycloak_sync_member (
    group_id   VARCHAR(64)  NOT NULL,
    -- Lower case: Keycloak stores and compares usernames so.
    username   VARCHAR(255) NOT NULL,
    pushed_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT keycloak_sync_member_pk PRIMARY KEY (group_id, username)
);

-- The drift found by the latest successful run, one row per group or (group, user); a row disappears when the
-- directory and Keycloak agree again, or after an operator's overwrite was carried out.
CREATE TABLE keycloak_sync_drift (
    group_id               VARCHAR(64)  NOT NULL,
    -- Empty for a drift of the whole group (MISSING_GROUP, EXTRA_GROUP).
    username               VARCHAR(255) NOT NULL,
    kind                   VARCHAR(32)  NOT NULL,
    -- The first run that saw this item; kept while it persists with the same kind.
    detected_at            TIMESTAMPTZ  NOT NULL,
    -- An operator asked the next run to overwrite Keycloak with the directory for this item.
    overwrite_requested_by VARCHAR(255),
    overwrite_requested_at TIMESTAMPTZ,
    CONSTRAINT keycloak_sync_drift_pk PRIMARY KEY (group_id, username),
    CONSTRAINT keycloak_sync_drift_kind_ck CHECK (kind IN ('EXTRA_MEMBER', 'MISSING_MEMBER', 'MISSING_GROUP',
                                                           'EXTRA_GROUP', 'UNKNOWN_USER')),
    CONSTRAINT keycloak_sync_drift_overwrite_ck CHECK ((overwrite_requested_by IS NULL) = (overwrite_requested_at IS NULL))
);

-- The latest run, one row.
CREATE TABLE keycloak_sync_run (
    id               SMALLINT     NOT NULL DEFAULT 1,
    started_at       TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ  NOT NULL,
    succeeded        BOOLEAN      NOT NULL,
    -- Why the latest run failed; NULL when it succeeded.
    error            VARCHAR(1000),
    -- What the latest successful run changed in Keycloak.
    groups_created   INTEGER      NOT NULL DEFAULT 0,
    members_added    INTEGER      NOT NULL DEFAULT 0,
    members_removed  INTEGER      NOT NULL DEFAULT 0,
    last_success_at  TIMESTAMPTZ,
    CONSTRAINT keycloak_sync_run_pk PRIMARY KEY (id),
    CONSTRAINT keycloak_sync_run_one_row_ck CHECK (id = 1)
);
