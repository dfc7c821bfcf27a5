-- claims_by_place: every claim with the columns a dashboard series page reads (the macros figure_points,
-- figures_of, dataset_events_at, running_total_checks) and those of its article, keyed by place
-- (hash(metric, location, unit)): what the read model subject_claims stores, sorted by place
-- (warehouse/read_model.py). A claim whose article is missing keeps NULL article columns
-- (article_stored false). Grain: one row per claim.
CREATE OR REPLACE VIEW claims_by_place AS
SELECT
    hash(c.metric, c.location, c.unit) AS place,
    c.claim_id, c.article_id, c.metric, c.category, c.party, c.location, c.unit, c.scope, c.rate, c.qualifier,
    c.value_low, c.value_best, c.value_high, c.as_of, c.period_start, c.period_end, c.source, c.source_id,
    c.figure_id, c.quote,
    a.article_id IS NOT NULL AS article_stored,
    a.url, a.title, a.publisher, a.published, a.published_inferred, a.ingested_at, a.duplicate_of, a.language
FROM claims AS c
LEFT JOIN articles AS a USING (article_id);

COMMENT ON VIEW claims_by_place IS 'One row per claim with the columns a dashboard series page reads and its article''s (url, title, publisher, published, published_inferred, ingested_at, duplicate_of, language; article_stored false when the article is missing), keyed by place = hash(metric, location, unit): the rows of the read model subject_claims.';
