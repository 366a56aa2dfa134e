-- Listed communiqués per day, for a year's calendar: counting them from the
-- communiqués read a year's rows (about 80 ms at a million communiqués).
-- Kept with the other counts (`db/aggregates.rs`, whose version goes up:
-- archives made before this get them at the next ingest or serve).
-- Undated communiqués count under the day '0000-00-00'.
CREATE TABLE listed_day (
    day TEXT    PRIMARY KEY,
    n   INTEGER NOT NULL
) WITHOUT ROWID;
