-- dataset_events_at: the events curated datasets (sources.kind = 'dataset', imported beside the
-- news: one claim per event, scope incident, as_of the event's date) record for one metric at one
-- place in one unit, in every category and party, as known on a date. What a news series of that
-- place is read beside: a dataset's monthly fatalities next to a reported running toll.
-- Grain: one row per event (claim). Usage: SELECT * FROM dataset_events_at('killed', 'Mariupol',
-- 'people', NULL). NULL location or unit = not stated; known_on NULL = everything, else the rule of
-- claims_known_on. Parameters are untyped (see figures_of).
CREATE OR REPLACE MACRO dataset_events_at(of_metric, of_location, of_unit, known_on) AS TABLE
SELECT
    c.claim_id                                   AS figure_id,
    c.claim_id,
    c.category,
    c.party,
    c.scope,
    c.qualifier,
    CAST(c.value_low AS DOUBLE)                  AS value_low,
    CAST(c.value_best AS DOUBLE)                 AS value_best,
    CAST(c.value_high AS DOUBLE)                 AS value_high,
    c.as_of,
    c.source_id,
    s.name                                       AS source_name,
    s.kind                                       AS source_kind
FROM claims AS c
JOIN sources AS s ON s.source_id = c.source_id
WHERE s.kind = 'dataset'
  AND c.scope = 'incident'
  AND c.rate IS NULL
  AND c.as_of IS NOT NULL
  AND c.metric = of_metric
  AND c.location IS NOT DISTINCT FROM of_location
  AND c.unit IS NOT DISTINCT FROM of_unit
  AND known_by(c.article_id, known_on);

COMMENT ON MACRO TABLE dataset_events_at IS 'dataset_events_at(metric, location, unit, known_on): one row per event a curated dataset (sources.kind dataset; scope incident) records for a metric at a place in a unit, any category or party, as known on known_on (NULL = everything).';
