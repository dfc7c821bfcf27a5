-- warehouse_state: one value that changes whenever a run writes claims, sources or figures: the claim
-- count and, for every run that committed a batch or re-assembled articles, its id and those counters
-- (etl_runs is updated in the transaction of each batch). A read model (read_model_state) is current
-- while the state it was refreshed at is this one. Grain: one row. A run that stores nothing (a no-op
-- rerun) leaves it unchanged.
CREATE OR REPLACE VIEW warehouse_state AS
SELECT
    (SELECT count(*) FROM claims) || ':' || coalesce((
        SELECT md5(string_agg(run_id || ':' || coalesce(batches_committed, 0) || ':'
                              || coalesce(articles_reassembled, 0) || ':' || coalesce(claims_added, 0) || ':'
                              || coalesce(claims_removed, 0), ',' ORDER BY run_id))
        FROM etl_runs
        WHERE coalesce(batches_committed, 0) > 0 OR coalesce(articles_reassembled, 0) > 0), '') AS state;

COMMENT ON VIEW warehouse_state IS 'One row, one column (state): the claim count and a digest of the counters of every run that wrote (batches committed, articles re-assembled, claims added and removed); what read_model_state.warehouse_state is compared with.';
