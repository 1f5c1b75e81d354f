-- What each automation (a recipe bound to events) does with each event: one action per
-- (event, automation, step), so re-processing an event never runs an automation twice.
-- An email series has one action per step, due at its own time; a pending action survives
-- restarts and is run by whichever instance claims it first.
CREATE TABLE hookline_action (
    id          VARCHAR(40)  NOT NULL PRIMARY KEY,
    event_id    VARCHAR(40)  NOT NULL,
    automation  VARCHAR(100) NOT NULL,
    step        INTEGER      NOT NULL,
    -- pending, done, failed, cancelled
    status      VARCHAR(20)  NOT NULL,
    due_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the instance running the action owns it until then
    lease_until TIMESTAMP WITH TIME ZONE,
    -- tries since the action was scheduled or last replayed (the retry budget)
    tries       INTEGER NOT NULL DEFAULT 0,
    -- what ties a series to the later event that cancels it (e.g. the application id)
    correlation VARCHAR(500),
    last_error  CHARACTER VARYING,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_hookline_action UNIQUE (event_id, automation, step)
);
CREATE INDEX ix_hookline_action_due ON hookline_action (status, due_at);
CREATE INDEX ix_hookline_action_correlation ON hookline_action (automation, correlation);

-- Every attempt of an action, with what happened (the action's history).
CREATE TABLE hookline_action_attempt (
    action_id   VARCHAR(40) NOT NULL,
    attempt     INTEGER NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- done, retry, failed, dry-run
    outcome     VARCHAR(20) NOT NULL,
    detail      CHARACTER VARYING,
    PRIMARY KEY (action_id, attempt)
);
