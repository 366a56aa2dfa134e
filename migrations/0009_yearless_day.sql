-- The day a communiqué's text gives without any year ('12-08') and the
-- weekday it names (1 for Monday), when the text gives no date: a dated
-- version of the same event, stored then or later, gives the year.
ALTER TABLE communique ADD COLUMN yearless_day TEXT;
ALTER TABLE communique ADD COLUMN yearless_weekday INTEGER;
CREATE INDEX communique_yearless_day ON communique (yearless_day) WHERE yearless_day IS NOT NULL;
-- 1 when the year of `date` comes from a dated version of the same event
-- (the text gave the day alone): served as the date basis 'version'.
-- `date_basis` is then NULL, as its CHECK predates that basis.
ALTER TABLE communique ADD COLUMN date_from_version INTEGER NOT NULL DEFAULT 0;
