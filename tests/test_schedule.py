"""Running unattended: bad input never loses data, SIGKILL at any point, two runs at once, beside the dashboard.

Crash and concurrency tests run the ETL in real child processes (tests/etl_child.py, the
fake extractor) over a few hundred small generated articles.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl import extract, pipeline
from etl.cli import app
from tests.conftest import fake_claims
from tests.test_inputs import FIXTURES, _FeedHandler, closed_port_url, feed_server  # noqa: F401 (fixture)
from warehouse import db as wdb
from warehouse import loader

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

ARTICLE_COLUMNS = "article_id, url, title, publisher, published, published_inferred, text, origin, source_id, text_source"
CLAIM_COLUMNS = "claim_id, article_id, metric, value_low, value_best, value_high, as_of, quote, span_start, span_end"


def rows(db_path: Path) -> dict[str, list[tuple]]:
    """Everything a run stores, without the columns that name the run or its time."""
    if not db_path.exists():  # killed before it created the warehouse: nothing stored
        return {"articles": [], "claims": []}
    with wdb.open_db(db_path, read_only=True) as con:
        if not loader.has_table(con, "claims"):  # killed before the first migration committed
            return {"articles": [], "claims": []}
        return {
            "articles": con.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY article_id").fetchall(),
            "claims": con.execute(f"SELECT {CLAIM_COLUMNS} FROM claims ORDER BY claim_id").fetchall(),
        }


def counts(db_path: Path) -> tuple[int, int]:
    with wdb.open_db(db_path, read_only=True) as con:
        a = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        c = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    return a, c


# --- bad input ----------------------------------------------------------------------------

def write_messy_inputs(folder: Path) -> dict[str, Path]:
    """Good articles of every form among every kind of bad input."""
    folder.mkdir(parents=True)
    good = folder / "good.md"
    good.write_text("---\ntitle: Good\npublished: 2022-06-01\n---\nShelling killed 12 people.\n")
    (folder / "lines.jsonl").write_bytes(
        b'{"id": "l1", "text": "First: 4 killed.", "published": "2022-06-02"}\n'
        b'{"id": "l2", "text": "broken\n'
        b'{"id": "l3", "title": "no text here"}\n'
        b'{"id": "l4", "text": "Fourth: 9 wounded.", "published": "2022-06-03"}\n'
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    (folder / "garbled.txt").write_bytes(b"Casualties:\n" + bytes(range(0x80, 0x100)) * 4)
    (folder / "cp1252.txt").write_bytes("Caf\u00e9 hit \u2014 \u201c7 killed\u201d, officials said.".encode("cp1252"))
    (folder / "huge.txt").write_text("Shelling killed 3 people. " * 5000)  # 130 kB, over the test's 100 kB limit
    for name in ("page-with-dates.html", "page-unclosed.html", "feed-rss.xml"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    return {"good": good}


def test_every_kind_of_bad_input_is_reported_and_the_rest_stored(
    tmp_path: Path, db_path: Path, fake_extractor: None, feed_server: str  # noqa: F811
) -> None:
    # Something is stored already: a bad run must not lose it.
    (tmp_path / "before").mkdir()
    (tmp_path / "before" / "old.txt").write_text("Earlier report: 40 killed.")
    assert runner.invoke(app, ["etl", str(tmp_path / "before"), "--db", str(db_path), "-q"]).exit_code == 0
    before = rows(db_path)
    assert counts(db_path) == (1, 1)

    inputs = tmp_path / "in"
    write_messy_inputs(inputs)
    refused = closed_port_url()
    args = [
        "etl", str(inputs), str(tmp_path / "no-such-folder"), refused, f"{feed_server}/slow.xml",
        f"{feed_server}/feed.xml", "--db", str(db_path), "--json", "--max-size", "0.1",
        # slow.xml never answers; 2 s is plenty for the local server's other feeds, even on a loaded machine
        "--feed-timeout", "2", "--feed-attempts", "2", "--feed-backoff", "0.05",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    problems = summary["problems"]
    expect = {
        f"{inputs / 'empty.txt'}: file is empty",
        f"{inputs / 'image.txt'}: binary file, not text",
        f"{inputs / 'garbled.txt'}:2: undecodable text",
        f"{inputs / 'lines.jsonl'}:2: malformed JSON",
        f"{inputs / 'lines.jsonl'}:3: line has no \"text\" string",
        f"{inputs / 'huge.txt'}: file is 127.0 kB"[:-8],  # size wording checked below
        f"{tmp_path / 'no-such-folder'}: no such file or folder",
        f"{refused}: feed could not be fetched after 2 attempt(s): connection refused",
        f"{feed_server}/slow.xml: feed could not be fetched after 2 attempt(s): no complete answer within 2 s",
        f"{inputs / 'feed-rss.xml'}: entry 3 (ew-2022-0604-empty) has neither content nor a summary",
        f"{feed_server}/feed.xml: entry 3 (ew-2022-0604-empty) has neither content nor a summary",
    }
    for start in expect:
        assert any(p.startswith(start) for p in problems), (start, problems)
    assert any(p.startswith(f"{inputs / 'huge.txt'}: file is") and "over the 100.0 kB" not in p and "input limit" in p
               for p in problems)
    assert len(problems) == len(expect) == summary["articles_failed"]
    assert summary["warnings"] == [f"{inputs / 'page-unclosed.html'}: " + summary["warnings"][0].split(": ", 1)[1]]

    # Every good input was stored: md, 2 JSON lines, cp1252 text, 2 pages (one unclosed, same text
    # as the other's first part: a distinct article), 2 feed entries (the URL's are the same articles).
    stored = rows(db_path)
    origins = sorted({Path(a[7]).name if not a[7].startswith("http") else "URL" for a in stored["articles"]})
    assert origins == ["cp1252.txt", "feed-rss.xml", "good.md", "lines.jsonl", "old.txt", "page-unclosed.html",
                       "page-with-dates.html"]
    assert summary["articles_new"] == 8 and summary["articles_skipped"] == 2  # the URL feed repeats the file feed
    assert counts(db_path) == (9, sum(len(fake_claims(a[6], {})) for a in stored["articles"]))
    assert set(before["articles"]) <= set(stored["articles"]) and set(before["claims"]) <= set(stored["claims"])
    text = {a[7].rsplit("/", 1)[-1]: a[6] for a in stored["articles"]}
    assert text["cp1252.txt"] == "Caf\u00e9 hit \u2014 \u201c7 killed\u201d, officials said."
    [(status, errors)] = wdb.connect(db_path, read_only=True).execute(
        "SELECT status, errors FROM etl_runs ORDER BY started_at DESC LIMIT 1").fetchall()
    assert status == "partial" and len(json.loads(errors)) == len(expect) + 1  # problems + the warning

    # A rerun over the same mess stores nothing twice and changes nothing.
    again = json.loads(runner.invoke(app, args).stdout)
    assert again["articles_new"] == 0 and rows(db_path) == stored


def test_extractor_crash_names_file_line_and_id(tmp_path: Path, db_path: Path, fake_extractor: None,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "a", "text": "ok 1"}\n\n{"id": "b7", "url": "https://x/7", "text": "boom 2"}\n')

    def crash_on_boom(text, metadata, **options):
        if "boom" in text:
            raise ValueError("rule exploded")
        return fake_claims(text, metadata)

    monkeypatch.setattr(extract, "extract_claims", crash_on_boom)
    summary = pipeline.run_etl([f], db_path)
    assert [str(p) for p in summary.problems] == [
        f"{f}:3: extractor failed on this article (id b7, url https://x/7): ValueError: rule exploded"
    ]
    assert summary.articles_new == 1 and summary.exit_code == 1


def test_status_on_files_without_runs(tmp_path: Path) -> None:
    bare = tmp_path / "bare.duckdb"
    wdb.connect(bare).close()  # a DuckDB file, but not a Tally warehouse
    result = runner.invoke(app, ["status", "--db", str(bare)])
    assert result.exit_code == 2 and "without Tally's tables" in result.stderr and "Traceback" not in result.output
    fresh = tmp_path / "fresh.duckdb"
    with wdb.open_db(fresh):
        pass  # migrated, no run yet
    result = runner.invoke(app, ["status", "--db", str(fresh)])
    assert result.exit_code == 0 and "no ETL runs yet" in result.stdout


# --- crash safety -------------------------------------------------------------------------

N_FILES, PER_FILE, BATCH = 6, 50, 40  # 300 articles, 8 batches


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for f in range(N_FILES):
        with open(folder / f"part{f}.jsonl", "w", encoding="utf-8") as out:
            for i in range(PER_FILE):
                n = f * PER_FILE + i
                out.write(json.dumps({
                    "id": f"a{n}", "published": f"2022-06-{1 + n % 28:02d}",
                    "text": f"Report {n}: shelling killed {n % 17 + 1} people and wounded {n % 5 + 2} in sector {n}.",
                }) + "\n")
    return folder


def child(db_path: Path, inputs: Path, *extra: str, kill_at: str = "", slow: float = 0.0,
          wait: bool = True, block_until: Path | None = None) -> subprocess.Popen[str] | subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "tests.etl_child"]
    if kill_at:
        argv += ["--kill-at", kill_at]
    if block_until:
        argv += ["--block-until", str(block_until)]
    if slow:
        argv += ["--slow", str(slow)]
    argv += ["--", str(inputs), "--db", str(db_path), "--batch-size", str(BATCH), "--json", *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if wait:
        return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    return subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def clean_rows(many_articles: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    db_path = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    done = child(db_path, many_articles)
    assert done.returncode == 0, done.stderr
    stored = rows(db_path)
    assert len(stored["articles"]) == N_FILES * PER_FILE and len(stored["claims"]) == 4 * N_FILES * PER_FILE
    return stored


def assert_whole_articles(db_path: Path) -> int:
    """Open the warehouse after a kill: every stored article has exactly its claims; returns articles stored."""
    stored = rows(db_path)
    by_article: dict[str, set[str]] = {}
    for claim in stored["claims"]:
        by_article.setdefault(claim[1], set()).add(claim[0])
    for article_id, *_, text, _origin, _sid, _src in [(a[0], a[6], a[7], a[8], a[9]) for a in stored["articles"]]:
        expected = {c.to_row(article_id)["claim_id"] for c in fake_claims(text, {})}
        assert by_article.pop(article_id, set()) == expected, f"article {article_id} is partial"
    assert by_article == {}, "claims without their article"
    if not db_path.exists():
        return 0
    with wdb.open_db(db_path, read_only=True) as con:
        assert not loader.has_table(con, "claims") or all(a.ok for a in wdb.run_audits(con))
    return len(stored["articles"])


@pytest.mark.parametrize(
    ("kill_at", "kept"),
    [
        ("extract:10", 0),  # during extraction of the first batch: nothing committed yet
        ("in-batch:3", 2 * BATCH),  # inside batch 3's transaction (articles in, claims not): batch 3 rolled back
        ("after-commit:5", 5 * BATCH),  # right after batch 5 committed
        ("before-finish", N_FILES * PER_FILE),  # everything stored, run log not closed
    ],
)
def test_sigkill_at_any_point_loses_nothing_committed_and_keeps_articles_whole(
    many_articles: Path, clean_rows: dict, tmp_path: Path, kill_at: str, kept: int
) -> None:
    db_path = tmp_path / "wh.duckdb"
    killed = child(db_path, many_articles, kill_at=kill_at)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert assert_whole_articles(db_path) == kept

    recovered = child(db_path, many_articles)
    assert recovered.returncode == 0, recovered.stderr
    summary = json.loads(recovered.stdout)
    assert summary["articles_new"] == N_FILES * PER_FILE - kept and summary["articles_skipped"] == kept
    assert len(summary["interrupted_runs"]) == 1
    assert rows(db_path) == clean_rows
    statuses = [r["status"] for r in pipeline.run_history(db_path)]
    assert statuses == ["ok", "interrupted"]


def stored_articles(db_path: Path) -> int:
    """Articles committed so far, read while an ETL may be writing (0 before the warehouse exists)."""
    try:
        with wdb.open_db(db_path, read_only=True, timeout_s=30) as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except Exception:  # not created yet, or its first migration not committed yet
        return 0


def wait_until(condition, proc: subprocess.Popen[str]) -> None:
    """Poll `condition` until it holds or the child has ended (no deadline but the child's own)."""
    while not condition() and proc.poll() is None:
        time.sleep(0.02)


def test_sigkill_from_outside_at_random_moments(many_articles: Path, clean_rows: dict, tmp_path: Path) -> None:
    """Kills at moments chosen by what the run has done, not by the clock (a loaded machine is slow):
    one at a random moment of the start-up (the warehouse may not exist yet), one at a random moment
    after some batch has been committed."""
    import random

    db_path = tmp_path / "wh.duckdb"
    rng = random.Random(9)
    seen = []
    for after_batches in (0, 1 + rng.randrange(N_FILES * PER_FILE // BATCH - 2)):
        proc = child(db_path, many_articles, slow=0.01, wait=False)
        wait_until(lambda: stored_articles(db_path) >= after_batches * BATCH + (seen[-1] if seen else 0), proc)
        time.sleep(rng.uniform(0, 0.3))  # anywhere in what follows: every moment must be safe
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=120)
        seen.append(assert_whole_articles(db_path))
    done = child(db_path, many_articles)
    assert done.returncode == 0, done.stderr
    assert rows(db_path) == clean_rows
    assert seen == sorted(seen)  # each kill kept at least what the one before had committed


# --- two runs, and the dashboard ----------------------------------------------------------

def test_two_runs_at_once_serialise_without_duplicates(many_articles: Path, clean_rows: dict, tmp_path: Path) -> None:
    db_path = tmp_path / "wh.duckdb"
    first = child(db_path, many_articles, slow=0.005, wait=False)
    second = child(db_path, many_articles, slow=0.005, wait=False)
    outs = [p.communicate(timeout=120) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outs
    summaries = sorted((json.loads(out) for out, _ in outs), key=lambda s: s["started_at"])
    assert [s["articles_new"] for s in summaries] == [N_FILES * PER_FILE, 0]
    assert summaries[1]["articles_skipped"] == N_FILES * PER_FILE
    assert rows(db_path) == clean_rows


def test_second_run_gives_up_after_wait_with_a_clear_message(many_articles: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "wh.duckdb"
    go = tmp_path / "go"
    first = child(db_path, many_articles, wait=False, block_until=go)  # holds the lock until `go` exists
    wait_until(lambda: running_runs(db_path) > 0, first)  # it logs its run under the lock
    try:
        second = child(db_path, many_articles, "--wait", "0.5")
    finally:
        go.touch()
    first.communicate(timeout=120)
    assert first.returncode == 0
    assert second.returncode == 2 and "another `tally etl` is running on this warehouse" in second.stderr
    assert "Traceback" not in second.stderr


def running_runs(db_path: Path) -> int:
    try:
        with wdb.open_db(db_path, read_only=True, timeout_s=30) as con:
            return con.execute("SELECT count(*) FROM etl_runs WHERE status = 'running'").fetchone()[0]
    except Exception:  # not created yet
        return 0


def test_a_symlink_to_the_warehouse_shares_its_lock(many_articles: Path, clean_rows: dict, tmp_path: Path) -> None:
    """Two runs on one warehouse, one through a symlink: the second waits for the first (before, the
    lock was keyed on the path string, both ran at once and one died on duplicate keys)."""
    real = tmp_path / "real" / "wh.duckdb"
    real.parent.mkdir()
    link = tmp_path / "link.duckdb"
    link.symlink_to(real)
    assert pipeline.etl_lock_path(link) == pipeline.etl_lock_path(real)
    go = tmp_path / "go"
    first = child(real, many_articles, wait=False, block_until=go)  # holds the lock until `go` exists
    wait_until(lambda: running_runs(real) > 0, first)  # it logs its run under the lock
    try:
        busy = child(link, many_articles, "--wait", "0")
        second = child(link, many_articles, wait=False)  # waits for the first, then finds everything stored
    finally:
        go.touch()
    assert busy.returncode == 2 and "another `tally etl` is running" in busy.stderr, busy.stderr
    outs = [p.communicate(timeout=120) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outs
    assert json.loads(outs[1][0])["articles_skipped"] == N_FILES * PER_FILE
    assert rows(real) == clean_rows


VIEWER = """
import sys, time, json
from warehouse import db
from pathlib import Path
path, stop = sys.argv[1], Path(sys.argv[2])
seen, errors, end = [], [], time.monotonic() + 120
# until the test says the final count (in the stop file) and a read has seen it
while time.monotonic() < end and not (stop.exists() and seen and str(seen[-1]) == stop.read_text()):
    try:
        con = db.connect(path, read_only=True, timeout_s=30)  # as dashboard/data.py does: one per query
        try:
            seen.append(con.execute("SELECT count(*) FROM claim_facts").fetchone()[0])
        finally:
            con.close()
    except Exception as exc:
        if "no Tally warehouse" not in str(exc) and "claim_facts" not in str(exc):
            errors.append(repr(exc))
    time.sleep(0.02)
print(json.dumps({"seen": seen, "errors": errors}))
"""


def test_etl_succeeds_while_the_dashboard_reads(many_articles: Path, clean_rows: dict, tmp_path: Path) -> None:
    db_path = tmp_path / "wh.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    stop = tmp_path / "stop"
    viewer = subprocess.Popen([sys.executable, "-c", VIEWER, str(db_path), str(stop)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = child(db_path, many_articles, slow=0.005)
    stop.write_text(str(len(clean_rows["claims"])))  # the viewer stops once it has read the final count
    out, err = viewer.communicate(timeout=180)
    assert done.returncode == 0, done.stderr
    report = json.loads(out)
    assert report["errors"] == [], report["errors"]
    assert report["seen"] == sorted(report["seen"])  # reads went on beside the run; counts only grew
    assert report["seen"][-1] == len(clean_rows["claims"])  # and it sees the new data
    assert rows(db_path) == clean_rows


@pytest.mark.skipif(not (ROOT / "dashboard" / "app.py").exists(), reason="no dashboard yet")
def test_real_dashboard_server_stays_up_and_etl_runs_beside_it(many_articles: Path, tmp_path: Path) -> None:
    import socket
    import urllib.request

    db_path = tmp_path / "wh.duckdb"
    assert child(db_path, many_articles, "--batch-size", "100").returncode == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tally = Path(sys.executable).parent / "tally"
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    server = subprocess.Popen([str(tally), "dashboard", "--db", str(db_path), "--port", str(port)],
                              cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"dashboard did not start: {server.stderr.read() if server.poll() is not None else ''}")
                time.sleep(0.3)
        more = tmp_path / "more.jsonl"
        more.write_text(json.dumps({"text": "Late report: 98765 killed.", "published": "2022-07-01"}) + "\n")
        done = child(db_path, more)
        assert done.returncode == 0, done.stderr
        assert server.poll() is None  # the dashboard is still serving
        with wdb.open_db(db_path, read_only=True) as con:
            assert con.execute("SELECT count(*) FROM claim_facts WHERE value_best = 98765").fetchone() == (1,)
    finally:
        server.terminate()
        server.wait(timeout=20)
