-- De-duplication keeps one event per (source, delivery id); the unique index now leads with the
-- delivery id, so that finding a delivery by its id alone (the console's and the API's
-- ?deliveryId= filter, across sources) is an index lookup instead of a scan of every event.
-- Same uniqueness, same cost per insert. Written for both H2 and PostgreSQL.
ALTER TABLE hookline_event DROP CONSTRAINT uq_hookline_event_delivery;
ALTER TABLE hookline_event ADD CONSTRAINT uq_hookline_event_delivery UNIQUE (delivery_id, source);
