-- slice_articles: the articles of the claims in the page's slice (slice_claims), as a temporary table
-- named `articles` that stands in for the warehouse's on the page's own connection, with the
-- columns the page's macros read (never the text); made once per connection (an "as known on" view
-- makes it with the slice, any other when it lists its figures, slice_listed).
-- Grain: one row per article. No parameters.
CREATE TEMP TABLE IF NOT EXISTS articles AS
SELECT a.article_id, a.url, a.title, a.publisher, a.published, a.published_inferred, a.ingested_at, a.duplicate_of,
       a.language
FROM main.articles AS a
WHERE a.article_id IN (SELECT article_id FROM temp.main.claims);
