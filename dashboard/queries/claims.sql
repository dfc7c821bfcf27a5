-- claims: reported figures with the article each was read from (view claim_facts), filtered for the dashboard.
-- Grain: one row per claim (claims.claim_id).
-- Parameters (all required; NULL or an empty list means "any"):
--   $metric VARCHAR; $claim_ids, $category, $party, $location, $source VARCHAR[];
--   $as_of_from, $as_of_to DATE (claims without as_of are left out once either is set).
SELECT
    c.as_of,
    c.metric,
    c.category,
    c.party,
    c.value_low,
    c.value_best,
    c.value_high,
    c.unit,
    c.qualifier,
    c.rate,
    c.period_start,
    c.source,
    c.location,
    c.quote,
    c.span_start,
    c.span_end,
    c.article_id,
    c.claim_id,
    c.article_title     AS title,
    c.article_publisher AS publisher,
    c.article_published AS published,
    c.article_url       AS url,
    c.figure_words
FROM claim_facts AS c
WHERE ($metric::VARCHAR IS NULL OR c.metric = $metric::VARCHAR)
  AND (len($claim_ids::VARCHAR[]) = 0 OR list_contains($claim_ids::VARCHAR[], c.claim_id))
  AND (len($category::VARCHAR[]) = 0 OR list_contains($category::VARCHAR[], c.category))
  AND (len($party::VARCHAR[]) = 0 OR list_contains($party::VARCHAR[], c.party))
  AND (len($location::VARCHAR[]) = 0 OR list_contains($location::VARCHAR[], c.location))
  AND (len($source::VARCHAR[]) = 0 OR list_contains($source::VARCHAR[], c.source))
  AND ($as_of_from::DATE IS NULL OR c.as_of >= $as_of_from::DATE)
  AND ($as_of_to::DATE IS NULL OR c.as_of <= $as_of_to::DATE)
ORDER BY c.as_of NULLS LAST, c.source, c.value_best, c.claim_id;
