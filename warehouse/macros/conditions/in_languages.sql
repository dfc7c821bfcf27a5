-- in_languages: whether a claim is in one of the chosen languages: its article is written in one of
-- them, or its source is a curated dataset (sources.kind 'dataset', whose records are in no
-- language); every claim when the list is empty.
-- Grain: one boolean per claim (article_id, source_id). Usage: ... WHERE in_languages(c.article_id,
-- c.source_id, ['uk', 'ru']). Untyped parameters; languages is cast to VARCHAR[].
CREATE OR REPLACE MACRO in_languages(article, source, languages) AS (
    len(CAST(languages AS VARCHAR[])) = 0
    OR article IN (SELECT article_id FROM articles WHERE list_contains(CAST(languages AS VARCHAR[]), language))
    OR source IN (SELECT source_id FROM sources WHERE kind = 'dataset')
);

COMMENT ON MACRO in_languages IS 'in_languages(article_id, source_id, languages): true when languages is empty, the article is in one of them, or the source is a curated dataset (its records are in no language).';
