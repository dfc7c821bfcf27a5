-- series_summary: what one subject (metric, category, party, location, unit) holds, per series
-- (scope, rate) and canonical source, as known on a date: how many figures in all and in the
-- dates looked at, and their first and last as_of. The page decides from it whether to draw each
-- figure or envelopes, and gives each source its colour and legend group (side, kind).
-- Grain: one row per (scope, rate, source_id).
-- Parameters: $metric, $category, $party, $location, $unit VARCHAR (NULL = not stated);
-- $known_on DATE (NULL = everything); $as_of_from, $as_of_to DATE (NULL = open).
SELECT
    f.scope,
    f.rate,
    f.source_id,
    any_value(f.source_name)                                        AS source_name,
    any_value(f.source_kind)                                        AS source_kind,
    any_value(f.source_side)                                        AS source_side,
    CAST(count(*) AS INTEGER)                                       AS figures,
    CAST(count(*) FILTER (WHERE f.as_of IS NOT NULL
                            AND ($as_of_from::DATE IS NULL OR f.as_of >= $as_of_from::DATE)
                            AND ($as_of_to::DATE IS NULL OR f.as_of <= $as_of_to::DATE)) AS INTEGER) AS in_view,
    CAST(count(*) FILTER (WHERE f.as_of IS NULL) AS INTEGER)        AS undated,
    min(f.as_of)                                                    AS first_as_of,
    max(f.as_of)                                                    AS last_as_of
FROM figure_points($metric::VARCHAR, $category::VARCHAR, $party::VARCHAR, $location::VARCHAR, $unit::VARCHAR,
                   $known_on::DATE) AS f
GROUP BY ALL
ORDER BY f.scope, f.rate, f.source_id;
