-- claim_without_figure_id: claims the assembly stage has not given a figure (no figure_key or
-- no figure_id), so that series and figures would leave them out.
SELECT claim_id, article_id, metric, run_id
FROM claims
WHERE figure_key IS NULL OR figure_id IS NULL
ORDER BY claim_id;
