-- 0003_series: what makes claims comparable across articles (../shared/SPEC.md "Series").
-- claims.scope and claims.period_end come from the extractor (one article); claims.source_id,
-- claims.figure_id, articles.duplicate_of and the sources table from the assembly stage (across
-- articles). A warehouse built before this migration gains the columns empty; the next
-- `tally etl` fills them (a new extractor version re-extracts every stored article).

ALTER TABLE claims ADD COLUMN scope VARCHAR;
ALTER TABLE claims ADD COLUMN period_end DATE;
ALTER TABLE claims ADD COLUMN source_id VARCHAR;
ALTER TABLE claims ADD COLUMN figure_id VARCHAR;
ALTER TABLE articles ADD COLUMN duplicate_of VARCHAR;

CREATE TABLE sources (
    source_id   VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    side        VARCHAR
);

COMMENT ON COLUMN claims.scope IS 'What the figure counts: incident (one event), period (a bounded window, period_start..period_end), cumulative (a running total to as_of), stock (how many are in a state at as_of), rate (an average per day/week/month, see rate) or unknown.';
COMMENT ON COLUMN claims.period_end IS 'Last day of the window of a period figure (with period_start); NULL otherwise.';
COMMENT ON COLUMN claims.source_id IS 'The canonical source behind `source` (sources.source_id): spelling, title and transliteration variants of one speaker share it.';
COMMENT ON COLUMN claims.figure_id IS 'One id for the same reported figure wherever it appears: syndicated copies and repeats by one source (same canonical source, metric, category, party, location, scope and values, as_of at most a day apart) share it.';
COMMENT ON COLUMN articles.duplicate_of IS 'article_id of an earlier stored copy of the same story (the same wire story with other boilerplate, title or URL); NULL for an original.';
COMMENT ON TABLE sources IS 'One row per real-world speaker or body, whatever the spelling: what claims.source_id points at.';
COMMENT ON COLUMN sources.source_id IS 'Stable id of the canonical source.';
COMMENT ON COLUMN sources.name IS 'Canonical display name (title and transliteration variants collapse to it).';
COMMENT ON COLUMN sources.kind IS 'government, military, local_authority, un_agency, ngo, media, armed_group, person, dataset or unknown.';
COMMENT ON COLUMN sources.side IS 'The country or party the source speaks for (Ukraine, Russia, ...); NULL for the UN, NGOs and media.';
