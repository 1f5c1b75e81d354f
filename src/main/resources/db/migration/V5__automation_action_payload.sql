-- The payload an action renders over when an enrich route (direct:enrich.<source>.<type>) changed
-- the event before its automations were scheduled; NULL: the event's stored payload, as received.
-- Written for both H2 and PostgreSQL. hookline_action.status may now also be 'skipped': the trace
-- of an automation whose `when` filter was false for the event (never run; last_error says why).
ALTER TABLE hookline_action ADD COLUMN payload CHARACTER VARYING;
