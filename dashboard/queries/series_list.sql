-- series_list: every series (metric, category, party, location, unit, scope, rate; the grain of the
-- view `series`), with the latest figure of each of its sources, as known on a date.
-- Grain: one row per series. figures counts figures (figure_id: copies and one source's repeats
-- once; a dataset's claims are one event each), sources canonical sources (source_id).
-- latest_by_source: one struct per source {source_id, name, kind, side, figures, latest: {as_of,
-- low, best, high, qualifier, claim_id}}, the most recent first; its first entry is the series'
-- latest figure. series_id is the view `series`'s.
-- The rows per series and source are the macro series_per_source's, or with $summary the read model
-- series_sources (the same rows with no filter, kept by the runs that write: warehouse/read_model.py),
-- which dashboard.data.series_list asks for only while it is current and neither $known_on nor
-- $languages is given.
-- Parameters: $metrics VARCHAR[] (empty = every metric); $known_on DATE (NULL = everything; else
-- the claims whose article was published on or before it, ingested on or before it when its
-- publication date is unknown: the rule of claims_known_on); $languages VARCHAR[] (empty = every
-- language; else the claims of articles in one of them, and every curated dataset's, which are in
-- no language); $summary BOOLEAN (read series_sources; only without $known_on and $languages).
WITH per_source AS (
    SELECT metric, category, party, location, unit, scope, rate, source_id, latest, figures, first_as_of, last_as_of
    FROM series_sources
    WHERE $summary::BOOLEAN
      AND (len($metrics::VARCHAR[]) = 0 OR list_contains($metrics::VARCHAR[], metric))
    UNION ALL
    SELECT metric, category, party, location, unit, scope, rate, source_id, latest, figures, first_as_of, last_as_of
    FROM series_per_source($metrics::VARCHAR[], $known_on::DATE, $languages::VARCHAR[])
    WHERE NOT $summary::BOOLEAN
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
    -- newest first: sorted by a key struct (as_of, then best, descending, a missing one last; then
    -- source_id, NULL last), which costs half an ordered aggregate's (ORDER BY inside list())
    list_transform(list_sort(list({
        'key': {'as_of': coalesce(-date_diff('day', DATE '1970-01-01', p.latest.as_of), 2147483647),
                'best': coalesce(-p.latest.best, 'infinity'::DOUBLE), 'no_source': p.source_id IS NULL,
                'source_id': coalesce(p.source_id, '')},
        'entry': {'source_id': p.source_id, 'name': s.name, 'kind': s.kind, 'side': s.side, 'figures': p.figures,
                  'latest': p.latest}})), x -> x.entry) AS latest_by_source
FROM per_source AS p
LEFT JOIN sources AS s ON s.source_id = p.source_id
GROUP BY ALL
ORDER BY p.metric, figures DESC, p.category, p.party, p.location, p.unit, p.scope, p.rate;
