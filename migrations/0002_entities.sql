-- Persons and countries named in communiqués.

-- Which version of entity extraction last read this communiqué: ingest
-- re-reads those below the current one, so archives made before it catch up.
ALTER TABLE communique ADD COLUMN entities_version INTEGER NOT NULL DEFAULT 0;

CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,     -- permanent, from the first canonical name
    name        TEXT    NOT NULL,            -- "Given Family", best-written spelling
    key         TEXT    NOT NULL UNIQUE,     -- folded name: one person per key
    family      TEXT    NOT NULL,            -- folded family name, to find spelling variants
    sort_name   TEXT    NOT NULL,            -- folded "family given", for A–Z
    communiques INTEGER NOT NULL DEFAULT 0   -- listed communiqués naming the person
);
CREATE INDEX person_family ON person (family);
CREATE INDEX person_by_count ON person (communiques DESC, sort_name);
CREATE INDEX person_by_name ON person (sort_name);

-- Every spelling seen.
CREATE TABLE person_alias (
    person_id INTEGER NOT NULL REFERENCES person (id),
    spelling  TEXT    NOT NULL,
    PRIMARY KEY (person_id, spelling)
);

-- A person named in a communiqué, with the functions written there.
CREATE TABLE person_mention (
    communique_id INTEGER NOT NULL REFERENCES communique (id),
    person_id     INTEGER NOT NULL REFERENCES person (id),
    position      INTEGER NOT NULL,          -- order of first mention in the text
    roles         TEXT    NOT NULL,          -- functions as written, one per line
    PRIMARY KEY (communique_id, person_id)
);
CREATE INDEX person_mention_person ON person_mention (person_id);

CREATE TABLE country (
    code       TEXT    PRIMARY KEY,          -- ISO 3166-1 alpha-2
    name       TEXT    NOT NULL,             -- usual French name
    slug       TEXT    NOT NULL UNIQUE,
    partner    INTEGER NOT NULL DEFAULT 0,   -- listed communiqués where a partner
    mentioned  INTEGER NOT NULL DEFAULT 0    -- listed communiqués where only named
);

CREATE TABLE country_mention (
    communique_id INTEGER NOT NULL REFERENCES communique (id),
    code          TEXT    NOT NULL REFERENCES country (code),
    role          TEXT    NOT NULL CHECK (role IN ('partner', 'mentioned')),
    position      INTEGER NOT NULL,
    PRIMARY KEY (communique_id, code)
);
CREATE INDEX country_mention_code ON country_mention (code, role);
