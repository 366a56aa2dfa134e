-- Ingest (and serve, at start) look for communiqués read by older entity
-- rules: an index answers at once when there are none.
CREATE INDEX communique_entities_version ON communique (entities_version);
