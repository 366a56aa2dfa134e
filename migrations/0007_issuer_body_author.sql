-- The issuing body a tag names, one spelling for all of its tags ("BIP/MAECI"
-- for "Bureau de l'Information et de la Presse/MAECI"), and a signed byline
-- kept apart as the author, never the issuer. NULL on rows stored before.
ALTER TABLE communique ADD COLUMN issuer_body TEXT;
ALTER TABLE communique ADD COLUMN author TEXT;
