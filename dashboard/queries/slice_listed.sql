-- slice_listed: narrows a page's slice (slice_claims) to the claims of the figures in
-- listed_figures, every claim of each (its copies and repeats: what figures_of counts and picks
-- the representative mention from), so that figures_of, and slice_articles run after it, read a
-- page's hundred figures rather than every claim of the subject. A figure's id is figures_of's: a
-- curated dataset's claim is an event of its own, any other claim is its figure_id's (its own
-- claim_id while it has none).
-- Grain: deletes from the temporary `claims`: the last use of the slice on its connection.
-- No parameters.
DELETE FROM temp.main.claims AS c
WHERE CASE WHEN c.source_id IN (SELECT source_id FROM sources WHERE kind = 'dataset') THEN c.claim_id
           ELSE coalesce(c.figure_id, c.claim_id) END
      NOT IN (SELECT figure_id FROM temp.main.listed_figures);
