-- 0001_init: the contract tables (../shared/SPEC.md "Tables") and the ETL run log.
-- articles: one row per distinct article; claims: one row per reported figure;
-- etl_runs: one row per `tally etl` run. Every row written by the ETL carries its run_id.

CREATE TABLE articles (
    article_id          VARCHAR PRIMARY KEY,
    url                 VARCHAR,
    title               VARCHAR,
    publisher           VARCHAR,
    published           DATE,
    published_inferred  BOOLEAN NOT NULL DEFAULT false,
    text                VARCHAR NOT NULL,
    origin              VARCHAR,
    ingested_at         TIMESTAMP NOT NULL,
    run_id              VARCHAR,
    extractor_version   VARCHAR
);

COMMENT ON TABLE articles IS 'One row per distinct article (same normalised text = one article). Contract table, see SPEC.md.';
COMMENT ON COLUMN articles.article_id IS 'Stable id: hash of the normalised text (NFC, single spaces, trimmed).';
COMMENT ON COLUMN articles.url IS 'Article URL from its metadata; NULL if not given.';
COMMENT ON COLUMN articles.title IS 'Headline from its metadata; NULL if not given.';
COMMENT ON COLUMN articles.publisher IS 'Publisher from its metadata (e.g. Reuters); NULL if not given.';
COMMENT ON COLUMN articles.published IS 'Publication date; NULL when neither given nor inferable from the text (never today''s date).';
COMMENT ON COLUMN articles.published_inferred IS 'True when published was inferred from the text rather than given in metadata.';
COMMENT ON COLUMN articles.text IS 'The article body as extracted; claims.span_start/span_end are offsets into it.';
COMMENT ON COLUMN articles.origin IS 'File path or feed URL the article was read from (first time it was stored).';
COMMENT ON COLUMN articles.ingested_at IS 'UTC time the article was first stored; reruns keep it.';
COMMENT ON COLUMN articles.run_id IS 'The etl_runs.run_id that first stored this article.';
COMMENT ON COLUMN articles.extractor_version IS 'Extractor version whose claims are stored for this article; a newer extractor re-extracts it.';

CREATE TABLE claims (
    claim_id            VARCHAR PRIMARY KEY,
    article_id          VARCHAR NOT NULL,
    metric              VARCHAR NOT NULL,
    category            VARCHAR,
    party               VARCHAR,
    value_low           DOUBLE,
    value_best          DOUBLE,
    value_high          DOUBLE,
    unit                VARCHAR,
    qualifier           VARCHAR,
    rate                VARCHAR,
    period_start        DATE,
    as_of               DATE,
    source              VARCHAR,
    location            VARCHAR,
    quote               VARCHAR,
    span_start          INTEGER,
    span_end            INTEGER,
    rule                VARCHAR,
    extractor_version   VARCHAR,
    run_id              VARCHAR
);

