-- date_bounds: the earliest and latest as_of of one metric's claims (NULLs when none is dated).
-- Grain: one row. Parameter: $metric VARCHAR.
SELECT min(as_of) AS first_as_of, max(as_of) AS last_as_of
FROM claims
WHERE metric = $metric;
