-- assign_figure_ids: number the figures of the figure keys listed in _tally_figure_keys.
-- Grain: updates claims.figure_id of every claim whose figure_key is listed.
-- Within one key, the claims of one story (an article and its copies, articles.duplicate_of)
-- are one mention dated by its earliest as_of; mentions whose as_of are at most a day apart,
-- directly or through a chain, are one figure. Undated mentions are a figure each. The id
-- hashes the key with the figure's first as_of (or, undated, its story), so it stays the same
-- when later repeats join the figure.
UPDATE claims
SET figure_id = numbered.figure_id
FROM (
    WITH keyed AS (
        SELECT c.claim_id, c.figure_key, coalesce(a.duplicate_of, a.article_id) AS story_id, c.as_of
        FROM claims AS c
        JOIN articles AS a USING (article_id)
        WHERE c.figure_key IN (SELECT figure_key FROM _tally_figure_keys)
    ),
    mentions AS (
        SELECT figure_key, story_id, min(as_of) AS as_of
        FROM keyed
        GROUP BY figure_key, story_id
    ),
    stepped AS (
        SELECT *,
            CASE WHEN as_of IS NULL
                   OR lag(as_of) OVER by_date IS NULL
                   OR as_of - lag(as_of) OVER by_date > 1
                 THEN 1 ELSE 0 END AS starts_figure
        FROM mentions
        WINDOW by_date AS (PARTITION BY figure_key ORDER BY as_of NULLS LAST, story_id)
    ),
    grouped AS (
        SELECT *,
            sum(starts_figure) OVER (PARTITION BY figure_key ORDER BY as_of NULLS LAST, story_id
                                     ROWS UNBOUNDED PRECEDING) AS figure_number
        FROM stepped
    ),
    figures AS (
        SELECT figure_key, figure_number,
            substr(md5(figure_key || '|' || coalesce(CAST(min(as_of) AS VARCHAR), 'undated ' || min(story_id))), 1, 24)
                AS figure_id
        FROM grouped
        GROUP BY figure_key, figure_number
    )
    SELECT k.claim_id, f.figure_id
    FROM keyed AS k
    JOIN grouped AS g USING (figure_key, story_id)
    JOIN figures AS f USING (figure_key, figure_number)
) AS numbered
WHERE claims.claim_id = numbered.claim_id
  AND claims.figure_id IS DISTINCT FROM numbered.figure_id;
