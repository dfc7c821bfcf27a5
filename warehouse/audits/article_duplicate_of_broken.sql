-- article_duplicate_of_broken: articles whose duplicate_of points at themselves, at no stored
-- article, or at an article that is itself a copy (a story has one original; copies point at it).
SELECT a.article_id, a.duplicate_of, o.duplicate_of AS original_duplicate_of
FROM articles AS a
LEFT JOIN articles AS o ON o.article_id = a.duplicate_of
WHERE a.duplicate_of IS NOT NULL
  AND (a.duplicate_of = a.article_id OR o.article_id IS NULL OR o.duplicate_of IS NOT NULL)
ORDER BY a.article_id;
