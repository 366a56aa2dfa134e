-- Ingest groups the versions of one event among the communiqués of a date:
-- it reads them by date.
CREATE INDEX communique_date ON communique (date);
