-- 0002_inputs_and_batches: where an article's text came from, and how far a run got.
-- articles.source_id keeps the input's own id (JSON lines `id`, front matter `id`, a feed
-- entry's id); articles.text_source says which part of the input the text is (a feed entry's
-- full content or only its summary). etl_runs.batches_committed counts the all-or-nothing
-- batches a run stored, so a run that died half-way shows what it kept.

ALTER TABLE articles ADD COLUMN source_id VARCHAR;
ALTER TABLE articles ADD COLUMN text_source VARCHAR;
ALTER TABLE etl_runs ADD COLUMN batches_committed INTEGER;
ALTER TABLE etl_runs ADD COLUMN articles_warned INTEGER;

COMMENT ON COLUMN articles.source_id IS 'The input''s own id for the article (JSON lines or front matter `id`, feed entry id); NULL if it had none.';
COMMENT ON COLUMN articles.text_source IS 'Which part of the input the text is: body (a .txt/.md body or JSON lines `text`), html_main (main text of a web page), feed_content (a feed entry''s full content) or feed_summary (only the entry''s summary was available).';
COMMENT ON COLUMN etl_runs.batches_committed IS 'Batches of articles this run committed (each all-or-nothing); a run that died keeps the ones counted here.';
COMMENT ON COLUMN etl_runs.articles_warned IS 'Inputs stored with a caveat (e.g. a page that looks truncated); see errors, where they start with "warning:".';
COMMENT ON COLUMN etl_runs.status IS 'running, ok (everything stored), partial (some inputs failed, the rest stored), failed (the run stopped on an error; batches committed before it are kept) or interrupted (the process died; a later run marked it so).';
