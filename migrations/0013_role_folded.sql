-- A person's functions keyed by their folded spelling, so that an ingest adds
-- the functions of its new mentions to those counted (one upsert per
-- function) instead of reading and rewriting each person's list
-- (`db/aggregates.rs`, whose version goes up).
DROP TABLE person_role;
CREATE TABLE person_role (
    person_id INTEGER NOT NULL,
    role      TEXT    NOT NULL,             -- as first written
    folded    TEXT    NOT NULL,             -- what spellings that count as one fold to
    n         INTEGER NOT NULL,
    PRIMARY KEY (person_id, folded)
) WITHOUT ROWID;
