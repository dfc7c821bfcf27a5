-- overview_stored: the overview's rows as the page shows them, read from the read model overview_rows
-- (dashboard.tables.overview_table of the unfiltered series list, kept by the runs that write:
-- warehouse/read_model.py), which dashboard.data.overview_table asks for only while it is current and
-- neither an "as known on" date nor a language is chosen.
-- Grain: one row per series and canonical source, in the page's order (the series by metric, most
-- figures first; a series' sources newest first); the columns are tables.OVERVIEW_COLUMNS.
-- Parameters: $metrics VARCHAR[] (empty = every metric).
SELECT series, metric, category, party, location, unit, scope, rate, source, latest, as_of, figures, sources,
       qualifier, value_low, value_best, value_high, series_figures, first_as_of, source_id, series_id, claim_id
FROM overview_rows
WHERE len($metrics::VARCHAR[]) = 0 OR list_contains($metrics::VARCHAR[], metric)
ORDER BY shown_order;
