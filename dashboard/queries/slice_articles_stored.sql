-- slice_articles_stored: slice_articles (the articles of the page's slice, as a temporary table named
-- `articles`) read from the read model subject_claims, the rows of the subject's place (see
-- slice_claims_stored). Grain: one row per article.
-- Parameters: $metric, $location, $unit VARCHAR (the subject's place).
CREATE TEMP TABLE articles AS
SELECT DISTINCT ON (s.article_id)
       s.article_id, s.url, s.title, s.publisher, s.published, s.published_inferred, s.ingested_at, s.duplicate_of,
       s.language
FROM main.subject_claims AS s
WHERE s.place = hash($metric::VARCHAR, $location::VARCHAR, $unit::VARCHAR)
  AND s.article_stored
  AND s.article_id IN (SELECT article_id FROM temp.main.claims);
