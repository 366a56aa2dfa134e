-- The archive: communiqués, where each was found, and the archive's own state.

-- One communiqué: one distinct text. Versions of the same event are distinct
-- communiqués that share a group_id (the id of the version listed for the group).
CREATE TABLE communique (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,
    title        TEXT,
    date         TEXT,                       -- YYYY-MM-DD, NULL when unknown
    date_basis   TEXT    CHECK (date_basis IN ('body', 'title', 'page_date')),
    issuer       TEXT,
    body         TEXT    NOT NULL,           -- paragraphs separated by blank lines
    raw          TEXT    NOT NULL,           -- the text it came from, as read
    content_hash TEXT    NOT NULL UNIQUE,
    kind         TEXT    NOT NULL CHECK (kind IN ('main', 'related')),
    group_id     INTEGER NOT NULL,
    -- Newest first, undated last: the undated sort below every date.
    sort_key     TEXT    GENERATED ALWAYS AS (coalesce(date, '0000-00-00')) VIRTUAL
);

-- Listing newest first, one line per group of versions.
CREATE INDEX communique_listed ON communique (sort_key DESC, slug) WHERE id = group_id;
CREATE INDEX communique_group ON communique (group_id);

-- Provenance: every place a communiqué was read from. Never deleted.
CREATE TABLE source (
    id            INTEGER PRIMARY KEY,
    communique_id INTEGER NOT NULL REFERENCES communique (id),
    file          TEXT    NOT NULL,          -- path as given to ingest
    file_sha256   TEXT    NOT NULL,          -- identifies the file whatever its path
    position      INTEGER NOT NULL,          -- article index in the file, from 0
    first_line    INTEGER NOT NULL,
    last_line     INTEGER NOT NULL,
    UNIQUE (file_sha256, position)
);
CREATE INDEX source_communique ON source (communique_id);

-- Key/value facts about the archive: its version hash and when it last changed.
CREATE TABLE archive_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
