-- claims_known_on: the claims that could be known on a date: those whose article was published on
-- or before d (ingested on or before d when its publication date is unknown).
-- Grain: one row per claim, the columns of `claims`. Usage: SELECT * FROM claims_known_on(DATE '2022-06-01').
-- d is untyped (typed macro parameters need a newer storage version than the pinned shell reads)
-- and cast to DATE, so '2022-06-01' works too.
CREATE OR REPLACE MACRO claims_known_on(d) AS TABLE
SELECT c.*
FROM claims AS c
JOIN articles AS a USING (article_id)
WHERE coalesce(a.published, CAST(a.ingested_at AS DATE)) <= CAST(d AS DATE);

COMMENT ON MACRO TABLE claims_known_on IS 'claims_known_on(d): the claims whose article was published on or before d (ingested on or before d when its publication date is unknown): what could be known that day.';
