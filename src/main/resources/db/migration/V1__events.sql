-- Every webhook Hookline accepted, exactly as it arrived, and what became of it.
-- Written for both H2 and PostgreSQL: CHARACTER VARYING without a length is unbounded in both.
-- Ids are time-ordered (UUID v7 text), so they also give the order of arrival; no sequences:
-- on H2 a sequence flush forces an extra write of the whole store.
CREATE TABLE hookline_event (
    id                VARCHAR(40)  NOT NULL PRIMARY KEY,
    source            VARCHAR(100) NOT NULL,
    provider          VARCHAR(40)  NOT NULL,
    type              VARCHAR(200) NOT NULL,
    delivery_id       VARCHAR(300) NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    validation_errors CHARACTER VARYING,
    -- the instance processing an accepted event owns it until then; afterwards any may take it
    lease_until       TIMESTAMP WITH TIME ZONE,
    attempts          INTEGER NOT NULL DEFAULT 0,
    finished_at       TIMESTAMP WITH TIME ZONE,
    last_error        CHARACTER VARYING,
    -- de-duplication: one event per delivery of a source, whatever the concurrency or restarts
    CONSTRAINT uq_hookline_event_delivery UNIQUE (source, delivery_id)
);
CREATE INDEX ix_hookline_event_pending ON hookline_event (status, lease_until);
CREATE INDEX ix_hookline_event_source_type ON hookline_event (source, type);

-- The body and headers as received: written once, never updated, so that recording an
-- outcome rewrites only the small event row.
CREATE TABLE hookline_event_payload (
    event_id VARCHAR(40) NOT NULL PRIMARY KEY,
    payload  CHARACTER VARYING NOT NULL,
    headers  CHARACTER VARYING
);

-- One row per processing attempt of an event (the event's processing history).
CREATE TABLE hookline_event_attempt (
    event_id    VARCHAR(40) NOT NULL,
    id          VARCHAR(40) NOT NULL,
    attempt     INTEGER NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome     VARCHAR(20) NOT NULL,
    error       CHARACTER VARYING,
    PRIMARY KEY (event_id, id)
);
