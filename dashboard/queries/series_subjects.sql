-- series_subjects: every subject (metric, category, party, location, unit: what a series page shows,
-- all its series in every scope and rate) with its figures, first and last as_of and sources, as
-- known on a date: what the series page's pickers offer. Grain: one row per subject, the most
-- figures first. figures counts figures (figure_id), source_ids the canonical sources (the most
-- figures first) with their names (source_names, the source_id where sources has none).
-- The rows per series and source are series_list's (the macro series_per_source, or with $summary
-- the read model series_sources, asked for only while it is current and neither $known_on nor
-- $languages is given): the same subjects as series_list's rows grouped, without its latest figures.
-- Parameters: $known_on DATE (NULL = everything); $languages VARCHAR[] (empty = every language);
-- $summary BOOLEAN (read series_sources; only without $known_on and $languages).
WITH per_source AS (
    SELECT metric, category, party, location, unit, source_id, figures, first_as_of, last_as_of
    FROM series_sources
    WHERE $summary::BOOLEAN
    UNION ALL
    SELECT metric, category, party, location, unit, source_id, figures, first_as_of, last_as_of
    FROM series_per_source(CAST([] AS VARCHAR[]), $known_on::DATE, $languages::VARCHAR[])
    WHERE NOT $summary::BOOLEAN
),
per_subject_source AS (
    SELECT metric, category, party, location, unit, source_id, sum(figures) AS figures,
           min(first_as_of) AS first_as_of, max(last_as_of) AS last_as_of
    FROM per_source
    GROUP BY ALL
)
SELECT
    p.metric, p.category, p.party, p.location, p.unit,
    CAST(sum(p.figures) AS INTEGER)                                                         AS figures,
    min(p.first_as_of)                                                                      AS first_as_of,
    max(p.last_as_of)                                                                       AS last_as_of,
    list(p.source_id ORDER BY p.figures DESC, p.source_id) FILTER (WHERE p.source_id IS NOT NULL) AS source_ids,
    list(coalesce(s.name, p.source_id) ORDER BY p.figures DESC, p.source_id)
        FILTER (WHERE p.source_id IS NOT NULL)                                              AS source_names
FROM per_subject_source AS p
LEFT JOIN sources AS s ON s.source_id = p.source_id
GROUP BY ALL
ORDER BY figures DESC, p.metric, p.category NULLS FIRST, p.party NULLS FIRST, p.location NULLS FIRST,
         p.unit NULLS FIRST;
