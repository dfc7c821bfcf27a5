-- slice_claims_stored: slice_claims (the claims one series page reads, as a temporary table named
-- `claims` on the page's own connection: the subject's, and the curated datasets' at its place, in
-- $languages) read from the read model subject_claims instead of `claims`: the same claims sorted by
-- place, so only the row groups of the subject's place are read (the filter on `place` meets DuckDB's
-- zone maps). dashboard.data.subject_connection runs it only while the read model is current.
-- Grain: one row per claim, the columns of slice_claims.
-- Parameters: $metric, $category, $party, $location, $unit VARCHAR; $languages VARCHAR[].
CREATE TEMP TABLE claims AS
SELECT
    c.claim_id, c.article_id, c.metric, c.category, c.party, c.location, c.unit, c.scope, c.rate, c.qualifier,
    c.value_low, c.value_best, c.value_high, c.as_of, c.period_start, c.period_end, c.source, c.source_id,
    c.figure_id, c.quote
FROM main.subject_claims AS c
WHERE c.place = hash($metric::VARCHAR, $location::VARCHAR, $unit::VARCHAR)
  AND c.metric = $metric::VARCHAR
  AND c.location IS NOT DISTINCT FROM $location::VARCHAR
  AND c.unit IS NOT DISTINCT FROM $unit::VARCHAR
  AND ((c.category IS NOT DISTINCT FROM $category::VARCHAR AND c.party IS NOT DISTINCT FROM $party::VARCHAR)
       OR c.source_id IN (SELECT source_id FROM sources WHERE kind = 'dataset'))
  AND (len($languages::VARCHAR[]) = 0
       OR list_contains($languages::VARCHAR[], c.language)
       OR c.source_id IN (SELECT source_id FROM sources WHERE kind = 'dataset'));
