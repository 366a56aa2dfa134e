-- The articles archived from each dump, by its hash: what tells a dump an
-- earlier run archived, and how many articles it held. Counted from the
-- sources, an unchanged corpus of a million articles read the whole index
-- of sources by hash (about 90 MB, most of what a cold run read). A dump
-- whose articles were not archived (none found, or it failed) has no row,
-- as it had no sources.
CREATE TABLE file_articles (
    sha256   TEXT    PRIMARY KEY,
    articles INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO file_articles (sha256, articles)
    SELECT file_sha256, COUNT(*) FROM source GROUP BY file_sha256;
