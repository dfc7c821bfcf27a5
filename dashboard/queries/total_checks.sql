-- total_checks: "do the dailies add up?" for one subject (metric, category, party, location, unit):
-- the macro running_total_checks (warehouse/macros), limited to the totals from the sources and in
-- the dates looked at (a pair counts when its later total is). Grain: the macro's, one row per
-- (total source, consecutive pair of totals, counting source).
-- Parameters: $metric, $category, $party, $location, $unit VARCHAR (NULL = not stated);
-- $known_on DATE (NULL = everything); $as_of_from, $as_of_to DATE (NULL = open);
-- $source_ids VARCHAR[] (empty = every source).
SELECT *
FROM running_total_checks($metric::VARCHAR, $category::VARCHAR, $party::VARCHAR, $location::VARCHAR,
                          $unit::VARCHAR, $known_on::DATE)
WHERE ($as_of_from::DATE IS NULL OR to_as_of >= $as_of_from::DATE)
  AND ($as_of_to::DATE IS NULL OR to_as_of <= $as_of_to::DATE)
  AND (len($source_ids::VARCHAR[]) = 0 OR list_contains($source_ids::VARCHAR[], source_id));
