-- series: one row per series, the same thing counted over time (metric, category, party,
-- location, unit, scope, rate), with how many distinct figures and sources report it.
-- Grain: one row per (metric, category, party, location, unit, scope, rate), NULLs as values.
-- Counts are of figures (view figures), never of copies or repeats.
CREATE OR REPLACE VIEW series AS
SELECT
    substr(md5(concat_ws('|', coalesce(f.metric, '∅'), coalesce(f.category, '∅'), coalesce(f.party, '∅'),
                          coalesce(f.location, '∅'), coalesce(f.unit, '∅'), coalesce(f.scope, '∅'),
                          coalesce(f.rate, '∅'))), 1, 16) AS series_id,
    f.metric,
    f.category,
    f.party,
    f.location,
    f.unit,
    f.scope,
    f.rate,
    CAST(count(*) AS INTEGER)                        AS figures,
    CAST(count(DISTINCT f.source_id) AS INTEGER)     AS sources,
    CAST(sum(f.mentions) AS INTEGER)                 AS mentions,
    min(f.first_as_of)                               AS first_as_of,
    max(f.last_as_of)                                AS last_as_of
FROM figures AS f
GROUP BY ALL;

COMMENT ON VIEW series IS 'One row per series (metric, category, party, location, unit, scope, rate): distinct figures and canonical sources behind it, first and last as_of.';
