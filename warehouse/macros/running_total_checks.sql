-- running_total_checks: do the dailies add up? For one subject (metric, category, party, location,
-- unit), between two consecutive running totals (scope cumulative) from one source, the counts
-- reported in between (incidents and periods), summed per counting source, beside the change in
-- the total. How a reader checks a running toll.
-- Grain: one row per (total source, consecutive pair of its totals, counting source); a pair with
-- no counts in between has one row with counting_source_id NULL and counts 0.
-- Rules:
--  * totals and counts are figures (figures_of: copies and repeats once, a dataset's events each);
--    a source's totals on one day are one total, the highest;
--  * a count falls between totals dated d1 < d2 when its window [start, end] (an incident's is its
--    as_of; a period's period_start..period_end) has start >= d1 and d1 < end <= d2;
--  * the counts of the same subject from any source, and a curated dataset's events at the same
--    place in any category or party (dataset_events_at; counting_category says which);
--  * lows summed and highs summed: an open bound (NULL) keeps its sum open (NULL); bests summed;
--  * change_low..change_high is what the two totals allow (to_low - from_high .. to_high - from_low,
--    NULL when a bound is open); adds_up: 'yes' when that range and the counts' sum overlap,
--    'total rose more' or 'counts exceed the rise' when they do not, NULL without counts.
-- Usage: SELECT * FROM running_total_checks('killed', 'civilian', NULL, 'Mariupol', 'people', NULL).
CREATE OR REPLACE MACRO running_total_checks(of_metric, of_category, of_party, of_location, of_unit, known_on) AS TABLE
WITH subject AS (
    SELECT * FROM figures_of(of_metric, of_category, of_party, of_location, of_unit, known_on)
    WHERE rate IS NULL AND as_of IS NOT NULL
),
day_totals AS (
    SELECT
        source_id,
        as_of,
        arg_max(figure_id, (value_best, figure_id)) AS figure_id
    FROM subject
    WHERE scope = 'cumulative'
    GROUP BY source_id, as_of
),
totals AS (
    SELECT t.source_id, t.as_of, f.source_name, f.value_low, f.value_best, f.value_high, f.qualifier, f.claim_id,
           t.figure_id
    FROM day_totals AS t
    JOIN subject AS f USING (figure_id)
),
pairs AS (
    SELECT
        source_id,
        source_name,
        lag(as_of) OVER chain        AS from_as_of,
        as_of                        AS to_as_of,
        lag(figure_id) OVER chain    AS from_figure_id,
        figure_id                    AS to_figure_id,
        lag(claim_id) OVER chain     AS from_claim_id,
        claim_id                     AS to_claim_id,
        lag(value_low) OVER chain    AS from_low,
        lag(value_best) OVER chain   AS from_best,
        lag(value_high) OVER chain   AS from_high,
        lag(qualifier) OVER chain    AS from_qualifier,
        value_low                    AS to_low,
        value_best                   AS to_best,
        value_high                   AS to_high,
        qualifier                    AS to_qualifier
    FROM totals
    WINDOW chain AS (PARTITION BY source_id ORDER BY as_of)
    QUALIFY lag(as_of) OVER chain IS NOT NULL
),
counts AS (
    SELECT source_id, source_name, source_kind, category, scope, value_low, value_best, value_high,
           coalesce(period_start, as_of) AS window_start, coalesce(period_end, as_of) AS window_end
    FROM subject
    WHERE scope IN ('incident', 'period') AND source_kind IS DISTINCT FROM 'dataset'
    UNION ALL
    SELECT source_id, source_name, source_kind, category, scope, value_low, value_best, value_high,
           as_of AS window_start, as_of AS window_end
    FROM dataset_events_at(of_metric, of_location, of_unit, known_on)
),
sums AS (
    SELECT
        p.source_id,
        p.to_figure_id,
        c.source_id                                     AS counting_source_id,
        any_value(c.source_name)                        AS counting_source_name,
        any_value(c.source_kind)                        AS counting_source_kind,
        string_agg(DISTINCT coalesce(c.category, '(none)'), ', ' ORDER BY coalesce(c.category, '(none)'))
                                                        AS counting_category,
        CAST(count(*) AS INTEGER)                       AS counts,
        CAST(count(*) FILTER (WHERE c.scope = 'incident') AS INTEGER) AS incidents,
        CAST(count(*) FILTER (WHERE c.scope = 'period') AS INTEGER)   AS periods,
        CASE WHEN count(c.value_low) = count(*) THEN sum(c.value_low) END   AS sum_low,
        sum(c.value_best)                               AS sum_best,
        CASE WHEN count(c.value_high) = count(*) THEN sum(c.value_high) END AS sum_high,
        min(c.window_start)                             AS first_count_on,
        max(c.window_end)                               AS last_count_on
    FROM pairs AS p
    JOIN counts AS c
      ON c.window_start >= p.from_as_of AND c.window_end > p.from_as_of AND c.window_end <= p.to_as_of
    GROUP BY p.source_id, p.to_figure_id, c.source_id
)
SELECT
    p.source_id,
    p.source_name,
    p.from_as_of,
    p.to_as_of,
    p.from_qualifier,
    p.from_low,
    p.from_best,
    p.from_high,
    p.to_qualifier,
    p.to_low,
    p.to_best,
    p.to_high,
    p.to_best - p.from_best                             AS change_best,
    p.to_low - p.from_high                              AS change_low,
    p.to_high - p.from_low                              AS change_high,
    s.counting_source_id,
    s.counting_source_name,
    s.counting_source_kind,
    s.counting_category,
    s.counting_source_id IS NOT DISTINCT FROM p.source_id AS counted_by_same_source,
    coalesce(s.counts, 0)                               AS counts,
    coalesce(s.incidents, 0)                            AS incidents,
    coalesce(s.periods, 0)                              AS periods,
    s.sum_low,
    s.sum_best,
    s.sum_high,
    s.sum_best - (p.to_best - p.from_best)              AS difference_best,
    CASE
        WHEN s.counts IS NULL THEN NULL
        WHEN s.sum_high IS NOT NULL AND p.to_low - p.from_high > s.sum_high THEN 'total rose more'
        WHEN s.sum_low IS NOT NULL AND p.to_high - p.from_low < s.sum_low THEN 'counts exceed the rise'
        ELSE 'yes'
    END                                                 AS adds_up,
    p.from_figure_id,
    p.to_figure_id,
    p.from_claim_id,
    p.to_claim_id
FROM pairs AS p
LEFT JOIN sums AS s ON s.source_id IS NOT DISTINCT FROM p.source_id AND s.to_figure_id = p.to_figure_id
ORDER BY p.source_name, p.source_id, p.to_as_of, counted_by_same_source DESC, s.counting_source_name;

COMMENT ON MACRO TABLE running_total_checks IS 'running_total_checks(metric, category, party, location, unit, known_on): for each pair of consecutive running totals (cumulative) from one source, the incident and period counts reported in between, per counting source (and a dataset''s events at the place), lows, bests and highs summed (an open bound keeps its sum open), beside the change in the total; adds_up says whether they agree.';
