-- known_on_bounds: the first and last day anything in the warehouse became public (an article's
-- publication date, its ingestion date when that is unknown: the rule of claims_known_on).
-- Grain: one row. No parameters.
SELECT
    min(coalesce(published, CAST(ingested_at AS DATE))) AS first_known,
    max(coalesce(published, CAST(ingested_at AS DATE))) AS last_known
FROM articles;
