-- claim_facts: every claim with the article it came from and its canonical source, for analysis
-- and the dashboard. Grain: one row per claim (claims.claim_id). Claims whose article is missing
-- are dropped (the audit claims_without_article reports them); a claim whose source_id matches no
-- source keeps NULL source fields (the audit claim_source_unresolved reports it).
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
    c.scope,
    c.period_start,
    c.period_end,
    c.as_of,
    c.source,
    c.source_id,
    s.name                        AS source_name,
    s.kind                        AS source_kind,
    s.side                        AS source_side,
    c.figure_id,
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
    a.published_inferred          AS published_inferred,
    a.origin                      AS article_origin,
    a.language                    AS article_language,
    a.duplicate_of,
    a.duplicate_of IS NOT NULL    AS is_copy,
    -- the figure's own words (articles.text at span_start..span_end), to show what a number was read from
    substr(a.text, c.span_start + 1, c.span_end - c.span_start) AS figure_words,
    -- a curated dataset's record (`tally import`): which dataset, and the dataset's own event id
    a.dataset,
    CASE WHEN a.dataset IS NOT NULL THEN a.source_id END AS dataset_event_id
FROM claims AS c
JOIN articles AS a USING (article_id)
LEFT JOIN sources AS s ON s.source_id = c.source_id;

COMMENT ON VIEW claim_facts IS 'One row per claim with its article (title, publisher, dates, language, duplicate_of) and canonical source (name, kind, side), and for a dataset record (source_kind = dataset) its dataset and event id: what the dashboard reads.';
