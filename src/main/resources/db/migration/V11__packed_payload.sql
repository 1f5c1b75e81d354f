-- An event's payload may be kept deflated (hookline.store.compress-payloads, on by default): a
-- JSON body of ~1 KB takes about half the bytes, and the payload is most of an event's bytes.
-- A row has either payload (text, as every row before this migration) or packed (a format byte,
-- then the deflated UTF-8 text: see store.PackedText). Written for both H2 and PostgreSQL
-- (H2 takes BYTEA as BINARY VARYING).
ALTER TABLE hookline_event_payload ADD COLUMN packed BYTEA;
ALTER TABLE hookline_event_payload ALTER COLUMN payload DROP NOT NULL;
