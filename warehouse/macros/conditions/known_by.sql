-- known_by: whether an article could be known on day d: published on or before d (ingested on or
-- before d when its publication date is unknown); every article when d is NULL. The rule of
-- claims_known_on, as a condition the macros that take a known_on date share.
-- Grain: one boolean per article_id. Usage: ... WHERE known_by(c.article_id, DATE '2022-06-01').
-- Untyped parameters (as claims_known_on's); d is cast to DATE.
CREATE OR REPLACE MACRO known_by(article, d) AS (
    CAST(d AS DATE) IS NULL OR article IN (
        SELECT article_id FROM articles
        WHERE coalesce(published, CAST(ingested_at AS DATE)) <= CAST(d AS DATE))
);

COMMENT ON MACRO known_by IS 'known_by(article_id, d): true when the article was published on or before d (ingested on or before d when its publication date is unknown), or d is NULL: the rule of claims_known_on as a condition.';
