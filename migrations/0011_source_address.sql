-- The address of the page a dump was copied from, when the dump begins with
-- it (`analysis::address`): shown with the communiqué's sources. NULL when the
-- dump does not say, and on rows stored before this.
ALTER TABLE source ADD COLUMN address TEXT;
