-- stored_figure_points: figure_points read from the read model subject_points, as a temporary macro
-- of the same name and columns that shadows the warehouse's on a series page's own connection
-- (data.subject_connection creates it only while subject_points is current and the page looks at
-- no "as known on" date and no language, the rows the read model holds: known_on is then NULL).
-- The page's queries (series_summary, series_envelope, listed_figures) then read one subject's
-- rows, stored together, instead of grouping its claims into figures on every first view.
-- Grain: one row per figure. No parameters (the macro's are figure_points').
CREATE OR REPLACE TEMP MACRO figure_points(of_metric, of_category, of_party, of_location, of_unit, known_on) AS TABLE
SELECT figure_id, scope, rate, source_id, source_name, source_kind, source_side, qualifier, value_low, value_best,
       value_high, as_of, claim_id, mentions
FROM main.subject_points
WHERE metric = of_metric
  AND category IS NOT DISTINCT FROM of_category
  AND party IS NOT DISTINCT FROM of_party
  AND location IS NOT DISTINCT FROM of_location
  AND unit IS NOT DISTINCT FROM of_unit;
