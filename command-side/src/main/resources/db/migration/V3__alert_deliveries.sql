-- The alert outbox: one row per (alert event, channel, subscriber), written by the alert-routing tracking processor
-- in the transaction that moves its token (token_entry), and worked off by the dispatcher. A row is never deleted
-- by the service: DELIVERED and DEAD rows are the visible record of what each subscriber got.
-- No secret and no URL is stored here: both are read from the configuration when a row is sent.

CREATE TABLE alert_delivery (
    -- Derived from (event id, channel, subscriber), so a replayed alert maps to the same row; sent to receivers as
    -- X-Twinledger-Delivery, stable across retries.
    id                 UUID         NOT NULL,
    alert_event_id     VARCHAR(255) NOT NULL,
    -- WEBHOOK or KAFKA
    channel            VARCHAR(16)  NOT NULL,
    -- The webhook subscriber's name, or the topic for the KAFKA channel.
    subscriber         VARCHAR(255) NOT NULL,
    alert_id           VARCHAR(255) NOT NULL,
    -- capacity-alert.raised or capacity-alert.cleared (X-Twinledger-Event)
    event_type         VARCHAR(64)  NOT NULL,
    transition         VARCHAR(16)  NOT NULL,
    severity           VARCHAR(16)  NOT NULL,
    support_level      VARCHAR(8)   NOT NULL,
    host_id            VARCHAR(255) NOT NULL,
    site_id            VARCHAR(255),
    global_position    BIGINT       NOT NULL,
    -- The exact body sent, the same on every attempt.
    payload            TEXT         NOT NULL,
    -- PENDING, DELIVERED or DEAD
    state              VARCHAR(16)  NOT NULL,
    -- Attempts started; counted when a row is claimed, so an attempt cut short by a crash counts too.
    attempts           INTEGER      NOT NULL DEFAULT 0,
    last_status        INTEGER,
    last_error         VARCHAR(1000),
    last_attempt_at    TIMESTAMPTZ,
    -- When a PENDING row is due; while an attempt is in flight, when its claim lapses. NULL once DELIVERED or DEAD.
    next_attempt_at    TIMESTAMPTZ,
    -- Set anew by every claim; an outcome is recorded only by the claim that still holds the row.
    claim_token        UUID,
    claimed_by         VARCHAR(255),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    delivered_at       TIMESTAMPTZ,
    CONSTRAINT alert_delivery_pk PRIMARY KEY (id),
    CONSTRAINT alert_delivery_event_channel_subscriber_uk UNIQUE (alert_event_id, channel, subscriber),
    CONSTRAINT alert_delivery_state_ck CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
    CONSTRAINT alert_delivery_channel_ck CHECK (channel IN ('WEBHOOK', 'KAFKA')),
    CONSTRAINT alert_delivery_due_ck CHECK ((state = 'PENDING') = (next_attempt_at IS NOT NULL))
);

-- The dispatcher's claim: due pending rows, oldest first.
CREATE INDEX alert_delivery_due_idx ON alert_delivery (next_attempt_at) WHERE state = 'PENDING';
-- Per subscriber and host, a row waits for the earlier pending ones (transitions arrive in order).
CREATE INDEX alert_delivery_pending_order_idx ON alert_delivery (channel, subscriber, host_id, global_position)
    WHERE state = 'PENDING';
-- GET /api/alert-deliveries and the pending/dead counts.
CREATE INDEX alert_delivery_state_created_idx ON alert_delivery (state, created_at);
CREATE INDEX alert_delivery_subscriber_created_idx ON alert_delivery (subscriber, created_at);
