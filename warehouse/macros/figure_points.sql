-- figure_points: the figures of one subject (metric, category, party, location, unit) as points to
-- draw or aggregate: one row per figure (claims.figure_id; a curated dataset's claims are one event
-- each) with its series (scope, rate), canonical source, first as_of and values, as known on a date.
-- Lighter than figures_of (no article fields, no words, no representative mention): what envelopes
-- and counts per series are made of.
-- Grain: one row per figure. Usage: SELECT * FROM figure_points('killed', 'military', 'Ukraine', NULL,
-- 'people', NULL). NULL key parts match NULL (not stated); known_on NULL = everything, else the
-- claims whose article was published on or before it (ingested on or before it when its publication
-- date is unknown: the rule of claims_known_on). Parameters are untyped (see figures_of).
CREATE OR REPLACE MACRO figure_points(of_metric, of_category, of_party, of_location, of_unit, known_on) AS TABLE
SELECT
    CASE WHEN s.kind = 'dataset' THEN c.claim_id ELSE coalesce(c.figure_id, c.claim_id) END AS figure_id,
    any_value(c.scope)                           AS scope,
    any_value(c.rate)                            AS rate,
    any_value(c.source_id)                       AS source_id,
    any_value(s.name)                            AS source_name,
    any_value(s.kind)                            AS source_kind,
    any_value(s.side)                            AS source_side,
    any_value(c.qualifier)                       AS qualifier,
    CAST(any_value(c.value_low) AS DOUBLE)       AS value_low,
    CAST(any_value(c.value_best) AS DOUBLE)      AS value_best,
    CAST(any_value(c.value_high) AS DOUBLE)      AS value_high,
    min(c.as_of)                                 AS as_of,
    min(c.claim_id)                              AS claim_id,
    CAST(count(*) AS INTEGER)                    AS mentions
FROM claims AS c
LEFT JOIN sources AS s ON s.source_id = c.source_id
WHERE c.metric = of_metric
  AND c.category IS NOT DISTINCT FROM of_category
  AND c.party IS NOT DISTINCT FROM of_party
  AND c.location IS NOT DISTINCT FROM of_location
  AND c.unit IS NOT DISTINCT FROM of_unit
  AND known_by(c.article_id, known_on)
GROUP BY 1;

COMMENT ON MACRO TABLE figure_points IS 'figure_points(metric, category, party, location, unit, known_on): one row per figure of one subject (figure_id; a dataset''s claims one event each): series (scope, rate), canonical source, first as_of, values; as known on known_on (NULL = everything). The light form of figures_of, for envelopes and counts.';
