-- No query of Hookline's uses (source, type) any more: the console and the API page events by
-- walking the primary key (EventStore.list), and retention goes by status and time. The index
-- still cost every new event one more B-tree insert (on H2 a string comparison on every level),
-- so it goes. Written for both H2 and PostgreSQL.
DROP INDEX ix_hookline_event_source_type;
