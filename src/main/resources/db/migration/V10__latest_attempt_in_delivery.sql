-- A delivery's latest attempt is kept in its own row (attempt_count numbers it); earlier attempts
-- move to hookline_delivery_attempt when a later one is recorded. Most deliveries succeed at once,
-- and then write no attempt row (one insert and one primary-key entry fewer per delivery), as V9
-- did for events. Rows from before have no attempt_started_at: their attempts are all in
-- hookline_delivery_attempt, as they were. Written for both H2 and PostgreSQL.
ALTER TABLE hookline_delivery ADD COLUMN attempt_scheduled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE hookline_delivery ADD COLUMN attempt_started_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE hookline_delivery ADD COLUMN attempt_duration_ms BIGINT;
ALTER TABLE hookline_delivery ADD COLUMN attempt_request_headers CHARACTER VARYING;
ALTER TABLE hookline_delivery ADD COLUMN attempt_response_status INTEGER;
ALTER TABLE hookline_delivery ADD COLUMN attempt_response_headers CHARACTER VARYING;
ALTER TABLE hookline_delivery ADD COLUMN attempt_response_body CHARACTER VARYING;
ALTER TABLE hookline_delivery ADD COLUMN attempt_error CHARACTER VARYING;
