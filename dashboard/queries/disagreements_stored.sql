-- disagreements_stored: disagreements (the same series reported by different canonical sources within
-- $window_days of each other with ranges that do not overlap, the strongest first) read from the read
-- model source_disagreements: the pairs of the widest window the page offers, with no filter, kept by
-- the runs that write (warehouse/read_model.py), narrowed to $window_days and $metric.
-- dashboard.data.disagreements runs it only while the read model is current, $window_days is at most
-- its window and there is neither an "as known on" date nor a language filter.
-- Grain: one row per pair, at most $max_rows, as in disagreements.
-- Parameters: $metric VARCHAR (NULL = every metric), $window_days INTEGER, $max_rows INTEGER.
WITH strongest AS (
    SELECT * EXCLUDE (days_apart)
    FROM source_disagreements
    WHERE days_apart <= $window_days::INTEGER
      AND ($metric::VARCHAR IS NULL OR metric = $metric::VARCHAR)
    ORDER BY ratio DESC NULLS FIRST, lower_as_of, lower_claim_id, higher_claim_id
    LIMIT $max_rows::INTEGER
)
SELECT *
FROM strongest
ORDER BY ratio DESC NULLS FIRST, metric, lower_as_of, lower_claim_id, higher_claim_id;
