-- claims_by_id: the claims behind the figures a reader picked, with everything that traces them
-- home: the words (quote, the figure's own words), the article (title, publisher, publication
-- date and whether it was inferred from the text, link, language, whether it is a copy), the source as
-- written and canonical (name, kind, side), the figure it belongs to.
-- Grain: one row per claim, in the order of $claim_ids. Parameter: $claim_ids VARCHAR[].
WITH picked AS (
    SELECT unnest($claim_ids::VARCHAR[]) AS claim_id, generate_subscripts($claim_ids::VARCHAR[], 1) AS position
)
SELECT
    c.claim_id,
    c.figure_id,
    c.article_id,
    c.metric,
    c.category,
    c.party,
    c.location,
    c.unit,
    c.scope,
    c.rate,
    c.qualifier,
    CAST(c.value_low AS DOUBLE)   AS value_low,
    CAST(c.value_best AS DOUBLE)  AS value_best,
    CAST(c.value_high AS DOUBLE)  AS value_high,
    c.as_of,
    c.period_start,
    c.period_end,
    c.source,
    c.source_id,
    s.name                        AS source_name,
    s.kind                        AS source_kind,
    s.side                        AS source_side,
    c.quote,
    substr(a.text, c.span_start + 1, c.span_end - c.span_start) AS figure_words,
    a.title,
    a.publisher,
    a.published,
    a.published_inferred,
    a.url,
    a.language,
    a.duplicate_of IS NOT NULL    AS is_copy
FROM picked AS p
JOIN claims AS c ON c.claim_id = p.claim_id
JOIN articles AS a ON a.article_id = c.article_id
LEFT JOIN sources AS s ON s.source_id = c.source_id
ORDER BY p.position;
