-- 0006_datasets: curated datasets (UCDP GED, ACLED) imported beside the news by `tally import`.
-- A dataset event is stored as an article (text_source = 'dataset_row': its text is the row as
-- the dataset published it, one "column: value" line per column) whose claims the import maps from
-- the row's columns, not the extractor. articles.dataset says which dataset; articles.source_id
-- keeps the dataset's own event id, so that a rerun finds the event again (same row: nothing
-- changes; an updated row replaces the stored one and its claims). etl_runs.command tells an
-- import run from an ETL run.

ALTER TABLE articles ADD COLUMN dataset VARCHAR;
ALTER TABLE etl_runs ADD COLUMN command VARCHAR;

COMMENT ON COLUMN articles.dataset IS 'The curated dataset this record was imported from by `tally import` (ucdp-ged, acled), with its event id in source_id; NULL for news articles.';
COMMENT ON COLUMN articles.source_id IS 'The input''s own id for the article (JSON lines or front matter `id`, feed entry id; for a dataset record the dataset''s event id: UCDP GED `id`, ACLED `event_id_cnty`); NULL if it had none.';
COMMENT ON COLUMN articles.text_source IS 'Which part of the input the text is: body (a .txt/.md body or JSON lines `text`), html_main (main text of a web page), feed_content (a feed entry''s full content), feed_summary (only the entry''s summary was available) or dataset_row (a dataset event: its row as "column: value" lines).';
COMMENT ON COLUMN etl_runs.command IS 'What made the run: etl (`tally etl`), or import ucdp-ged / import acled (`tally import`); NULL for runs before migration 0006 (all etl).';
