-- Listings page by month counts instead of dense ranks, so an ingest updates
-- the aggregates for the groups it changed instead of renumbering every
-- listing an older date enters (`db/aggregates.rs`, whose version goes up:
-- archives made before this get them again at the next ingest or serve).
-- Page N finds the month it starts in from the running sum of the month
-- counts, then skips fewer entries than that month holds on the key.
-- Undated communiqués count under the month '0000-00', which sorts last.

DROP TABLE listing;

-- The listed groups as the counts last saw them: what a change subtracts.
CREATE TABLE listed_group (
    group_id INTEGER PRIMARY KEY,
    sort_key TEXT    NOT NULL
);

-- Listed communiqués per month.
CREATE TABLE listed_month (
    month TEXT    PRIMARY KEY,
    n     INTEGER NOT NULL
) WITHOUT ROWID;

DROP TABLE person_group;
CREATE TABLE person_group (
    person_id INTEGER NOT NULL,
    sort_key  TEXT    NOT NULL,
    slug      TEXT    NOT NULL,
    group_id  INTEGER NOT NULL,
    PRIMARY KEY (person_id, sort_key DESC, slug)
) WITHOUT ROWID;
CREATE INDEX person_group_group ON person_group (group_id);

DROP TABLE country_group;
CREATE TABLE country_group (
    code     TEXT    NOT NULL,
    role     TEXT    NOT NULL CHECK (role IN ('partner', 'mentioned')),
    sort_key TEXT    NOT NULL,
    slug     TEXT    NOT NULL,
    group_id INTEGER NOT NULL,
    PRIMARY KEY (code, role, sort_key DESC, slug)
) WITHOUT ROWID;
CREATE INDEX country_group_any ON country_group (code, sort_key DESC, slug);
CREATE INDEX country_group_group ON country_group (group_id);

DROP TABLE issuer_group;
CREATE TABLE issuer_group (
    issuer   TEXT    NOT NULL,
    sort_key TEXT    NOT NULL,
    slug     TEXT    NOT NULL,
    group_id INTEGER NOT NULL,
    PRIMARY KEY (issuer, sort_key DESC, slug)
) WITHOUT ROWID;
CREATE INDEX issuer_group_group ON issuer_group (group_id);

-- Per role, and with the undated: the charts add the roles and leave out
-- '0000-00'.
DROP TABLE country_month;
CREATE TABLE country_month (
    code  TEXT    NOT NULL,
    role  TEXT    NOT NULL,
    month TEXT    NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (code, role, month)
) WITHOUT ROWID;
