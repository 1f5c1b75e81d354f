-- Attempts of a delivery in all (tries counts only the current run and restarts at a re-send):
-- numbers each attempt row without reading the attempt table, so outcomes can be written in batches.
ALTER TABLE hookline_delivery ADD COLUMN attempt_count INTEGER NOT NULL DEFAULT 0;
