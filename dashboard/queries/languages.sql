-- languages: the languages the stored articles are written in (articles.language: en, uk, ru), for the
-- dashboard's language filter. Grain: one row per language. No parameters.
SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY language;
