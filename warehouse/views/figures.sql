-- figures: one row per reported figure (claims.figure_id): the same figure in copies of a story
-- and in repeats by one source is one row, with how often and where it was reported.
-- Grain: one row per figure_id. The figure's fields are those its mentions share; its source is
-- the one of its first mention in an original article (copies give unattributed figures to the
-- original's publisher). Claims without a figure_id are left out (audit claim_without_figure_id).
CREATE OR REPLACE VIEW figures AS
WITH mentions AS (
    SELECT
        c.*,
        coalesce(a.duplicate_of, a.article_id) AS story_id,
        a.duplicate_of IS NOT NULL             AS in_copy,
        a.published,
        a.ingested_at
    FROM claims AS c
    JOIN articles AS a USING (article_id)
    WHERE c.figure_id IS NOT NULL
)
SELECT
    m.figure_id,
    any_value(m.metric)                                   AS metric,
    any_value(m.category)                                 AS category,
    any_value(m.party)                                    AS party,
    any_value(m.location)                                 AS location,
    any_value(m.unit)                                     AS unit,
    any_value(m.rate)                                     AS rate,
    any_value(m.scope)                                    AS scope,
    CAST(any_value(m.value_low) AS DOUBLE)                AS value_low,
    CAST(any_value(m.value_best) AS DOUBLE)               AS value_best,
    CAST(any_value(m.value_high) AS DOUBLE)               AS value_high,
    arg_min(m.source_id, (m.in_copy, m.ingested_at, m.claim_id))  AS source_id,
    min(m.as_of)                                          AS first_as_of,
    max(m.as_of)                                          AS last_as_of,
    CAST(count(*) AS INTEGER)                             AS mentions,
    CAST(count(DISTINCT m.article_id) AS INTEGER)         AS articles,
    CAST(count(DISTINCT m.story_id) AS INTEGER)           AS reports,
    CAST(count(DISTINCT m.article_id) - count(DISTINCT m.story_id) AS INTEGER) AS copies,
    CAST(count(DISTINCT m.source_id) AS INTEGER)          AS sources,
    list_sort(list(DISTINCT m.source) FILTER (WHERE m.source IS NOT NULL)) AS sources_as_written,
    min(m.published)                                      AS first_published,
    arg_min(m.article_id, (m.published IS NULL, m.published, m.ingested_at)) AS first_article_id
FROM mentions AS m
GROUP BY m.figure_id;

COMMENT ON VIEW figures IS 'One row per reported figure (figure_id): copies and one source''s repeats counted once; mentions, articles, reports (stories), copies, sources, first publication.';
