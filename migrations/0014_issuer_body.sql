-- How many communiqués name each issuing body as written ("BIP/MAECI"), per
-- issuer: what names an issuer (the body most often written), kept so that
-- an ingest adds its new communiqués' bodies instead of reading every
-- communiqué's again (`db/aggregates.rs`, whose version goes up, so
-- archives made before this fill it).
CREATE TABLE issuer_body (
    issuer TEXT    NOT NULL,
    body   TEXT    NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (issuer, body)
) WITHOUT ROWID;
