"""The warehouse: migrations, contract columns and comments, views, audits, locking."""
from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest

from etl.errors import WarehouseLockedError, WarehouseMissingError
from etl.models import Claim
from warehouse import db as wdb
from warehouse import loader

# The contract tables of ../shared/SPEC.md: column -> type.
CONTRACT = {
    "articles": {
        "article_id": "VARCHAR", "url": "VARCHAR", "title": "VARCHAR", "publisher": "VARCHAR",
        "published": "DATE", "published_inferred": "BOOLEAN", "text": "VARCHAR", "origin": "VARCHAR",
        "ingested_at": "TIMESTAMP",
    },
    "claims": {
        "claim_id": "VARCHAR", "article_id": "VARCHAR", "metric": "VARCHAR", "category": "VARCHAR",
        "party": "VARCHAR", "value_low": "DOUBLE", "value_best": "DOUBLE", "value_high": "DOUBLE",
        "unit": "VARCHAR", "qualifier": "VARCHAR", "rate": "VARCHAR", "period_start": "DATE",
        "as_of": "DATE", "source": "VARCHAR", "location": "VARCHAR", "quote": "VARCHAR",
        "span_start": "INTEGER", "span_end": "INTEGER",
    },
}


@pytest.fixture
def con(db_path: Path):
    with wdb.open_db(db_path) as con:
        yield con


def test_migrations_apply_once_and_are_recorded(db_path: Path) -> None:
    names = [p.stem for p in wdb.migration_files()]
    assert names and names[0] == "0001_init"
    raw = wdb.connect(db_path)
    try:
        assert wdb.pending_migrations(raw) == names
        assert wdb.migrate(raw) == names
        assert wdb.migrate(raw) == []
        assert wdb.pending_migrations(raw) == []
        rows = raw.execute("SELECT name, applied_at FROM schema_migrations ORDER BY name").fetchall()
    finally:
        raw.close()
    assert [r[0] for r in rows] == names and all(r[1] is not None for r in rows)
    with wdb.open_db(db_path) as con:  # reopening applies nothing again
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone() == (len(names),)


def test_contract_columns_and_types(con) -> None:
    for table, columns in CONTRACT.items():
        actual = loader.table_columns(con, table)
        for name, dtype in columns.items():
            assert actual.get(name) == dtype, f"{table}.{name}"
    pk = con.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    assert ("articles", ["article_id"]) in pk and ("claims", ["claim_id"]) in pk
    assert {"rule", "extractor_version", "run_id"} <= set(loader.table_columns(con, "claims"))
    assert "run_id" in loader.table_columns(con, "articles")


def test_every_table_and_column_has_a_comment(con) -> None:
    tables = dict(con.execute("SELECT table_name, comment FROM duckdb_tables()").fetchall())
    assert {"articles", "claims", "etl_runs", "sources", "article_signatures", "article_signature_bands"} <= set(tables)
    assert all(tables.values()), tables
    missing = con.execute(
        "SELECT c.table_name || '.' || c.column_name FROM duckdb_columns() AS c JOIN duckdb_tables() USING (table_name)"
        " WHERE c.table_name <> 'schema_migrations' AND coalesce(trim(c.comment), '') = ''"
    ).fetchall()
    assert missing == []


def test_every_claim_field_has_a_column(con) -> None:
    claim = Claim("killed", 1, 1, 1, "people", "exact", 0, 1, "1")
    assert set(claim.to_row("a")) <= set(loader.table_columns(con, "claims"))
    assert {f.name for f in dataclasses.fields(Claim)} - {"explanation"} <= set(loader.table_columns(con, "claims"))


