-- The version of the rules that read a communiqué's headline, date and
-- issuer: rows read by older rules are read again from their stored text.
ALTER TABLE communique ADD COLUMN reading_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX communique_reading_version ON communique (reading_version);
-- Every slug a communiqué had before its current one: old addresses answer
-- with a 301 to the current one, and a slug once given is never reused.
CREATE TABLE slug_history (
    slug          TEXT    PRIMARY KEY,
    communique_id INTEGER NOT NULL REFERENCES communique (id)
);
