-- 0011_overview_rows: the overview's rows as the page shows them, a read model for the dashboard
-- (warehouse/read_model.py) refreshed after series_sources at the end of every `tally etl` and
-- `tally import` run that changed the warehouse: dashboard.tables.overview_table of the unfiltered
-- series list, its display texts (the figure as reported, its derived range, the page link)
-- computed once per refresh rather than on the first view of each warehouse state. Read only while
-- read_model_state says it was computed from the warehouse's current state and neither an "as known
-- on" date nor a language is chosen (else the page formats the live query's rows: never stale).
-- Grain: one row per series and canonical source, in the page's order (shown_order).

CREATE TABLE overview_rows (
    shown_order     INTEGER NOT NULL,
    series          VARCHAR NOT NULL,
    metric          VARCHAR NOT NULL,
    category        VARCHAR,
    party           VARCHAR,
    location        VARCHAR,
    unit            VARCHAR,
    scope           VARCHAR,
    rate            VARCHAR,
    source          VARCHAR,
    latest          VARCHAR,
    as_of           VARCHAR,
    figures         BIGINT NOT NULL,
    sources         BIGINT NOT NULL,
    qualifier       VARCHAR,
    value_low       DOUBLE,
    value_best      DOUBLE,
    value_high      DOUBLE,
    series_figures  BIGINT NOT NULL,
    first_as_of     VARCHAR,
    source_id       VARCHAR,
    series_id       VARCHAR,
    claim_id        VARCHAR
);

COMMENT ON TABLE overview_rows IS 'Read model (warehouse/read_model.py): the dashboard overview''s rows, dashboard.tables.overview_table of the series list with no filter (one row per series and canonical source, display texts included), refreshed after series_sources at the end of each run that changed the warehouse. Valid only while read_model_state.warehouse_state matches the warehouse.';
COMMENT ON COLUMN overview_rows.shown_order IS 'The row''s place on the page, from 0: series by metric, most figures first, then their key; a series'' sources newest first.';
COMMENT ON COLUMN overview_rows.series IS 'The series page''s link (/series?metric=...; a NULL key column left out).';
COMMENT ON COLUMN overview_rows.metric IS 'claims.metric of the series.';
COMMENT ON COLUMN overview_rows.category IS 'claims.category of the series (NULL: not stated).';
COMMENT ON COLUMN overview_rows.party IS 'claims.party of the series (NULL: not stated).';
COMMENT ON COLUMN overview_rows.location IS 'claims.location of the series (NULL: not stated).';
COMMENT ON COLUMN overview_rows.unit IS 'claims.unit of the series.';
COMMENT ON COLUMN overview_rows.scope IS 'claims.scope of the series.';
COMMENT ON COLUMN overview_rows.rate IS 'claims.rate of the series (NULL: a total, not a rate).';
COMMENT ON COLUMN overview_rows.source IS 'The canonical source''s name (sources.name, else its source_id).';
COMMENT ON COLUMN overview_rows.latest IS 'The source''s latest figure in the series as reported, with the range the value conventions derive from it when that says more (''more than 500 (≥500)'').';
COMMENT ON COLUMN overview_rows.as_of IS 'The latest figure''s as_of (ISO date text; NULL: undated).';
COMMENT ON COLUMN overview_rows.figures IS 'The source''s figures in the series (figure_id: copies and repeats once).';
COMMENT ON COLUMN overview_rows.sources IS 'The series'' canonical sources.';
COMMENT ON COLUMN overview_rows.qualifier IS 'The latest figure''s qualifier.';
COMMENT ON COLUMN overview_rows.value_low IS 'The latest figure''s value_low.';
COMMENT ON COLUMN overview_rows.value_best IS 'The latest figure''s value_best.';
COMMENT ON COLUMN overview_rows.value_high IS 'The latest figure''s value_high.';
COMMENT ON COLUMN overview_rows.series_figures IS 'The series'' figures, over all its sources.';
COMMENT ON COLUMN overview_rows.first_as_of IS 'The series'' earliest as_of (ISO date text).';
COMMENT ON COLUMN overview_rows.source_id IS 'The canonical source (claims.source_id; NULL: unresolved).';
COMMENT ON COLUMN overview_rows.series_id IS 'The series'' id (the view series).';
COMMENT ON COLUMN overview_rows.claim_id IS 'The claim of the source''s latest figure.';