COMMENT ON TABLE claims IS 'One row per reported figure, in the SPEC.md value conventions. Contract table.';
COMMENT ON COLUMN claims.claim_id IS 'Stable id across reruns: hash of article_id, span and metric.';
COMMENT ON COLUMN claims.article_id IS 'The article the figure was read from (articles.article_id).';
COMMENT ON COLUMN claims.metric IS 'What is counted: killed, injured, casualties, trapped, displaced, evacuated, captured, missing, aid, strikes, population.';
COMMENT ON COLUMN claims.category IS 'Whose people (military, civilian, mixed, unspecified); for aid its kind (military, humanitarian, financial, unspecified).';
COMMENT ON COLUMN claims.party IS 'Whose people, or who gives the aid, as a country or organisation name; NULL when not stated.';
COMMENT ON COLUMN claims.value_low IS 'Lowest value the report allows; NULL = no lower bound stated.';
COMMENT ON COLUMN claims.value_best IS 'The single best reading of the figure.';
COMMENT ON COLUMN claims.value_high IS 'Highest value the report allows; NULL = unbounded above.';
COMMENT ON COLUMN claims.unit IS 'people for people, an ISO 4217 code for money (USD, EUR, ...), count for anything else.';
COMMENT ON COLUMN claims.qualifier IS 'How the figure was worded: exact, range, at_least, more_than, at_most, approximate, vague.';
COMMENT ON COLUMN claims.rate IS 'per_day, per_week or per_month for a rate; NULL for a total.';
COMMENT ON COLUMN claims.period_start IS 'Start of the period a total covers ("since February 24"); NULL if not stated.';
COMMENT ON COLUMN claims.as_of IS 'Date the figure describes: an event date stated in the text, else the publication date.';
COMMENT ON COLUMN claims.source IS 'Who the figure is attributed to, as written; the publisher when nobody is named.';
COMMENT ON COLUMN claims.location IS 'Canonical place name (one spelling per place); NULL if none.';
COMMENT ON COLUMN claims.quote IS 'The sentence the figure was read from.';
COMMENT ON COLUMN claims.span_start IS 'Character offset where the figure''s words start in articles.text.';
COMMENT ON COLUMN claims.span_end IS 'Character offset where the figure''s words end in articles.text (exclusive).';
COMMENT ON COLUMN claims.rule IS 'Name of the extractor rule that produced the claim (for tracing).';
COMMENT ON COLUMN claims.extractor_version IS 'Version of the extractor that produced the claim (etl.extract.EXTRACTOR_VERSION).';
COMMENT ON COLUMN claims.run_id IS 'The etl_runs.run_id that stored this claim.';

CREATE TABLE etl_runs (
    run_id                VARCHAR PRIMARY KEY,
    started_at            TIMESTAMP NOT NULL,
    finished_at           TIMESTAMP,
    status                VARCHAR NOT NULL,
    db_path               VARCHAR,
    extractor_version     VARCHAR,
    inputs_seen           INTEGER,
    articles_new          INTEGER,
    articles_skipped      INTEGER,
    articles_reextracted  INTEGER,
    articles_failed       INTEGER,
    articles_undated      INTEGER,
    claims_added          INTEGER,
    claims_removed        INTEGER,
    errors                JSON
);

COMMENT ON TABLE etl_runs IS 'One row per `tally etl` run: what it saw, stored and rejected.';
COMMENT ON COLUMN etl_runs.run_id IS 'Run id (UTC start time plus a random suffix); rows it wrote carry it.';
COMMENT ON COLUMN etl_runs.started_at IS 'UTC time the run started.';
COMMENT ON COLUMN etl_runs.finished_at IS 'UTC time the run finished; NULL while running or if the process died.';
COMMENT ON COLUMN etl_runs.status IS 'running, ok (everything stored), partial (some inputs failed, the rest stored) or failed (nothing stored).';
COMMENT ON COLUMN etl_runs.db_path IS 'Warehouse path as the run resolved it.';
COMMENT ON COLUMN etl_runs.extractor_version IS 'Extractor version used by the run.';
COMMENT ON COLUMN etl_runs.inputs_seen IS 'Distinct input files or URLs the run read (or tried to).';
COMMENT ON COLUMN etl_runs.articles_new IS 'Articles stored for the first time.';
COMMENT ON COLUMN etl_runs.articles_skipped IS 'Articles already stored with the current extractor version (or repeated in the batch): left untouched.';
COMMENT ON COLUMN etl_runs.articles_reextracted IS 'Stored articles whose claims were replaced because an older extractor made them.';
COMMENT ON COLUMN etl_runs.articles_failed IS 'Inputs or articles that could not be read or extracted (see errors).';
COMMENT ON COLUMN etl_runs.articles_undated IS 'Articles stored with published = NULL (no date given or inferable).';
COMMENT ON COLUMN etl_runs.claims_added IS 'Claim rows inserted.';
COMMENT ON COLUMN etl_runs.claims_removed IS 'Claim rows deleted (replaced by a newer extractor).';
COMMENT ON COLUMN etl_runs.errors IS 'JSON list of problem messages, each "file:line: message".';
