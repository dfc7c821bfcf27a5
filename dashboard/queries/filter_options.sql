-- filter_options: for one metric, the distinct values each dashboard filter can take.
-- Grain: one row per (field, value). Parameter: $metric VARCHAR.
SELECT DISTINCT 'category' AS field, CAST(category AS VARCHAR) AS value FROM claims WHERE metric = $metric AND category IS NOT NULL
UNION ALL
SELECT DISTINCT 'party', CAST(party AS VARCHAR) FROM claims WHERE metric = $metric AND party IS NOT NULL
UNION ALL
SELECT DISTINCT 'location', CAST(location AS VARCHAR) FROM claims WHERE metric = $metric AND location IS NOT NULL
UNION ALL
SELECT DISTINCT 'source', CAST(source AS VARCHAR) FROM claims WHERE metric = $metric AND source IS NOT NULL
ORDER BY field, value;
