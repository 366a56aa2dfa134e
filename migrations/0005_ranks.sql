-- Listings page by rank, not by OFFSET: page N of any listing reads its own
-- twenty rows whatever N is. Ranks are computed at ingest, with the aggregates
-- (whose version goes up, so archives made before this are rebuilt).

-- The whole listing, newest first: rank 1 is the first line of page 1.
CREATE TABLE listing (
    rank INTEGER PRIMARY KEY,
    id   INTEGER NOT NULL
);

DROP TABLE person_group;
CREATE TABLE person_group (
    person_id INTEGER NOT NULL,
    rank      INTEGER NOT NULL,             -- in this person's listing, from 1
    sort_key  TEXT    NOT NULL,
    slug      TEXT    NOT NULL,
    group_id  INTEGER NOT NULL,
    PRIMARY KEY (person_id, rank)
) WITHOUT ROWID;
CREATE INDEX person_group_group ON person_group (group_id);

DROP TABLE country_group;
CREATE TABLE country_group (
    code     TEXT    NOT NULL,
    role     TEXT    NOT NULL CHECK (role IN ('partner', 'mentioned')),
    rank     INTEGER NOT NULL,              -- among this country's groups of this role, from 1
    rank_any INTEGER NOT NULL,              -- among all this country's groups, from 1
    sort_key TEXT    NOT NULL,
    slug     TEXT    NOT NULL,
    group_id INTEGER NOT NULL,
    PRIMARY KEY (code, role, rank)
) WITHOUT ROWID;
CREATE INDEX country_group_any ON country_group (code, rank_any);
CREATE INDEX country_group_group ON country_group (group_id);
