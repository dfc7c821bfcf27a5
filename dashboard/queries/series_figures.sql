-- series_figures: the figures of one subject (metric, category, party, location, unit) in every
-- scope and rate, in the dates and sources looked at, as known on a date, with the words and the
-- article each leads back to (its representative mention, see figures_of).
-- Grain: one row per figure, the latest first.
-- Parameters: $metric, $category, $party, $location, $unit VARCHAR (NULL = not stated);
-- $known_on DATE (NULL = everything); $as_of_from, $as_of_to DATE (NULL = open; undated figures
-- are kept only while both are NULL); $source_ids VARCHAR[] (empty = every source);
-- $scope VARCHAR (NULL = every series; 'unknown' also matches a NULL scope) with $rate VARCHAR
-- (NULL = a total) for one series; $max_rows INTEGER.
SELECT
    f.figure_id,
    f.claim_id,
    f.scope,
    f.rate,
    f.qualifier,
    f.value_low,
    f.value_best,
    f.value_high,
    f.unit,
    f.as_of,
    f.last_as_of,
    f.period_start,
    f.period_end,
    f.source_id,
    f.source_name,
    f.source_kind,
    f.source_side,
    f.source,
    f.category,
    f.party,
    f.location,
    f.mentions,
    f.reports,
    f.quote,
    f.title,
    f.publisher,
    f.published,
    f.published_inferred,
    f.language,
    f.url
FROM figures_of($metric::VARCHAR, $category::VARCHAR, $party::VARCHAR, $location::VARCHAR, $unit::VARCHAR,
                $known_on::DATE) AS f
WHERE ($as_of_from::DATE IS NULL OR f.as_of >= $as_of_from::DATE)
  AND ($as_of_to::DATE IS NULL OR f.as_of <= $as_of_to::DATE)
  AND (len($source_ids::VARCHAR[]) = 0 OR list_contains($source_ids::VARCHAR[], f.source_id))
  AND ($scope::VARCHAR IS NULL OR (coalesce(f.scope, 'unknown') = $scope::VARCHAR
                                   AND f.rate IS NOT DISTINCT FROM $rate::VARCHAR))
ORDER BY f.as_of DESC NULLS LAST, f.source_name, f.value_best DESC, f.figure_id
LIMIT $max_rows::INTEGER;
