-- What the person and country pages show, computed at ingest so that a page
-- reads rows proportional to itself, never to the archive.

-- Listed communiqués (groups of versions) naming a person, in listing order.
CREATE TABLE person_group (
    person_id INTEGER NOT NULL,
    sort_key  TEXT    NOT NULL,
    slug      TEXT    NOT NULL,
    group_id  INTEGER NOT NULL,
    PRIMARY KEY (person_id, sort_key DESC, slug)
) WITHOUT ROWID;
CREATE INDEX person_group_group ON person_group (group_id);

-- Listed communiqués naming a country: as a partner in some version, or only named.
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

-- Per month ("2025-06"), for the charts.
CREATE TABLE person_month (
    person_id INTEGER NOT NULL,
    month     TEXT    NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (person_id, month)
) WITHOUT ROWID;
CREATE TABLE country_month (
    code  TEXT    NOT NULL,
    month TEXT    NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (code, month)
) WITHOUT ROWID;

-- Listed communiqués naming both a person and a country.
CREATE TABLE person_country (
    person_id INTEGER NOT NULL,
    code      TEXT    NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (person_id, code)
) WITHOUT ROWID;
CREATE INDEX person_country_by_country ON person_country (code, n DESC);

-- Listed communiqués naming two persons (both directions stored).
CREATE TABLE person_pair (
    person_id INTEGER NOT NULL,
    other_id  INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (person_id, other_id)
) WITHOUT ROWID;

-- Functions written with a person's mentions, spellings merged when they fold alike.
CREATE TABLE person_role (
    person_id INTEGER NOT NULL,
    role      TEXT    NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (person_id, role)
) WITHOUT ROWID;
