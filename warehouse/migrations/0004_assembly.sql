-- 0004_assembly: what the assembly stage (etl/assemble/) keeps so that a run works only on the
-- articles it stores: each article's MinHash signature and LSH band keys (copies are found by
-- one join, never by re-reading stored texts), each claim's figure key (the partition that
-- figure ids are numbered in), and the assembly version each article was assembled with (a
-- change of etl/data/sources.yaml re-assembles stored articles without re-extracting them).

ALTER TABLE articles ADD COLUMN assembly_version VARCHAR;
ALTER TABLE claims ADD COLUMN figure_key VARCHAR;
ALTER TABLE etl_runs ADD COLUMN articles_copies INTEGER;
ALTER TABLE etl_runs ADD COLUMN articles_reassembled INTEGER;

CREATE TABLE article_signatures (
    article_id          VARCHAR PRIMARY KEY,
    signature_version   VARCHAR NOT NULL,
    shingles            INTEGER NOT NULL,
    minhash             BLOB NOT NULL,
    numbers             VARCHAR[] NOT NULL
);

CREATE TABLE article_signature_bands (
    band_key    BIGINT NOT NULL,
    article_id  VARCHAR NOT NULL
);

COMMENT ON COLUMN articles.assembly_version IS 'Assembly version (etl.assemble.ASSEMBLY_VERSION: code, sources.yaml, signature scheme) that set this article''s duplicate_of and its claims'' source_id and figure_id; another version re-assembles it.';
COMMENT ON COLUMN claims.figure_key IS 'Hash of what makes two claims one figure (canonical source, with a copy''s unattributed figures given to the original''s publisher; metric, category, party, location, scope, unit, rate, values); figure_id numbers the runs of as_of within it.';
COMMENT ON COLUMN etl_runs.articles_copies IS 'Articles whose duplicate_of this run set or moved: found to be copies of an earlier stored story, or of a story joined to an earlier one.';
COMMENT ON COLUMN etl_runs.articles_reassembled IS 'Stored articles re-assembled (sources, copies, figure ids) without re-extraction, because the assembly version changed.';

COMMENT ON TABLE article_signatures IS 'One row per signed article: the MinHash signature of its text''s word 5-grams, to compare it with later articles without re-reading its text.';
COMMENT ON COLUMN article_signatures.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN article_signatures.signature_version IS 'How the signature was made (etl.assemble.copies.SIGNATURE_VERSION); another version is made again from the stored text.';
COMMENT ON COLUMN article_signatures.shingles IS 'Distinct word 5-grams of the text; texts with too few are never compared.';
COMMENT ON COLUMN article_signatures.numbers IS 'The distinct numbers the text writes in digits (years aside): copies of one story state the same figures.';
COMMENT ON COLUMN article_signatures.minhash IS 'MinHash signature (datasketch, affine32 scheme): the minimum of each of the 128 permutations over the shingles, as 128 little-endian 32-bit integers (a BLOB reads far faster than a list column).';

COMMENT ON TABLE article_signature_bands IS 'LSH band keys of each signed article (32 bands of 4 hash values): articles that share a key are candidate copies.';
COMMENT ON COLUMN article_signature_bands.band_key IS 'Hash of one band of the signature, band number included.';
COMMENT ON COLUMN article_signature_bands.article_id IS 'The article (articles.article_id).';
