-- disagreement_pairs: the same series (metric, category, party, location, unit, scope, rate; NULL matches
-- NULL) reported by different canonical sources at most window_days apart (incidents and period counts
-- on the same day: two events or windows days apart are no two reports of one), with ranges that do not
-- overlap: the lower figure's value_high is below the higher figure's value_low. An open bound (NULL)
-- overlaps everything on its open side, so "more than 500" never disagrees with "2,000".
-- Per series, source and day only the strongest figures take part (the lowest upper bound and the
-- highest lower bound of that day), so one pair stands for the repeats and copies of a figure and the
-- work grows with days, not with claims squared (days meet by time buckets of window_days + 1).
-- Grain: one row per pair (lower source's day, higher source's day; one pair of claim ids), in no order,
-- with both claims' words and how many days apart they are (days_apart): the pairs of a smaller window
-- are those with days_apart <= it, so the read model source_disagreements (warehouse/read_model.py)
-- stores the pairs of the slider's widest window once and the dashboard filters them
-- (dashboard/queries/disagreements.sql).
-- Usage: SELECT * FROM disagreement_pairs(NULL, 7, NULL, []) -- of_metric VARCHAR (NULL = every metric);
-- window_days INTEGER; known_on DATE (NULL = everything; else the rule of claims_known_on); languages
-- VARCHAR[] (empty = every language; else the claims of articles in one of them, and every curated
-- dataset's). Parameters are untyped (see figures_of).
CREATE OR REPLACE MACRO disagreement_pairs(of_metric, window_days, known_on, languages) AS TABLE
WITH known AS (
    SELECT
        hash(c.metric, c.category, c.party, c.location, c.unit, c.scope, c.rate) AS series,
        c.scope IN ('incident', 'period') AS one_day,
        c.source_id, c.as_of, c.value_low, c.value_high, c.claim_id,
        -- the as_of dates within window_days of this one fall in this bucket or the next to either side
        CAST(floor(date_diff('day', DATE '1970-01-01', c.as_of) / (CAST(window_days AS INTEGER) + 1)) AS BIGINT) AS bucket
    FROM claims AS c
    WHERE c.as_of IS NOT NULL AND c.source_id IS NOT NULL
      AND (c.value_low IS NOT NULL OR c.value_high IS NOT NULL)
      AND (CAST(of_metric AS VARCHAR) IS NULL OR c.metric = CAST(of_metric AS VARCHAR))
      AND known_by(c.article_id, known_on)
      AND in_languages(c.article_id, c.source_id, languages)
),
days AS (
    SELECT
        series, source_id, as_of, bucket, any_value(one_day) AS one_day,
        min(value_high)                       AS lowest_high,
        arg_min(claim_id, (value_high, claim_id)) AS lowest_high_claim_id,
        max(value_low)                        AS highest_low,
        arg_max(claim_id, (value_low, claim_id))  AS highest_low_claim_id
    FROM known
    GROUP BY series, source_id, as_of, bucket
),
lower_days AS (  -- each day once per bucket it can meet: an equality join, not one on the series alone
    SELECT *, bucket + unnest([-1, 0, 1]) AS meets
    FROM days
    WHERE lowest_high IS NOT NULL AND NOT one_day
),
meetings AS (  -- a series' scope says whether it counts days (incidents, periods: the same day only)
    SELECT lo.as_of, lo.lowest_high, lo.lowest_high_claim_id, hi.as_of AS hi_as_of, hi.highest_low,
           hi.highest_low_claim_id
    FROM days AS lo
    JOIN days AS hi
      ON  hi.series = lo.series
      AND hi.as_of = lo.as_of
      AND hi.source_id <> lo.source_id
      AND lo.lowest_high < hi.highest_low
    WHERE lo.one_day
    UNION ALL
    SELECT lo.as_of, lo.lowest_high, lo.lowest_high_claim_id, hi.as_of AS hi_as_of, hi.highest_low,
           hi.highest_low_claim_id
    FROM lower_days AS lo
    JOIN days AS hi
      ON  hi.series = lo.series
      AND hi.bucket = lo.meets
      AND hi.source_id <> lo.source_id
      AND abs(date_diff('day', lo.as_of, hi.as_of)) <= CAST(window_days AS INTEGER)
      AND lo.lowest_high < hi.highest_low
),
pairs AS (
    SELECT
        lowest_high_claim_id                                    AS lower_claim_id,
        highest_low_claim_id                                    AS higher_claim_id,
        CAST(highest_low / nullif(lowest_high, 0) AS DOUBLE)    AS ratio,
        CAST(abs(date_diff('day', as_of, hi_as_of)) AS INTEGER) AS days_apart
    FROM meetings
),
picked AS (
    SELECT c.claim_id, c.metric, c.category, c.party, c.location, c.unit, c.scope, c.rate,
           c.as_of, c.source, s.name AS source_name, CAST(c.value_low AS DOUBLE) AS value_low,
           CAST(c.value_best AS DOUBLE) AS value_best, CAST(c.value_high AS DOUBLE) AS value_high,
           c.qualifier, c.quote
    FROM claims AS c
    LEFT JOIN sources AS s ON s.source_id = c.source_id
    WHERE c.claim_id IN (SELECT lower_claim_id FROM pairs UNION ALL SELECT higher_claim_id FROM pairs)
)
SELECT
    lo.metric, lo.category, lo.party, lo.location, lo.unit, lo.scope, lo.rate,
    lo.as_of              AS lower_as_of,
    lo.source             AS lower_source,
    lo.source_name        AS lower_source_name,
    lo.value_low          AS lower_value_low,
    lo.value_best         AS lower_value_best,
    lo.value_high         AS lower_value_high,
    lo.qualifier          AS lower_qualifier,
    lo.quote              AS lower_quote,
    hi.as_of              AS higher_as_of,
    hi.source             AS higher_source,
    hi.source_name        AS higher_source_name,
    hi.value_low          AS higher_value_low,
    hi.value_best         AS higher_value_best,
    hi.value_high         AS higher_value_high,
    hi.qualifier          AS higher_qualifier,
    hi.quote              AS higher_quote,
    p.ratio,
    p.lower_claim_id,
    p.higher_claim_id,
    p.days_apart
FROM pairs AS p
JOIN picked AS lo ON lo.claim_id = p.lower_claim_id
JOIN picked AS hi ON hi.claim_id = p.higher_claim_id;

COMMENT ON MACRO TABLE disagreement_pairs IS 'disagreement_pairs(metric, window_days, known_on, languages): every pair of figures of one series from two canonical sources at most window_days apart (incidents and periods: the same day) whose ranges do not overlap, the strongest figures of each source and day; both claims (as_of, source, values, qualifier, quote), ratio (higher low / lower high), days_apart; as known on known_on (NULL = everything) in the languages (empty = all; datasets always).';
