-- series_list: every series (metric, category, party, location, unit, scope, rate; the grain of the
-- view `series`), with the latest figure of each of its sources, as known on a date.
-- Grain: one row per series. figures counts figures (figure_id: copies and one source's repeats
-- once; a dataset's claims are one event each), sources canonical sources (source_id).
-- latest_by_source: one struct per source {source_id, name, kind, side, figures, latest: {as_of,
-- low, best, high, qualifier, claim_id}}, the most recent first; its first entry is the series'
-- latest figure. series_id is the view `series`'s.
-- Parameters: $metrics VARCHAR[] (empty = every metric); $known_on DATE (NULL = everything; else
-- the claims whose article was published on or before it, ingested on or before it when its
-- publication date is unknown: the rule of claims_known_on); $languages VARCHAR[] (empty = every
-- language; else the claims of articles in one of them, and every curated dataset's, which are in
-- no language).
WITH known AS (
    SELECT
        c.metric, c.category, c.party, c.location, c.unit, c.scope, c.rate, c.source_id,
        hash(CASE WHEN s.kind = 'dataset' THEN c.claim_id ELSE coalesce(c.figure_id, c.claim_id) END) AS figure,
        c.as_of, c.value_low, c.value_best, c.value_high, c.qualifier, c.claim_id
    FROM claims AS c
    LEFT JOIN sources AS s ON s.source_id = c.source_id
    WHERE (len($metrics::VARCHAR[]) = 0 OR list_contains($metrics::VARCHAR[], c.metric))
      AND ($known_on::DATE IS NULL OR c.article_id IN (
            SELECT article_id FROM articles
            WHERE coalesce(published, CAST(ingested_at AS DATE)) <= $known_on::DATE))
      AND (len($languages::VARCHAR[]) = 0
           OR c.article_id IN (SELECT article_id FROM articles WHERE list_contains($languages::VARCHAR[], language))
           OR c.source_id IN (SELECT source_id FROM sources WHERE kind = 'dataset'))
),
per_source AS (
    SELECT
        metric, category, party, location, unit, scope, rate, source_id,
        coalesce(
            arg_max({'as_of': as_of, 'low': value_low, 'best': value_best, 'high': value_high,
                     'qualifier': qualifier, 'claim_id': claim_id}, (as_of, value_best))
                FILTER (WHERE as_of IS NOT NULL),
            any_value({'as_of': as_of, 'low': value_low, 'best': value_best, 'high': value_high,
                       'qualifier': qualifier, 'claim_id': claim_id}))   AS latest,
        CAST(count(DISTINCT figure) AS INTEGER)                          AS figures,
        min(as_of)                                                       AS first_as_of,
        max(as_of)                                                       AS last_as_of
    FROM known
    GROUP BY ALL
)
SELECT
    substr(md5(concat_ws('|', coalesce(p.metric, '∅'), coalesce(p.category, '∅'), coalesce(p.party, '∅'),
                          coalesce(p.location, '∅'), coalesce(p.unit, '∅'), coalesce(p.scope, '∅'),
                          coalesce(p.rate, '∅'))), 1, 16)              AS series_id,
    p.metric, p.category, p.party, p.location, p.unit, p.scope, p.rate,
    CAST(sum(p.figures) AS INTEGER)                                     AS figures,
    CAST(count(*) AS INTEGER)                                           AS sources,
    min(p.first_as_of)                                                  AS first_as_of,
    max(p.last_as_of)                                                   AS last_as_of,
    list({'source_id': p.source_id, 'name': s.name, 'kind': s.kind, 'side': s.side, 'figures': p.figures,
          'latest': p.latest}
         ORDER BY p.latest.as_of DESC NULLS LAST, p.latest.best DESC, p.source_id) AS latest_by_source
FROM per_source AS p
LEFT JOIN sources AS s ON s.source_id = p.source_id
GROUP BY ALL
ORDER BY p.metric, figures DESC, p.category, p.party, p.location, p.unit, p.scope, p.rate;
