-- figures_of: the figures of one subject (metric, category, party, location, unit) in every scope and
-- rate, as known on a date, with their source and article. Grain: one row per figure (claims.figure_id: copies of a story and one
-- source's repeats are one figure); a curated dataset's claims (sources.kind = 'dataset') are one
-- event each, never merged. The figure's fields are those of its representative mention: the first
-- in an original article (then the first published), whose claim_id leads to its words.
-- Usage: SELECT * FROM figures_of('killed', 'civilian', NULL, 'Mariupol', 'people', NULL)   (a NULL key
-- part = not stated; known_on NULL = everything, else what was public that day: the rule of claims_known_on).
-- Parameters are untyped (typed macro parameters need a newer storage version than the pinned shell
-- reads) and compared as written, NULL matching NULL.
CREATE OR REPLACE MACRO figures_of(of_metric, of_category, of_party, of_location, of_unit, known_on) AS TABLE
WITH mentions AS (
    SELECT
        c.claim_id,
        c.article_id,
        c.metric,
        c.category,
        c.party,
        c.location,
        c.unit,
        c.scope,
        c.rate,
        c.qualifier,
        CAST(c.value_low AS DOUBLE)              AS value_low,
        CAST(c.value_best AS DOUBLE)             AS value_best,
        CAST(c.value_high AS DOUBLE)             AS value_high,
        c.as_of,
        c.period_start,
        c.period_end,
        c.source,
        c.quote,
        c.source_id,
        s.name                                   AS source_name,
        s.kind                                   AS source_kind,
        s.side                                   AS source_side,
        CASE WHEN s.kind = 'dataset' THEN c.claim_id ELSE coalesce(c.figure_id, c.claim_id) END AS figure_id,
        coalesce(a.duplicate_of, a.article_id)   AS story_id,
        a.duplicate_of IS NOT NULL               AS in_copy,
        a.published,
        a.published_inferred,
        a.title,
        a.publisher,
        a.url,
        a.language
    FROM claims AS c
    JOIN articles AS a USING (article_id)
    LEFT JOIN sources AS s ON s.source_id = c.source_id
    WHERE c.metric = of_metric
      AND c.category IS NOT DISTINCT FROM of_category
      AND c.party IS NOT DISTINCT FROM of_party
      AND c.location IS NOT DISTINCT FROM of_location
      AND c.unit IS NOT DISTINCT FROM of_unit
      AND (known_on IS NULL OR coalesce(a.published, CAST(a.ingested_at AS DATE)) <= CAST(known_on AS DATE))

),
figures AS (
    SELECT
        figure_id,
        arg_min(claim_id, (in_copy, published IS NULL, published, claim_id)) AS claim_id,
        min(as_of)                                   AS as_of,
        max(as_of)                                   AS last_as_of,
        CAST(count(*) AS INTEGER)                    AS mentions,
        CAST(count(DISTINCT story_id) AS INTEGER)    AS reports
    FROM mentions
    GROUP BY figure_id
)
SELECT
    f.figure_id,
    f.claim_id,
    m.article_id,
    m.metric,
    m.category,
    m.party,
    m.location,
    m.unit,
    m.scope,
    m.rate,
    m.qualifier,
    m.value_low,
    m.value_best,
    m.value_high,
    f.as_of,
    f.last_as_of,
    m.period_start,
    m.period_end,
    m.source,
    m.quote,
    m.source_id,
    m.source_name,
    m.source_kind,
    m.source_side,
    f.mentions,
    f.reports,
    m.published,
    m.published_inferred,
    m.title,
    m.publisher,
    m.url,
    m.language
FROM figures AS f
JOIN mentions AS m ON m.claim_id = f.claim_id;

COMMENT ON MACRO TABLE figures_of IS 'figures_of(metric, category, party, location, unit, known_on): one row per figure (figure_id; a dataset''s claims one event each) of one subject, every scope and rate, as known on known_on (NULL = everything): representative claim with its quote and article (title, publisher, url, published, published_inferred, language), first and last as_of, mentions, reports (stories), source name, kind and side.';
