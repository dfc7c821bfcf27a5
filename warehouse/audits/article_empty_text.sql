-- article_empty_text: articles stored with no text (NULL or only whitespace).
SELECT article_id, origin, run_id
FROM articles
WHERE text IS NULL OR trim(text) = ''
ORDER BY article_id;
