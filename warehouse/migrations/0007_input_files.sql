-- 0007_input_files: the input files a run stored every article of, so that a rerun does not read
-- them again. A file is remembered by its resolved path with the SHA-256 of its bytes, the
-- extractor version and the reading limits of that run; a rerun skips a file only when all
-- of these are the same (a changed file, a new extractor or other limits: it is read again,
-- article by article, as before). A file that gave a problem or a warning is not remembered
-- (a rerun reports it again). Delete rows to make the next run read their files again.

CREATE TABLE input_files (
    path VARCHAR PRIMARY KEY,
    sha256 VARCHAR NOT NULL,
    size_bytes BIGINT NOT NULL,
    read_limits VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    articles INTEGER NOT NULL,
    run_id VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);

COMMENT ON TABLE input_files IS 'Input files whose every article a finished ETL run stored (or found stored), with no problem or warning; a rerun does not read such a file again while its bytes, the extractor version and the reading limits are unchanged. Delete rows to make the next run read their files again.';
COMMENT ON COLUMN input_files.path IS 'The file''s resolved (absolute) path.';
COMMENT ON COLUMN input_files.sha256 IS 'SHA-256 of the file''s bytes when it was read.';
COMMENT ON COLUMN input_files.size_bytes IS 'The file''s size in bytes when it was read.';
COMMENT ON COLUMN input_files.read_limits IS 'The reading limits of that run (size, nesting, aliases): read with other limits, the file is read again.';
COMMENT ON COLUMN input_files.extractor_version IS 'etl.extract.EXTRACTOR_VERSION of the run that stored the file''s articles; another version reads the file again.';
COMMENT ON COLUMN input_files.articles IS 'Articles the file holds (a rerun counts them as already stored without reading them).';
COMMENT ON COLUMN input_files.run_id IS 'The run that remembered the file (etl_runs.run_id).';
COMMENT ON COLUMN input_files.recorded_at IS 'When that run remembered it (UTC).';
