-- claims: the reported figures `tally export` writes (CSV, Parquet, HXL, JSON lines), filtered as
-- the dashboard filters them. Grain: one row per claim (view claim_facts), oldest first.
-- The figure (value_best, then the range it allows: value_low, value_high; NULL = open bound),
-- its series key (metric, category, party, location, scope, unit, rate), its dates, its source as
-- written and canonical, its words, its article and, for a dataset record, its dataset event.
-- Parameters (all required; an empty list or NULL means "any"):
--   $metric, $scope, $category, $party, $location, $source VARCHAR[];
--   $as_of_from, $as_of_to DATE (claims without as_of are left out once either is set);
--   $known_on DATE: only what could be known that day (macro claims_known_on);
--   $language VARCHAR[]: the claims of articles in one of these languages (ISO 639-1), and every
--   curated dataset's, which are in no language (the dashboard's rule).
-- $source matches the source as written, the canonical source's id or its name.
SELECT
    c.claim_id,
    c.figure_id,
    c.metric,
    c.category,
    c.party,
    c.location,
    c.scope,
    c.unit,
    c.rate,
    CAST(c.value_best AS DOUBLE)  AS value_best,
    CAST(c.value_low AS DOUBLE)   AS value_low,
    CAST(c.value_high AS DOUBLE)  AS value_high,
    c.qualifier,
    c.as_of,
    c.period_start,
    c.period_end,
    c.source,
    c.source_name,
    c.source_id,
    c.source_kind,
    c.source_side,
    c.quote,
    c.figure_words,
    c.article_id,
    c.article_title,
    c.article_publisher,
    c.article_published,
    c.article_url,
    c.article_language,
    c.is_copy,
    c.duplicate_of,
    c.dataset,
    c.dataset_event_id
FROM claim_facts AS c
WHERE (len($metric::VARCHAR[]) = 0 OR list_contains($metric::VARCHAR[], c.metric))
  AND (len($scope::VARCHAR[]) = 0 OR list_contains($scope::VARCHAR[], c.scope))
  AND (len($category::VARCHAR[]) = 0 OR list_contains($category::VARCHAR[], c.category))
  AND (len($party::VARCHAR[]) = 0 OR list_contains($party::VARCHAR[], c.party))
  AND (len($location::VARCHAR[]) = 0 OR list_contains($location::VARCHAR[], c.location))
  AND (len($source::VARCHAR[]) = 0 OR list_contains($source::VARCHAR[], c.source)
       OR list_contains($source::VARCHAR[], c.source_id) OR list_contains($source::VARCHAR[], c.source_name))
  AND ($as_of_from::DATE IS NULL OR c.as_of >= $as_of_from::DATE)
  AND ($as_of_to::DATE IS NULL OR c.as_of <= $as_of_to::DATE)
  AND ($known_on::DATE IS NULL OR c.claim_id IN (SELECT k.claim_id FROM claims_known_on($known_on::DATE) AS k))
  AND (len($language::VARCHAR[]) = 0 OR list_contains($language::VARCHAR[], c.article_language)
       OR c.source_kind = 'dataset')
ORDER BY c.as_of NULLS LAST, c.metric, c.source_name NULLS LAST, c.source, c.claim_id;
