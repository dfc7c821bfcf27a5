-- claims_without_article: claims whose article_id matches no stored article.
SELECT c.claim_id, c.article_id, c.metric, c.run_id
FROM claims AS c
ANTI JOIN articles AS a USING (article_id)
ORDER BY c.claim_id;
