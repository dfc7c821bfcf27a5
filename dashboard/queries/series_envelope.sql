-- series_envelope: one subject's figures (metric, category, party, location, unit) as envelopes:
-- per series (scope, rate), canonical source and time bin, the lowest low, the highest high, the
-- median best, how many figures and how many of them leave a bound open. What a series page draws
-- when the dates looked at hold too many figures to draw one by one. Vague quantities ("hundreds")
-- get envelopes of their own (vague = true): they are drawn apart from stated ranges.
-- Grain: one row per (scope, rate, source_id, vague, bin_start).
-- Parameters: $metric, $category, $party, $location, $unit VARCHAR (NULL = not stated);
-- $known_on DATE (NULL = everything); $as_of_from, $as_of_to DATE (NULL = open);
-- $source_ids VARCHAR[] (empty = every source); $bin VARCHAR: 'day', 'week', 'month', 'quarter'
-- or 'year' (date_trunc's part; bins start on Mondays, the 1st of the month, ...).
SELECT
    f.scope,
    f.rate,
    f.source_id,
    f.qualifier = 'vague'                                           AS vague,
    CAST(date_trunc($bin::VARCHAR, f.as_of) AS DATE)                AS bin_start,
    CAST(count(*) AS INTEGER)                                       AS figures,
    min(f.value_low)                                                AS value_low,
    median(f.value_best)                                            AS value_best,
    max(f.value_high)                                               AS value_high,
    CAST(count(*) - count(f.value_low) AS INTEGER)                  AS open_below,
    CAST(count(*) - count(f.value_high) AS INTEGER)                 AS open_above,
    min(f.as_of)                                                    AS first_as_of,
    max(f.as_of)                                                    AS last_as_of
FROM figure_points($metric::VARCHAR, $category::VARCHAR, $party::VARCHAR, $location::VARCHAR, $unit::VARCHAR,
                   $known_on::DATE) AS f
WHERE f.as_of IS NOT NULL
  AND ($as_of_from::DATE IS NULL OR f.as_of >= $as_of_from::DATE)
  AND ($as_of_to::DATE IS NULL OR f.as_of <= $as_of_to::DATE)
  AND (len($source_ids::VARCHAR[]) = 0 OR list_contains($source_ids::VARCHAR[], f.source_id))
GROUP BY ALL
ORDER BY f.scope, f.rate, f.source_id, vague, bin_start;
