-- claim_facts: every claim with the article it came from, for analysis and the dashboard.
-- Grain: one row per claim (claims.claim_id). Claims whose article is missing are dropped
-- (the audit claims_without_article reports them).
CREATE OR REPLACE VIEW claim_facts AS
SELECT
    c.claim_id,
    c.article_id,
    c.metric,
    c.category,
    c.party,
    CAST(c.value_low AS DOUBLE)   AS value_low,
    CAST(c.value_best AS DOUBLE)  AS value_best,
    CAST(c.value_high AS DOUBLE)  AS value_high,
    c.unit,
    c.qualifier,
    c.rate,
    c.rate IS NOT NULL            AS is_rate,
    c.period_start,
    c.as_of,
    c.source,
    c.location,
    c.quote,
    c.span_start,
    c.span_end,
    c.rule,
    c.extractor_version,
    a.url                         AS article_url,
    a.title                       AS article_title,
    a.publisher                   AS article_publisher,
    a.published                   AS article_published,
    a.published_inferred          AS article_published_inferred,
    a.origin                      AS article_origin,
    a.language                    AS article_language,
    -- the figure's own words (articles.text at span_start..span_end), to show what a number was read from
    substr(a.text, c.span_start + 1, c.span_end - c.span_start) AS figure_words
FROM claims AS c
JOIN articles AS a USING (article_id);
