-- What the archive holds of each dump, for the "À propos" page: counted
-- from every source at each request, the page took 3 s at a million
-- communiqués. Kept with the other counts (`db/aggregates.rs`): made anew
-- with them, and for the dumps of a run's sources and changed groups
-- otherwise.
CREATE TABLE file_holding (
    file       TEXT    PRIMARY KEY,
    texts      INTEGER NOT NULL,
    first_date TEXT,
    last_date  TEXT
) WITHOUT ROWID;
CREATE INDEX file_holding_by_texts ON file_holding (texts DESC, file);
