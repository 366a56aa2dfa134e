-- What grouping compares of each dated communiqué (`ingest/versions.rs`),
-- clustered by date: an ingest groups the dates it touched with the
-- communiqués earlier runs stored on them by reading a few pages per date,
-- instead of every row (and text) of the date scattered over the archive.
-- A cache (`db/grouping_keys.rs`): a communiqué whose reading, entities or
-- pages change loses its row, and grouping reads its text again.
CREATE TABLE grouping_key (
    date       TEXT    NOT NULL,
    id         INTEGER NOT NULL,
    group_id   INTEGER NOT NULL,
    slug       TEXT    NOT NULL,
    official   INTEGER NOT NULL,
    body_chars INTEGER NOT NULL,
    words      BLOB    NOT NULL,    -- content-word hashes, sorted, 4 bytes each, little-endian
    persons    TEXT    NOT NULL,    -- names as stored, one per line
    partners   TEXT    NOT NULL,    -- partner countries' codes, one per line
    pages      TEXT    NOT NULL,    -- SHA-256 of the files it was read from, one per line
    PRIMARY KEY (date, id)
) WITHOUT ROWID;
CREATE INDEX grouping_key_id ON grouping_key (id);
