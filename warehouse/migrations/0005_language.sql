-- 0005_language: the language each article is written in (README "Languages").
-- Detected from the text (lingua: Ukrainian and Russian told apart) unless the input gives a
-- `language` key. A warehouse built before this migration gains the column empty; the next
-- `tally etl` fills it (a new extractor version re-extracts every stored article).

ALTER TABLE articles ADD COLUMN language VARCHAR;

COMMENT ON COLUMN articles.language IS 'ISO 639-1 code of the language the article is written in: en, uk or ru. Detected from the text unless the input gave a language key; the extractor reads the article with that language''s knowledge (etl/data/<language>/).';
