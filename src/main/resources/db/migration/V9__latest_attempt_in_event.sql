-- An event's latest processing attempt is kept in its own row (attempts, started_at, finished_at,
-- last_error); hookline_event_attempt keeps the earlier ones. Most events are processed once, and
-- then write no history row (one insert and one index entry fewer per event). Rows from before
-- have no started_at: their attempts are all in hookline_event_attempt, as they were.
-- Written for both H2 and PostgreSQL.
ALTER TABLE hookline_event ADD COLUMN started_at TIMESTAMP WITH TIME ZONE;
