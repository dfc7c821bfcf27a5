-- claims_by_id: the claims behind the figures a reader picked, with everything that traces them
-- home (the view claim_facts: the words, the figure's own words, the article, the source as
-- written and canonical, the figure it belongs to), and the article's title, publisher,
-- publication date, link and language under the names the provenance card reads.
-- Grain: one row per claim, in the order of $claim_ids. Parameter: $claim_ids VARCHAR[].
WITH picked AS (
    SELECT unnest($claim_ids::VARCHAR[]) AS claim_id, generate_subscripts($claim_ids::VARCHAR[], 1) AS position
)
SELECT
    f.*,
    f.article_title      AS title,
    f.article_publisher  AS publisher,
    f.article_published  AS published,
    f.article_url        AS url,
    f.article_language   AS language
FROM picked AS p
JOIN claim_facts AS f ON f.claim_id = p.claim_id
ORDER BY p.position;
