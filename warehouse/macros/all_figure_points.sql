-- all_figure_points: the figures of every subject as points to draw or aggregate, as known on a
-- date: one row per subject (metric, category, party, location, unit) and figure (claims.figure_id;
-- a curated dataset's claims are one event each) with its series (scope, rate), canonical source,
-- first as_of and values. figure_points is one subject's rows of it (a filter on the grouping
-- columns, which DuckDB applies to the claims before it groups), and the read model subject_points
-- its rows as stored (known_on NULL), in subject order.
-- Grain: one row per (subject, figure). Usage: SELECT * FROM all_figure_points(NULL). known_on NULL =
-- everything, else the claims whose article was published on or before it (ingested on or before
-- it when its publication date is unknown: the rule of claims_known_on). Untyped parameter (see figures_of).
CREATE OR REPLACE MACRO all_figure_points(known_on) AS TABLE
SELECT
    c.metric,
    c.category,
    c.party,
    c.location,
    c.unit,
    CASE WHEN s.kind = 'dataset' THEN c.claim_id ELSE coalesce(c.figure_id, c.claim_id) END AS figure_id,
    any_value(c.scope)                           AS scope,
    any_value(c.rate)                            AS rate,
    any_value(c.source_id)                       AS source_id,
    any_value(s.name)                            AS source_name,
    any_value(s.kind)                            AS source_kind,
    any_value(s.side)                            AS source_side,
    arg_min(c.qualifier, c.claim_id)             AS qualifier,
    CAST(any_value(c.value_low) AS DOUBLE)       AS value_low,
    CAST(any_value(c.value_best) AS DOUBLE)      AS value_best,
    CAST(any_value(c.value_high) AS DOUBLE)      AS value_high,
    min(c.as_of)                                 AS as_of,
    min(c.claim_id)                              AS claim_id,
    CAST(count(*) AS INTEGER)                    AS mentions
FROM claims AS c
LEFT JOIN sources AS s ON s.source_id = c.source_id
WHERE known_by(c.article_id, known_on)
GROUP BY c.metric, c.category, c.party, c.location, c.unit, 6;

COMMENT ON MACRO TABLE all_figure_points IS 'all_figure_points(known_on): one row per subject (metric, category, party, location, unit) and figure (figure_id; a dataset''s claims one event each): series (scope, rate), canonical source, first as_of, values; as known on known_on (NULL = everything). figure_points is one subject''s rows; the read model subject_points its rows with known_on NULL.';
