-- article_coverage: what the warehouse holds per article and how many figures were read from it.
-- Grain: one row per article (articles.article_id), including articles with no claims.
CREATE OR REPLACE VIEW article_coverage AS
SELECT
    a.article_id,
    a.title,
    a.publisher,
    a.url,
    a.origin,
    a.published,
    a.published_inferred,
    a.ingested_at,
    a.extractor_version,
    CAST(length(a.text) AS INTEGER)       AS text_chars,
    CAST(count(c.claim_id) AS INTEGER)    AS claims,
    CAST(count(DISTINCT c.metric) AS INTEGER) AS metrics
FROM articles AS a
LEFT JOIN claims AS c USING (article_id)
GROUP BY ALL;

COMMENT ON VIEW article_coverage IS 'One row per stored article: its metadata, text length, and how many claims and metrics were read from it.';
