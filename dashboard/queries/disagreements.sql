-- disagreements: the same series reported by different canonical sources within $window_days of each
-- other with ranges that do not overlap (the macro disagreement_pairs: warehouse/macros), the strongest
-- (ratio) first. The pairs are the macro's, or with $read_model the read model source_disagreements (the
-- pairs of the widest window the page offers, with no filter, kept by the runs that write:
-- warehouse/read_model.py) narrowed to $window_days and $metric, which dashboard.data.disagreements asks
-- for only while it is current, $window_days is at most its window and neither $known_on nor $languages
-- is given.
-- Grain: one row per pair (lower source's day, higher source's day), at most $max_rows.
-- Parameters: $metric VARCHAR (NULL = every metric), $window_days INTEGER, $max_rows INTEGER,
-- $known_on DATE (NULL = everything; else the rule of claims_known_on), $languages VARCHAR[] (empty =
-- every language; else the claims of articles in one of them, and every curated dataset's),
-- $read_model BOOLEAN (read source_disagreements; only without $known_on and $languages).
WITH pairs AS (
    SELECT * EXCLUDE (days_apart)
    FROM source_disagreements
    WHERE $read_model::BOOLEAN
      AND days_apart <= $window_days::INTEGER
      AND ($metric::VARCHAR IS NULL OR metric = $metric::VARCHAR)
    UNION ALL
    SELECT * EXCLUDE (days_apart)
    FROM disagreement_pairs($metric::VARCHAR, $window_days::INTEGER, $known_on::DATE, $languages::VARCHAR[])
    WHERE NOT $read_model::BOOLEAN
),
strongest AS (
    SELECT * FROM pairs
    ORDER BY ratio DESC NULLS FIRST, lower_as_of, lower_claim_id, higher_claim_id
    LIMIT $max_rows::INTEGER
)
SELECT *
FROM strongest
ORDER BY ratio DESC NULLS FIRST, metric, lower_as_of, lower_claim_id, higher_claim_id;
