-- Outbound: the webhooks subscribers registered, the events published to them, one delivery per
-- (event, webhook), and every attempt of a delivery with what was sent and answered.

-- A subscriber URL. The signing secret is shown once, at creation or rotation; during a rotation
-- the previous secret also signs until previous_secret_until.
CREATE TABLE hookline_webhook (
    id                    VARCHAR(40)  NOT NULL PRIMARY KEY,
    nickname              VARCHAR(200),
    url                   CHARACTER VARYING NOT NULL,
    -- JSON array of event names; ["*"] for every event
    events                CHARACTER VARYING NOT NULL,
    enabled               BOOLEAN      NOT NULL,
    -- impact (X-Impact-Signature) or standard-webhooks
    signature             VARCHAR(30)  NOT NULL,
    secret                CHARACTER VARYING NOT NULL,
    previous_secret       CHARACTER VARYING,
    previous_secret_until TIMESTAMP WITH TIME ZONE,
    -- api, or config (declared in hookline.outbound.webhooks; re-read at every start)
    origin                VARCHAR(20)  NOT NULL,
    -- first failure of the current run of failures; auto-disable counts from here
    failing_since         TIMESTAMP WITH TIME ZONE,
    disabled_reason       CHARACTER VARYING,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

-- An event published to the webhooks (POST /api/events, a relayed event, a test): the exact body
-- every delivery sends.
CREATE TABLE hookline_message (
    id         VARCHAR(40)  NOT NULL PRIMARY KEY,
    event      VARCHAR(200) NOT NULL,
    body       CHARACTER VARYING NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One message to one webhook. Its id is the delivery id header: the same on every retry and re-send.
CREATE TABLE hookline_delivery (
    id              VARCHAR(40)  NOT NULL PRIMARY KEY,
    message_id      VARCHAR(40)  NOT NULL,
    webhook_id      VARCHAR(40)  NOT NULL,
    event           VARCHAR(200) NOT NULL,
    -- pending, succeeded, failed
    status          VARCHAR(20)  NOT NULL,
    -- attempts in the current run (reset by a re-send); the attempt table keeps them all
    tries           INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_until     TIMESTAMP WITH TIME ZONE,
    -- the claim that holds the lease (one claim takes many deliveries in one statement)
    lease_owner     VARCHAR(40),
    last_error      CHARACTER VARYING,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_hookline_delivery_due ON hookline_delivery (status, next_attempt_at);
CREATE INDEX ix_hookline_delivery_webhook ON hookline_delivery (webhook_id, id);

CREATE TABLE hookline_delivery_attempt (
    delivery_id      VARCHAR(40) NOT NULL,
    attempt          INTEGER     NOT NULL,
    -- when it was due, and when it was sent: how late the retry fired
    scheduled_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms      BIGINT      NOT NULL,
    request_headers  CHARACTER VARYING NOT NULL,
    response_status  INTEGER,
    response_headers CHARACTER VARYING,
    response_body    CHARACTER VARYING,
    error            CHARACTER VARYING,
    PRIMARY KEY (delivery_id, attempt)
);
