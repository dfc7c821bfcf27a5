-- figure_points: the figures of one subject (metric, category, party, location, unit) as points to
-- draw or aggregate: one row per figure (claims.figure_id; a curated dataset's claims are one event
-- each) with its series (scope, rate), canonical source, first as_of and values, as known on a date:
-- the subject's rows of all_figure_points, without the key. Lighter than figures_of (no article
-- fields, no words, no representative mention): what envelopes and counts per series are made of.
-- Grain: one row per figure. Usage: SELECT * FROM figure_points('killed', 'military', 'Ukraine', NULL,
-- 'people', NULL). NULL key parts match NULL (not stated); known_on NULL = everything, else the
-- claims whose article was published on or before it (ingested on or before it when its publication
-- date is unknown: the rule of claims_known_on). Parameters are untyped (see figures_of).
CREATE OR REPLACE MACRO figure_points(of_metric, of_category, of_party, of_location, of_unit, known_on) AS TABLE
SELECT figure_id, scope, rate, source_id, source_name, source_kind, source_side, qualifier, value_low, value_best,
       value_high, as_of, claim_id, mentions
FROM all_figure_points(known_on)
WHERE metric = of_metric
  AND category IS NOT DISTINCT FROM of_category
  AND party IS NOT DISTINCT FROM of_party
  AND location IS NOT DISTINCT FROM of_location
  AND unit IS NOT DISTINCT FROM of_unit;

COMMENT ON MACRO TABLE figure_points IS 'figure_points(metric, category, party, location, unit, known_on): one row per figure of one subject (figure_id; a dataset''s claims one event each): series (scope, rate), canonical source, first as_of, values; as known on known_on (NULL = everything). The light form of figures_of, for envelopes and counts; one subject''s rows of all_figure_points.';
