-- 0012_subject_points: the figures of every subject as points, a read model for the series page
-- (warehouse/read_model.py) refreshed at the end of every `tally etl` and `tally import` run that
-- changed the warehouse: all_figure_points with known_on NULL, stored in subject order (metric,
-- location, unit, category, party, then as_of), so that one subject's rows sit together and DuckDB's
-- zone maps skip the rest. A series page looked at with no "as known on" date and no language reads
-- its summary, envelopes and the figures it lists from here while read_model_state says it is
-- current (dashboard/queries/stored_figure_points.sql), else computes them from its claims: never stale.
-- Grain: one row per subject and figure.

CREATE TABLE subject_points (
    metric       VARCHAR NOT NULL,
    category     VARCHAR,
    party        VARCHAR,
    location     VARCHAR,
    unit         VARCHAR,
    figure_id    VARCHAR NOT NULL,
    scope        VARCHAR,
    rate         VARCHAR,
    source_id    VARCHAR,
    source_name  VARCHAR,
    source_kind  VARCHAR,
    source_side  VARCHAR,
    qualifier    VARCHAR,
    value_low    DOUBLE,
    value_best   DOUBLE,
    value_high   DOUBLE,
    as_of        DATE,
    claim_id     VARCHAR NOT NULL,
    mentions     INTEGER NOT NULL
);

COMMENT ON TABLE subject_points IS 'Read model (warehouse/read_model.py): one row per subject (metric, category, party, location, unit) and figure of every stored claim, as the macro all_figure_points(NULL) computes it, in subject order; refreshed at the end of each run that changed the warehouse. Valid only while read_model_state.warehouse_state matches the warehouse.';
COMMENT ON COLUMN subject_points.metric IS 'claims.metric of the subject.';
COMMENT ON COLUMN subject_points.category IS 'claims.category of the subject (NULL: not stated).';
COMMENT ON COLUMN subject_points.party IS 'claims.party of the subject (NULL: not stated).';
COMMENT ON COLUMN subject_points.location IS 'claims.location of the subject (NULL: not stated).';
COMMENT ON COLUMN subject_points.unit IS 'claims.unit of the subject (NULL: not stated).';
COMMENT ON COLUMN subject_points.figure_id IS 'The figure: claims.figure_id (the claim_id while it has none); a curated dataset''s claim is a figure of its own.';
COMMENT ON COLUMN subject_points.scope IS 'claims.scope of the figure''s series.';
COMMENT ON COLUMN subject_points.rate IS 'claims.rate of the figure''s series (NULL: a total).';
COMMENT ON COLUMN subject_points.source_id IS 'claims.source_id: the figure''s canonical source.';
COMMENT ON COLUMN subject_points.source_name IS 'sources.name of the canonical source.';
COMMENT ON COLUMN subject_points.source_kind IS 'sources.kind of the canonical source (dataset: a curated dataset).';
COMMENT ON COLUMN subject_points.source_side IS 'sources.side of the canonical source.';
COMMENT ON COLUMN subject_points.qualifier IS 'claims.qualifier of the figure''s first claim (lowest claim_id).';
COMMENT ON COLUMN subject_points.value_low IS 'claims.value_low of the figure (NULL: open below).';
COMMENT ON COLUMN subject_points.value_best IS 'claims.value_best of the figure.';
COMMENT ON COLUMN subject_points.value_high IS 'claims.value_high of the figure (NULL: open above).';
COMMENT ON COLUMN subject_points.as_of IS 'The earliest claims.as_of of the figure''s claims.';
COMMENT ON COLUMN subject_points.claim_id IS 'The lowest claims.claim_id of the figure''s claims.';
COMMENT ON COLUMN subject_points.mentions IS 'How many claims the figure has (its copies and repeats).';
