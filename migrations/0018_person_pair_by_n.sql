-- The persons most often named with a person, read from the top: a page
-- shows ten of them, where a much-named person has hundreds of pairs
-- (`db::person_page`).
CREATE INDEX person_pair_by_n ON person_pair (person_id, n DESC);
