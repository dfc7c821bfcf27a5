-- 0008_series_sources: a small read model for the dashboard's overview, refreshed at the end of
-- every `tally etl` and `tally import` run that changed the warehouse (warehouse/read_model.py):
-- one row per series and canonical source with its figure count, first and last as_of and latest
-- figure, the rows the overview would otherwise group a million claims into on every first view.
-- read_model_state says which state of the warehouse it was computed from; the dashboard reads the
-- summary only while that is the warehouse's current state (and without an "as known on" date or a
-- language filter), else the full query (queries/series_list.sql), so it is never stale.

CREATE TABLE series_sources (
    metric       VARCHAR NOT NULL,
    category     VARCHAR,
    party        VARCHAR,
    location     VARCHAR,
    unit         VARCHAR,
    scope        VARCHAR,
    rate         VARCHAR,
    source_id    VARCHAR,
    latest       STRUCT(as_of DATE, low DOUBLE, best DOUBLE, high DOUBLE, qualifier VARCHAR, claim_id VARCHAR),
    figures      INTEGER NOT NULL,
    first_as_of  DATE,
    last_as_of   DATE
);

COMMENT ON TABLE series_sources IS 'Read model (warehouse/read_model.py): one row per series (metric, category, party, location, unit, scope, rate) and canonical source of every stored claim, as the macro series_per_source(metrics, known_on, languages) computes it with no filter; refreshed at the end of each run that changed the warehouse. Valid only while read_model_state.warehouse_state matches the warehouse.';
COMMENT ON COLUMN series_sources.metric IS 'claims.metric of the series.';
COMMENT ON COLUMN series_sources.category IS 'claims.category of the series (NULL: not stated).';
COMMENT ON COLUMN series_sources.party IS 'claims.party of the series (NULL: not stated).';
COMMENT ON COLUMN series_sources.location IS 'claims.location of the series (NULL: not stated).';
COMMENT ON COLUMN series_sources.unit IS 'claims.unit of the series.';
COMMENT ON COLUMN series_sources.scope IS 'claims.scope of the series.';
COMMENT ON COLUMN series_sources.rate IS 'claims.rate of the series (NULL: a total, not a rate).';
COMMENT ON COLUMN series_sources.source_id IS 'The canonical source (claims.source_id; NULL: unresolved).';
COMMENT ON COLUMN series_sources.latest IS 'The source''s latest figure in the series: the claim with the latest as_of (then the highest value_best), its as_of, low, best and high values, qualifier and claim_id.';
COMMENT ON COLUMN series_sources.figures IS 'The source''s figures in the series (figure_id: copies and repeats once; a dataset''s claims one event each).';
COMMENT ON COLUMN series_sources.first_as_of IS 'The earliest as_of of the source''s claims in the series.';
COMMENT ON COLUMN series_sources.last_as_of IS 'The latest as_of of the source''s claims in the series.';

CREATE TABLE read_model_state (
    read_model       VARCHAR PRIMARY KEY,
    warehouse_state  VARCHAR NOT NULL,
    refreshed_at     TIMESTAMP NOT NULL
);

COMMENT ON TABLE read_model_state IS 'Which state of the warehouse each read model (series_sources) was computed from.';
COMMENT ON COLUMN read_model_state.read_model IS 'The read model''s table name.';
COMMENT ON COLUMN read_model_state.warehouse_state IS 'The warehouse''s state when it was refreshed (warehouse/macros/warehouse_state.sql: the claim count and the runs'' counters of what they wrote); the read model is current while this matches.';
COMMENT ON COLUMN read_model_state.refreshed_at IS 'UTC time of the last refresh.';
