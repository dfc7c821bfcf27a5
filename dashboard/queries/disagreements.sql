-- disagreements: the same series reported by different canonical sources within $window_days of each
-- other with ranges that do not overlap (the macro disagreement_pairs: warehouse/macros, where the
-- rules are), the strongest (ratio) first. disagreements_stored gives the same rows from the read model.
-- Grain: one row per pair (lower source's day, higher source's day), at most $max_rows.
-- Parameters: $metric VARCHAR (NULL = every metric), $window_days INTEGER, $max_rows INTEGER,
-- $known_on DATE (NULL = everything; else the rule of claims_known_on), $languages VARCHAR[] (empty =
-- every language; else the claims of articles in one of them, and every curated dataset's).
WITH strongest AS (
    SELECT * EXCLUDE (days_apart)
    FROM disagreement_pairs($metric::VARCHAR, $window_days::INTEGER, $known_on::DATE, $languages::VARCHAR[])
    ORDER BY ratio DESC NULLS FIRST, lower_as_of, lower_claim_id, higher_claim_id
    LIMIT $max_rows::INTEGER
)
SELECT *
FROM strongest
ORDER BY ratio DESC NULLS FIRST, metric, lower_as_of, lower_claim_id, higher_claim_id;
