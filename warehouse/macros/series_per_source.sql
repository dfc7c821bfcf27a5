-- series_per_source: per series (metric, category, party, location, unit, scope, rate; the grain of the
-- view `series`) and canonical source, the source's latest figure, its figure count and first and last
-- as_of, as known on a date: what the overview lists (dashboard/queries/series_list.sql), and what the
-- read model series_sources stores with no filter (warehouse/read_model.py).
-- Grain: one row per (series, source_id). figures counts figures (figure_id: copies and one source's
-- repeats once; a dataset's claims are one event each). latest: {as_of, low, best, high, qualifier,
-- claim_id} of the claim with the latest as_of (then the highest value_best, then claim_id); an undated claim only when
-- the source has no dated one.
-- Usage: SELECT * FROM series_per_source([], NULL, [])  -- metrics VARCHAR[] (empty = every metric);
-- known_on DATE (NULL = everything; else the rule of claims_known_on); languages VARCHAR[] (empty = every
-- language; else the claims of articles in one of them, and every curated dataset's, in no language).
-- Parameters are untyped (see figures_of).
CREATE OR REPLACE MACRO series_per_source(metrics, known_on, languages) AS TABLE
WITH known AS (
    SELECT
        c.metric, c.category, c.party, c.location, c.unit, c.scope, c.rate, c.source_id,
        hash(CASE WHEN s.kind = 'dataset' THEN c.claim_id ELSE coalesce(c.figure_id, c.claim_id) END) AS figure,
        c.as_of, c.value_low, c.value_best, c.value_high, c.qualifier, c.claim_id
    FROM claims AS c
    LEFT JOIN sources AS s ON s.source_id = c.source_id
    WHERE (len(CAST(metrics AS VARCHAR[])) = 0 OR list_contains(CAST(metrics AS VARCHAR[]), c.metric))
      AND known_by(c.article_id, known_on)
      AND in_languages(c.article_id, c.source_id, languages)
)
SELECT
    metric, category, party, location, unit, scope, rate, source_id,
    coalesce(
        arg_max({'as_of': as_of, 'low': CAST(value_low AS DOUBLE), 'best': CAST(value_best AS DOUBLE),
                 'high': CAST(value_high AS DOUBLE), 'qualifier': qualifier, 'claim_id': claim_id},
                (as_of, value_best, claim_id))
            FILTER (WHERE as_of IS NOT NULL),
        any_value({'as_of': as_of, 'low': CAST(value_low AS DOUBLE), 'best': CAST(value_best AS DOUBLE),
                   'high': CAST(value_high AS DOUBLE), 'qualifier': qualifier, 'claim_id': claim_id}))
                                                                 AS latest,
    CAST(count(DISTINCT figure) AS INTEGER)                      AS figures,
    min(as_of)                                                   AS first_as_of,
    max(as_of)                                                   AS last_as_of
FROM known
GROUP BY ALL;

COMMENT ON MACRO TABLE series_per_source IS 'series_per_source(metrics, known_on, languages): one row per series (metric, category, party, location, unit, scope, rate) and canonical source: the latest figure (as_of, low, best, high, qualifier, claim_id), figures (figure_id), first and last as_of, as known on known_on (NULL = everything) in the languages (empty = all; datasets always).';
