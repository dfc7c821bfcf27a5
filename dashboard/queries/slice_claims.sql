-- slice_claims: the claims one series page reads, as a temporary table named `claims` that stands in
-- for the warehouse's on the page's own short connection: the subject's (metric, category, party,
-- location, unit; NULL matches NULL) and the curated datasets' at its place (metric, location, unit).
-- The macros the page's queries call (figure_points, figures_of, dataset_events_at,
-- running_total_checks) then read a few thousand rows instead of every claim, each query on memory
-- the first one warmed. Grain: one row per claim, the columns of `claims` those macros read.
-- Only the claims of articles in $languages (empty = every language) are sliced, with every claim of a
-- curated dataset (sources.kind 'dataset': its records are in no language).
-- Parameters: $metric, $category, $party, $location, $unit VARCHAR; $languages VARCHAR[].
CREATE TEMP TABLE claims AS
SELECT
    c.claim_id, c.article_id, c.metric, c.category, c.party, c.location, c.unit, c.scope, c.rate, c.qualifier,
    c.value_low, c.value_best, c.value_high, c.as_of, c.period_start, c.period_end, c.source, c.source_id,
    c.figure_id, c.quote
FROM main.claims AS c
WHERE c.metric = $metric::VARCHAR
  AND c.location IS NOT DISTINCT FROM $location::VARCHAR
  AND c.unit IS NOT DISTINCT FROM $unit::VARCHAR
  AND ((c.category IS NOT DISTINCT FROM $category::VARCHAR AND c.party IS NOT DISTINCT FROM $party::VARCHAR)
       OR c.source_id IN (SELECT source_id FROM sources WHERE kind = 'dataset'))
  AND (len($languages::VARCHAR[]) = 0
       OR c.article_id IN (SELECT article_id FROM main.articles WHERE list_contains($languages::VARCHAR[], language))
       OR c.source_id IN (SELECT source_id FROM sources WHERE kind = 'dataset'));