def test_views_exist_with_header_comments(con) -> None:
    for path in sorted(wdb.VIEWS_DIR.glob("*.sql")):
        sql = path.read_text()
        assert sql.startswith(f"-- {path.stem}:") and "Grain:" in sql
        assert f"CREATE OR REPLACE VIEW {path.stem}" in sql
        con.execute(f"SELECT * FROM {path.stem}").fetchall()
    comments = dict(con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
    assert {"series", "figures", "claim_facts"} <= set(comments) and all(comments.values()), comments


def test_macros_exist_with_header_comments(con) -> None:
    paths = wdb.macro_files()
    assert {"claims_known_on", "figures_of", "figure_points", "running_total_checks",
            "dataset_events_at", "known_by", "in_languages"} <= {p.stem for p in paths}
    for path in paths:
        sql = path.read_text()
        assert sql.startswith(f"-- {path.stem}:") and "Grain:" in sql and f"CREATE OR REPLACE MACRO {path.stem}" in sql
        comments = con.execute("SELECT DISTINCT comment FROM duckdb_functions() WHERE function_name = ?",
                               [path.stem]).fetchall()
        assert comments and all(c for (c,) in comments), path.stem
    assert con.execute("SELECT * FROM claims_known_on(DATE '2022-06-01')").fetchall() == []


def test_series_and_figures_count_figures_not_copies(con) -> None:
    now = wdb.utc_now()
    loader.insert_rows(con, "articles", [
        {"article_id": "orig", "text": "12 killed", "ingested_at": now, "published": dt.date(2022, 6, 1)},
        {"article_id": "copy", "text": "12 killed.", "ingested_at": now, "duplicate_of": "orig"},
        {"article_id": "later", "text": "12 killed!", "ingested_at": now, "published": dt.date(2022, 6, 9)},
    ])
    loader.insert_rows(con, "sources", [
        {"source_id": "kyiv", "name": "Kyiv", "kind": "government", "side": "Ukraine"},
        {"source_id": "paper", "name": "Paper", "kind": "media", "side": None}])
    loader.insert_rows(con, "claims", [
        _claim_row("orig", "c1", figure_id="f1"),
        _claim_row("copy", "c2", figure_id="f1", source="Paper", source_id="paper"),
        _claim_row("later", "c3", figure_id="f2", as_of=dt.date(2022, 6, 9)),
    ])
    assert con.execute("SELECT figure_id, mentions, articles, reports, copies, sources, source_id FROM figures"
                       " ORDER BY 1").fetchall() == [("f1", 3 - 1, 2, 1, 1, 2, "ua-government"),
                                                     ("f2", 1, 1, 1, 0, 1, "ua-government")]
    assert con.execute("SELECT figures, sources, mentions FROM series").fetchall() == [(2, 1, 3)]
    facts = con.execute("SELECT claim_id, source_name, source_kind, source_side, duplicate_of, is_copy"
                        " FROM claim_facts ORDER BY 1").fetchall()
    assert facts[1] == ("c2", "Paper", "media", None, "orig", True)


def _claim_row(article_id: str, claim_id: str, **over) -> dict:
    row = {"claim_id": claim_id, "article_id": article_id, "metric": "killed", "value_low": 1.0,
           "value_best": 2.0, "value_high": 3.0, "span_start": 0, "span_end": 2, "quote": "x",
           "source": "Kyiv", "source_id": "ua-government", "figure_key": "k", "figure_id": "f"}
    return row | over


def test_audits_find_each_kind_of_bad_row(con) -> None:
    assert all(a.ok for a in wdb.run_audits(con))
    now = wdb.utc_now()
    loader.insert_rows(con, "articles", [
        {"article_id": "good", "text": "12 killed", "ingested_at": now},
        {"article_id": "blank", "text": "  ", "ingested_at": now},
        {"article_id": "copy", "text": "12 killed.", "ingested_at": now, "duplicate_of": "good"},
        {"article_id": "self", "text": "12 killed!", "ingested_at": now, "duplicate_of": "self"},
        {"article_id": "lost", "text": "12 killed?", "ingested_at": now, "duplicate_of": "gone"},
        {"article_id": "chain", "text": "12 killed;", "ingested_at": now, "duplicate_of": "copy"},
    ])
    loader.insert_rows(con, "sources", [{"source_id": "ua-government", "name": "Government of Ukraine",
                                         "kind": "government", "side": "Ukraine"}])
    loader.insert_rows(con, "claims", [
        _claim_row("good", "ok"),
        _claim_row("good", "bounds", value_low=5.0),
        _claim_row("good", "span", span_end=99),
        _claim_row("gone", "orphan"),
        _claim_row("good", "open", value_low=None, value_high=None),
        _claim_row("good", "unsourced", source_id=None),
        _claim_row("good", "unknown-source", source_id="nobody"),
        _claim_row("good", "unattributed", source=None, source_id=None),
        _claim_row("good", "unnumbered", figure_id=None),
    ])
    found = {a.name: {next(iter(r.values())) for r in a.rows} for a in wdb.run_audits(con)}
    assert found == {
        "article_duplicate_of_broken": {"self", "lost", "chain"},
        "article_empty_text": {"blank"},
        "claim_bounds_out_of_order": {"bounds"},
        "claim_source_unresolved": {"unsourced", "unknown-source"},
        "claim_span_outside_text": {"span"},
        "claim_without_figure_id": {"unnumbered"},
        "claims_without_article": {"orphan"},
    }
    assert all(a.description for a in wdb.run_audits(con))


def test_transaction_rolls_back_on_error(con) -> None:
    with pytest.raises(RuntimeError):
        with wdb.transaction(con):
            loader.insert_rows(con, "articles", [{"article_id": "x", "text": "t", "ingested_at": wdb.utc_now()}])
            raise RuntimeError("mid-batch")
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_db_path_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(wdb.DB_ENV_VAR, raising=False)
    assert wdb.resolve_db_path(None) == Path("warehouse/tally.duckdb")
    monkeypatch.setenv(wdb.DB_ENV_VAR, "/data/env.duckdb")
    assert wdb.resolve_db_path(None) == Path("/data/env.duckdb")
    assert wdb.resolve_db_path("cli.duckdb") == Path("cli.duckdb")


def test_connect_sets_utc(db_path: Path) -> None:
    con = wdb.connect(db_path)
    try:
        assert con.execute("SELECT current_setting('TimeZone')").fetchone() == ("UTC",)
    finally:
        con.close()


def test_connections_draw_no_progress_bar_on_stdout(db_path: Path) -> None:
    # DuckDB's own bar goes to stdout on slow queries, into `tally etl --json`'s output. It is on by
    # default in a plain process writing to a pipe (not under pytest's capture): ask one.
    wdb.connect(db_path).close()
    script = ("import sys; from warehouse import db\n"
              "for read_only in (False, True):\n"
              "    con = db.connect(sys.argv[1], read_only=read_only)\n"
              "    print(con.execute(\"SELECT current_setting('enable_progress_bar')\").fetchone()[0])\n"
              "    con.close()\n")
    shown = subprocess.run([sys.executable, "-c", script, str(db_path)], capture_output=True, text=True,
                           check=True, cwd=Path(__file__).resolve().parents[1])
    assert shown.stdout.split() == ["False", "False"]


def test_read_only_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WarehouseMissingError, match="tally etl"):
        wdb.connect(tmp_path / "nope.duckdb", read_only=True)


