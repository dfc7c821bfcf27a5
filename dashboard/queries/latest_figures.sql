-- latest_figures: the latest reported figure of every series, and how much stands behind it.
-- A series is one metric / population (category) / party / place / unit / rate: rates and
-- totals, and different currencies, are different series. The latest figure is the claim
-- with the latest as_of (then the latest publication, then the highest best value).
-- Grain: one row per series. reports = claims in the series, sources = distinct sources.
-- Parameter: $metrics VARCHAR[] (empty = every metric).
SELECT
    c.metric,
    c.category,
    c.party,
    c.location,
    c.unit,
    c.rate,
    c.value_low,
    c.value_best,
    c.value_high,
    c.qualifier,
    c.as_of,
    c.source,
    c.quote,
    CAST(count(*) OVER series AS INTEGER)                 AS reports,
    CAST(count(DISTINCT c.source) OVER series AS INTEGER) AS sources,
    min(c.as_of) OVER series                              AS first_as_of,
    c.claim_id,
    c.article_id,
    c.article_title     AS title,
    c.article_publisher AS publisher,
    c.article_published AS published,
    c.article_url       AS url
FROM claim_facts AS c
WHERE len($metrics::VARCHAR[]) = 0 OR list_contains($metrics::VARCHAR[], c.metric)
WINDOW series AS (PARTITION BY c.metric, c.category, c.party, c.location, c.unit, c.rate)
QUALIFY row_number() OVER (
    PARTITION BY c.metric, c.category, c.party, c.location, c.unit, c.rate
    ORDER BY c.as_of DESC NULLS LAST, c.article_published DESC NULLS LAST, c.value_best DESC, c.claim_id
) = 1
ORDER BY c.metric, c.rate NULLS FIRST, c.unit, reports DESC, c.category, c.party, c.location;
