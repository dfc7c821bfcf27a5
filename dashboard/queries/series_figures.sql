-- series_figures: the figures a page lists or draws of one subject (metric, category, party,
-- location, unit), those listed_figures picked (the latest in the dates, sources and series looked
-- at), with the words and the article each leads back to (its representative mention, see
-- figures_of), on the page's slice narrowed to their claims (slice_listed).
-- Grain: one row per figure, the latest first (listed_figures' order).
-- Parameters: $metric, $category, $party, $location, $unit VARCHAR (NULL = not stated);
-- $known_on DATE (NULL = everything).
SELECT
    f.figure_id,
    f.claim_id,
    f.scope,
    f.rate,
    f.qualifier,
    f.value_low,
    f.value_best,
    f.value_high,
    f.unit,
    f.as_of,
    f.last_as_of,
    f.period_start,
    f.period_end,
    f.source_id,
    f.source_name,
    f.source_kind,
    f.source_side,
    f.source,
    f.category,
    f.party,
    f.location,
    f.mentions,
    f.reports,
    f.quote,
    f.title,
    f.publisher,
    f.published,
    f.published_inferred,
    f.language,
    f.url
FROM figures_of($metric::VARCHAR, $category::VARCHAR, $party::VARCHAR, $location::VARCHAR, $unit::VARCHAR,
                $known_on::DATE) AS f
JOIN temp.main.listed_figures AS listed ON listed.figure_id = f.figure_id
ORDER BY listed.listed_order;