HOLDER = (
    "import sys; from warehouse.db import connect; "
    "c = connect(sys.argv[1]); print('held', flush=True); sys.stdin.read(); c.close()"
)


def test_connect_waits_for_another_process_lock(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The holder lets go when told (not after a sleep), and the waiting connect is seen retrying
    before that: nothing depends on how fast the machine is."""
    import threading

    wdb.connect(db_path).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    retried = threading.Event()
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:  # connect() sleeps only between failed tries
        retried.set()
        real_sleep(seconds)

    monkeypatch.setattr(wdb.time, "sleep", sleep)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(WarehouseLockedError, match="in use by another process"):
            wdb.connect(db_path, read_only=True, timeout_s=0.2)
        retried.clear()
        opened: list[object] = []
        waiter = threading.Thread(target=lambda: opened.append(wdb.connect(db_path, read_only=True, timeout_s=120)))
        waiter.start()
        assert retried.wait(60) and not opened  # it tried, found the lock held, and waits
        holder.stdin.close()  # let go
        waiter.join(120)
        assert len(opened) == 1  # it got in once the holder had let go
        opened[0].close()
    finally:
        if holder.stdin and not holder.stdin.closed:
            holder.stdin.close()
        holder.wait(timeout=15)


def test_later_migrations_upgrade_a_warehouse_made_by_0001(db_path: Path) -> None:
    raw = wdb.connect(db_path)
    try:
        wdb._ensure_migrations_table(raw)
        raw.execute((wdb.MIGRATIONS_DIR / "0001_init.sql").read_text())
        raw.execute("INSERT INTO schema_migrations VALUES ('0001_init', now())")
        # the views of that time (today's read columns later migrations add, such as articles.language)
        raw.execute("CREATE VIEW claim_facts AS SELECT c.*, a.url FROM claims AS c JOIN articles AS a USING (article_id)")
        raw.execute("INSERT INTO articles (article_id, text, ingested_at) VALUES ('old', '12 killed', now())")
        applied = wdb.migrate(raw)
        assert applied == [p.stem for p in wdb.migration_files()][1:]
        assert raw.execute("SELECT article_id, source_id, text_source FROM articles").fetchall() == [("old", None, None)]
        assert {"source_id", "text_source", "language"} <= set(loader.table_columns(raw, "articles"))
        assert "article_language" in loader.table_columns(raw, "claim_facts")
        assert "batches_committed" in loader.table_columns(raw, "etl_runs")
    finally:
        raw.close()
