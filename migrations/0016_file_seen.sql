-- Where each file an ingest read was, its size and modification time, and
-- its SHA-256: a file found there again with the same size and time is
-- recognised by the hash recorded, without reading it, as git, rsync and
-- make recognise files (`db/files_seen.rs`; `ingest --rehash` reads every
-- file). A file changed in the two seconds before it was read is not
-- recorded, so a change within one tick of the clock is never missed.
CREATE TABLE file_seen (
    path     BLOB    PRIMARY KEY,   -- absolute, as the system spells it
    size     INTEGER NOT NULL,
    modified INTEGER NOT NULL,      -- nanoseconds since the Unix epoch
    sha256   TEXT    NOT NULL
) WITHOUT ROWID;
