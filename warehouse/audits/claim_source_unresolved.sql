-- claim_source_unresolved: claims attributed to someone (source) with no canonical source_id, or
-- with a source_id the sources table does not have.
SELECT c.claim_id, c.article_id, c.source, c.source_id
FROM claims AS c
LEFT JOIN sources AS s ON s.source_id = c.source_id
WHERE (c.source IS NOT NULL AND c.source_id IS NULL)
   OR (c.source_id IS NOT NULL AND s.source_id IS NULL)
ORDER BY c.claim_id;
