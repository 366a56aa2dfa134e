-- Issuers as entities: the offices that sign official texts, one per issuing
-- body (`communique.issuer_body`, "BIP/MAECI"), with the tags written for
-- them. Computed at ingest with the other aggregates (`db/aggregates.rs`,
-- whose version goes up, so archives made before this get them).

-- Bodies whose slugs agree are one issuer, named by the body most often seen.
CREATE TABLE issuer (
    slug        TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL,
    communiques INTEGER NOT NULL            -- listed communiqués one of its versions is from
) WITHOUT ROWID;

-- The tags as written ("Bureau de l'Information et de la Presse/MAECI"), and
-- how many communiqués carry each.
CREATE TABLE issuer_spelling (
    issuer   TEXT    NOT NULL,
    spelling TEXT    NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (issuer, spelling)
) WITHOUT ROWID;

-- Listed communiqués a version of which the issuer signed, in listing order.
CREATE TABLE issuer_group (
    issuer   TEXT    NOT NULL,
    rank     INTEGER NOT NULL,              -- in this issuer's listing, from 1
    sort_key TEXT    NOT NULL,
    slug     TEXT    NOT NULL,
    group_id INTEGER NOT NULL,
    PRIMARY KEY (issuer, rank)
) WITHOUT ROWID;
CREATE INDEX issuer_group_group ON issuer_group (group_id);

-- Per month ("2025-06"), for the chart.
CREATE TABLE issuer_month (
    issuer TEXT    NOT NULL,
    month  TEXT    NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (issuer, month)
) WITHOUT ROWID;

-- The few communiqués with a body, read without scanning the texts.
CREATE INDEX communique_issuer ON communique (issuer_body, group_id, issuer)
    WHERE issuer_body IS NOT NULL;
