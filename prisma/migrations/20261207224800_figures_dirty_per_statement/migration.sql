-- The figures' dirty marks once per statement, not once per row: a dispatch wave inserts hundreds of offers
-- in one statement, and a per-row plpgsql call each was new work on the hot path. Same days marked as before.
CREATE OR REPLACE FUNCTION figures_dirty_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "FigureRollupDay" SET dirty = true
   WHERE NOT dirty AND day IN (SELECT DISTINCT ("createdAt" + interval '8 hours')::date FROM new_rows);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION figures_dirty_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "FigureRollupDay" SET dirty = true
   WHERE NOT dirty AND day IN (
     SELECT ("createdAt" + interval '8 hours')::date FROM new_rows
     UNION SELECT ("createdAt" + interval '8 hours')::date FROM old_rows);
  RETURN NULL;
END $$;

DROP TRIGGER "Shift_figures_dirty" ON "Shift";
DROP TRIGGER "Offer_figures_dirty" ON "Offer";
DROP TRIGGER "Assignment_figures_dirty" ON "Assignment";

CREATE TRIGGER "Shift_figures_dirty_insert" AFTER INSERT ON "Shift"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_dirty_inserted();
CREATE TRIGGER "Shift_figures_dirty_update" AFTER UPDATE ON "Shift"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_dirty_updated();
CREATE TRIGGER "Offer_figures_dirty_insert" AFTER INSERT ON "Offer"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_dirty_inserted();
CREATE TRIGGER "Offer_figures_dirty_update" AFTER UPDATE ON "Offer"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_dirty_updated();
CREATE TRIGGER "Assignment_figures_dirty_insert" AFTER INSERT ON "Assignment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_dirty_inserted();
CREATE TRIGGER "Assignment_figures_dirty_update" AFTER UPDATE ON "Assignment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_dirty_updated();
