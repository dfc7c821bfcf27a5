-- 0009_dashboard_read_models: another read model for the dashboard (warehouse/read_model.py), refreshed
-- like series_sources (0008) at the end of every `tally etl` and `tally import` run that changed the
-- warehouse, and read only while read_model_state says they were computed from the warehouse's current
-- state (else the dashboard runs the full query: never stale).
-- source_disagreements: the disagreements page's pairs (macro disagreement_pairs) with no filter, for
-- the widest window its slider offers: a narrower window is the pairs with days_apart <= it.

CREATE TABLE source_disagreements (
    metric               VARCHAR,
    category             VARCHAR,
    party                VARCHAR,
    location             VARCHAR,
    unit                 VARCHAR,
    scope                VARCHAR,
    rate                 VARCHAR,
    lower_as_of          DATE,
    lower_source         VARCHAR,
    lower_source_name    VARCHAR,
    lower_value_low      DOUBLE,
    lower_value_best     DOUBLE,
    lower_value_high     DOUBLE,
    lower_qualifier      VARCHAR,
    lower_quote          VARCHAR,
    higher_as_of         DATE,
    higher_source        VARCHAR,
    higher_source_name   VARCHAR,
    higher_value_low     DOUBLE,
    higher_value_best    DOUBLE,
    higher_value_high    DOUBLE,
    higher_qualifier     VARCHAR,
    higher_quote         VARCHAR,
    ratio                DOUBLE,
    lower_claim_id       VARCHAR,
    higher_claim_id      VARCHAR,
    days_apart           INTEGER
);

COMMENT ON TABLE source_disagreements IS 'Read model (warehouse/read_model.py): every disagreeing pair the macro disagreement_pairs(NULL, window, NULL, []) finds for the widest window the dashboard offers (read_model.DISAGREEMENT_WINDOW_MAX days): one row per pair of claims of one series from two sources whose ranges do not overlap. Refreshed at the end of each run that changed the warehouse; valid only while read_model_state.warehouse_state matches the warehouse.';
COMMENT ON COLUMN source_disagreements.metric IS 'claims.metric of the series.';
COMMENT ON COLUMN source_disagreements.category IS 'claims.category of the series (NULL: not stated).';
COMMENT ON COLUMN source_disagreements.party IS 'claims.party of the series (NULL: not stated).';
COMMENT ON COLUMN source_disagreements.location IS 'claims.location of the series (NULL: not stated).';
COMMENT ON COLUMN source_disagreements.unit IS 'claims.unit of the series.';
COMMENT ON COLUMN source_disagreements.scope IS 'claims.scope of the series.';
COMMENT ON COLUMN source_disagreements.rate IS 'claims.rate of the series (NULL: a total).';
COMMENT ON COLUMN source_disagreements.lower_as_of IS 'as_of of the lower figure (the claim with its source''s lowest value_high that day).';
COMMENT ON COLUMN source_disagreements.lower_source IS 'claims.source of the lower figure, as written.';
COMMENT ON COLUMN source_disagreements.lower_source_name IS 'sources.name of the lower figure''s canonical source.';
COMMENT ON COLUMN source_disagreements.lower_value_low IS 'value_low of the lower figure.';
COMMENT ON COLUMN source_disagreements.lower_value_best IS 'value_best of the lower figure.';
COMMENT ON COLUMN source_disagreements.lower_value_high IS 'value_high of the lower figure (below the higher figure''s value_low).';
COMMENT ON COLUMN source_disagreements.lower_qualifier IS 'qualifier of the lower figure.';
COMMENT ON COLUMN source_disagreements.lower_quote IS 'The lower figure''s words (claims.quote).';
COMMENT ON COLUMN source_disagreements.higher_as_of IS 'as_of of the higher figure (the claim with its source''s highest value_low that day).';
COMMENT ON COLUMN source_disagreements.higher_source IS 'claims.source of the higher figure, as written.';
COMMENT ON COLUMN source_disagreements.higher_source_name IS 'sources.name of the higher figure''s canonical source.';
COMMENT ON COLUMN source_disagreements.higher_value_low IS 'value_low of the higher figure (above the lower figure''s value_high).';
COMMENT ON COLUMN source_disagreements.higher_value_best IS 'value_best of the higher figure.';
COMMENT ON COLUMN source_disagreements.higher_value_high IS 'value_high of the higher figure.';
COMMENT ON COLUMN source_disagreements.higher_qualifier IS 'qualifier of the higher figure.';
COMMENT ON COLUMN source_disagreements.higher_quote IS 'The higher figure''s words (claims.quote).';
COMMENT ON COLUMN source_disagreements.ratio IS 'The higher figure''s value_low over the lower figure''s value_high (NULL when that is 0).';
COMMENT ON COLUMN source_disagreements.lower_claim_id IS 'claims.claim_id of the lower figure.';
COMMENT ON COLUMN source_disagreements.higher_claim_id IS 'claims.claim_id of the higher figure.';
COMMENT ON COLUMN source_disagreements.days_apart IS 'Days between the two as_of dates: the pair shows for every window of at least this many days.';
