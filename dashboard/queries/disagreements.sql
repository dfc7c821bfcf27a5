-- disagreements: the same figure reported by different sources with ranges that do not overlap.
-- "The same figure": same metric, unit, rate, population (category), party and place (NULL
-- matches NULL), with as_of dates at most $window_days apart. "Do not overlap": the lower
-- claim's value_high is below the higher claim's value_low; an open bound (NULL) overlaps
-- everything on its open side, so "more than 500" never disagrees with "2,000".
-- Grain: one row per pair of claims, the lower one first; strongest disagreement (ratio) first.
-- Parameters: $metric VARCHAR (NULL = every metric), $window_days INTEGER, $max_rows INTEGER.
WITH c AS (
    SELECT claim_id, metric, category, party, location, unit, rate, as_of, source, qualifier,
           CAST(value_low AS DOUBLE) AS value_low, CAST(value_best AS DOUBLE) AS value_best,
           CAST(value_high AS DOUBLE) AS value_high, quote
    FROM claims
    WHERE as_of IS NOT NULL AND source IS NOT NULL
      AND ($metric::VARCHAR IS NULL OR metric = $metric::VARCHAR)
)
SELECT
    lo.metric, lo.category, lo.party, lo.location, lo.unit, lo.rate,
    lo.as_of      AS lower_as_of,
    lo.source     AS lower_source,
    lo.value_low  AS lower_value_low,
    lo.value_best AS lower_value_best,
    lo.value_high AS lower_value_high,
    lo.qualifier  AS lower_qualifier,
    lo.quote      AS lower_quote,
    hi.as_of      AS higher_as_of,
    hi.source     AS higher_source,
    hi.value_low  AS higher_value_low,
    hi.value_best AS higher_value_best,
    hi.value_high AS higher_value_high,
    hi.qualifier  AS higher_qualifier,
    hi.quote      AS higher_quote,
    CAST(hi.value_low / nullif(lo.value_high, 0) AS DOUBLE) AS ratio,
    lo.claim_id   AS lower_claim_id,
    hi.claim_id   AS higher_claim_id
FROM c AS lo
JOIN c AS hi
  ON  lo.metric = hi.metric
  AND lo.unit IS NOT DISTINCT FROM hi.unit
  AND lo.rate IS NOT DISTINCT FROM hi.rate
  AND lo.category IS NOT DISTINCT FROM hi.category
  AND lo.party IS NOT DISTINCT FROM hi.party
  AND lo.location IS NOT DISTINCT FROM hi.location
  AND lo.source <> hi.source
  AND abs(date_diff('day', lo.as_of, hi.as_of)) <= $window_days::INTEGER
  AND lo.value_high < hi.value_low
ORDER BY ratio DESC NULLS FIRST, lo.metric, lower_as_of, lo.claim_id, hi.claim_id
LIMIT $max_rows::INTEGER;
