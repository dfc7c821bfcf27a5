-- claim_bounds_out_of_order: claims whose bounds do not bracket the best value
-- (value_low > value_best or value_best > value_high). NULL bounds are open, never wrong.
SELECT claim_id, article_id, metric, value_low, value_best, value_high, quote
FROM claims
WHERE value_low > value_best OR value_best > value_high
ORDER BY claim_id;
