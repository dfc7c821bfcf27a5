-- dataset_sums: curated datasets (sources.kind = 'dataset': one claim per event, scope incident)
-- at one place, summed per time bin (a month, or a week or a day when the dates in view are few),
-- to be read beside the news-derived series of that place: a dataset's monthly fatalities next to a
-- reported running toll. Every category and party of the
-- metric at the place counts (categories lists them); lows and highs are summed, an open bound
-- keeps its sum open (NULL).
-- Grain: one row per (dataset source, bin).
-- Parameters: $metric, $location, $unit VARCHAR (NULL = not stated); $known_on DATE (NULL =
-- everything); $as_of_from, $as_of_to DATE (NULL = open); $bin VARCHAR: 'day', 'week' or 'month'.
SELECT
    f.source_id,
    any_value(f.source_name)                                                    AS source_name,
    CAST(date_trunc($bin::VARCHAR, f.as_of) AS DATE)                            AS bin_start,
    CAST(date_trunc($bin::VARCHAR, f.as_of) + CAST('1 ' || $bin::VARCHAR AS INTERVAL) - INTERVAL 1 DAY AS DATE)
                                                                                AS bin_end,
    CAST(count(*) AS INTEGER)                                                   AS events,
    CASE WHEN count(f.value_low) = count(*) THEN sum(f.value_low) END           AS sum_low,
    sum(f.value_best)                                                           AS sum_best,
    CASE WHEN count(f.value_high) = count(*) THEN sum(f.value_high) END         AS sum_high,
    string_agg(DISTINCT coalesce(f.category, '(none)'), ', ' ORDER BY coalesce(f.category, '(none)')) AS categories
FROM dataset_events_at($metric::VARCHAR, $location::VARCHAR, $unit::VARCHAR, $known_on::DATE) AS f
WHERE ($as_of_from::DATE IS NULL OR f.as_of >= $as_of_from::DATE)
  AND ($as_of_to::DATE IS NULL OR f.as_of <= $as_of_to::DATE)
GROUP BY f.source_id, bin_start, bin_end
ORDER BY source_name, bin_start;
