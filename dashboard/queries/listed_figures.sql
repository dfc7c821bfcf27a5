-- listed_figures: which figures of one subject a page lists or draws: the $max_rows latest in the
-- dates and sources looked at (and in one series when $scope is given), in series_figures' order,
-- picked from the light figure_points (no words, no articles, no representative mention), as a
-- temporary table on the page's own connection. A figure's claims share its key (source, series,
-- values), so figure_points and figures_of give it the same as_of, source and values, and the same
-- figures come first in both.
-- Grain: one row per figure (figure_id, and its place in the list).
-- Parameters: $metric, $category, $party, $location, $unit VARCHAR (NULL = not stated);
-- $known_on DATE (NULL = everything); $as_of_from, $as_of_to DATE (NULL = open; undated figures
-- are kept only while both are NULL); $source_ids VARCHAR[] (empty = every source);
-- $scope VARCHAR (NULL = every series; 'unknown' also matches a NULL scope) with $rate VARCHAR
-- (NULL = a total) for one series; $max_rows INTEGER.
CREATE TEMP TABLE listed_figures AS
SELECT
    f.figure_id,
    row_number() OVER (ORDER BY f.as_of DESC NULLS LAST, f.source_name, f.value_best DESC, f.figure_id) AS listed_order
FROM figure_points($metric::VARCHAR, $category::VARCHAR, $party::VARCHAR, $location::VARCHAR, $unit::VARCHAR,
                   $known_on::DATE) AS f
WHERE ($as_of_from::DATE IS NULL OR f.as_of >= $as_of_from::DATE)
  AND ($as_of_to::DATE IS NULL OR f.as_of <= $as_of_to::DATE)
  AND (len($source_ids::VARCHAR[]) = 0 OR list_contains($source_ids::VARCHAR[], f.source_id))
  AND ($scope::VARCHAR IS NULL OR (coalesce(f.scope, 'unknown') = $scope::VARCHAR
                                   AND f.rate IS NOT DISTINCT FROM $rate::VARCHAR))
ORDER BY listed_order
LIMIT $max_rows::INTEGER;
