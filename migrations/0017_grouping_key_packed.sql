-- The grouping key of a communiqué in one value (`db/grouping_keys.rs`,
-- `GroupingKey::packed`): a date's keys read three values a row instead of
-- ten, with the persons and pages already as the keys grouping compares
-- (no name to fold, no hash to take again). The keys are a cache: an
-- archive made before this finds none, and its next ingest reads its
-- texts once again to make them.
DROP TABLE grouping_key;
CREATE TABLE grouping_key (
    date     TEXT    NOT NULL,
    id       INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    key      BLOB    NOT NULL,
    PRIMARY KEY (date, id)
) WITHOUT ROWID;
CREATE INDEX grouping_key_id ON grouping_key (id);
