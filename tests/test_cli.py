"""The `tally` CLI: help with examples, exit codes, clean errors, output formats."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from etl import launch
from etl.cli import app
from warehouse import db as wdb

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_contract_commands_exist() -> None:
    assert {"etl", "extract", "dashboard", "sql", "status"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output and f"tally {command}" in result.output


@pytest.mark.usefixtures("fake_extractor")
def test_etl_exit_codes_and_summary(corpus: Path, db_path: Path) -> None:
    ok = runner.invoke(app, ["etl", str(corpus), "--db", str(db_path)])
    assert ok.exit_code == 0, ok.output
    assert "5 new article(s)" in ok.stdout and "no publication date" in ok.stdout

    (corpus / "bad.jsonl").write_text("{oops\n")
    partial = runner.invoke(app, ["etl", str(corpus), "--db", str(db_path), "--json"])
    assert partial.exit_code == 1
    summary = json.loads(partial.stdout)
    assert summary["articles_skipped"] == 5 and summary["status"] == "partial"
    assert f"{corpus / 'bad.jsonl'}:1: malformed JSON" in partial.stderr

    quiet = runner.invoke(app, ["etl", str(corpus), "--db", str(db_path), "--quiet"])
    assert quiet.exit_code == 1 and quiet.stdout == "" and "malformed JSON" in quiet.stderr


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["etl"]).exit_code == 2
    assert runner.invoke(app, ["etl", "x", "--no-such-option"]).exit_code == 2
    assert runner.invoke(app, ["status", "--limit", "many"]).exit_code == 2


@pytest.mark.usefixtures("fake_extractor")
def test_db_from_env(monkeypatch: pytest.MonkeyPatch, corpus: Path, db_path: Path) -> None:
    monkeypatch.setenv(wdb.DB_ENV_VAR, str(db_path))
    assert runner.invoke(app, ["etl", str(corpus), "-q"]).exit_code == 0
    assert db_path.exists()


def test_errors_are_clean_messages_not_tracebacks(tmp_path: Path) -> None:
    result = runner.invoke(app, ["status", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "no Tally warehouse at" in result.stderr and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)

    not_a_db = tmp_path / "notes.duckdb"
    not_a_db.write_text("hello")
    result = runner.invoke(app, ["etl", str(tmp_path), "--db", str(not_a_db)])
    assert result.exit_code == 2 and "cannot open the warehouse" in result.stderr
    assert isinstance(result.exception, SystemExit)


@pytest.mark.usefixtures("fake_extractor")
def test_status_lists_runs(corpus: Path, db_path: Path) -> None:
    runner.invoke(app, ["etl", str(corpus), "--db", str(db_path), "-q"])
    table = runner.invoke(app, ["status", "--db", str(db_path)])
    assert table.exit_code == 0 and "ok" in table.stdout
    [run] = [json.loads(line) for line in runner.invoke(app, ["status", "--db", str(db_path), "--json"]).stdout.splitlines()]
    assert run["status"] == "ok" and run["articles_new"] == 5


@pytest.mark.usefixtures("fake_extractor")
def test_extract_prints_json_lines(corpus: Path) -> None:
    result = runner.invoke(app, ["extract", str(corpus / "a.md")])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["value_best"] for r in rows] == [12.0, 30.0]
    assert rows[0]["as_of"] == "2022-06-01" and rows[0]["metric"] == "killed"
    bad = runner.invoke(app, ["extract", str(corpus / "nope.txt")])
    assert bad.exit_code == 1 and "no such file" in bad.stderr


def test_dashboard_command_passes_db_and_port(db_path: Path) -> None:
    cmd = launch.dashboard_command(db_path, 8600)
    assert cmd.argv[:5] == [sys.executable, "-m", "streamlit", "run", str(launch.DASHBOARD_APP)]
    assert cmd.argv[5:] == [
        "--server.port", "8600", "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--browser.serverAddress", "localhost", "--client.toolbarMode", "viewer",
        "--server.fileWatcherType", "none", "--server.runOnSave", "false",
        "--", "--db", str(db_path),
    ]
    assert cmd.env == {wdb.DB_ENV_VAR: str(db_path)}


def test_extract_explain_shows_words_rule_and_reasons_per_figure():
    seed = Path(__file__).resolve().parent.parent / "examples" / "reuters-2022-06-severodonetsk.txt"
    result = runner.invoke(app, ["extract", "--explain", str(seed)])
    assert result.exit_code == 0, result.output
    blocks = [b for b in result.output.strip().split("\n\n") if b.strip()]
    assert len(blocks) == 7
    killed = next(b for b in blocks if b.startswith("killed"))
    assert "rule " in killed and "quote: Kyiv said between 100 and 200" in killed
    assert "'between 100 and 200' read as range" in killed
    assert "per_day" in killed and "'Kyiv' (speech)" in killed


def test_extract_explain_says_why_a_scope_was_chosen():
    seed = Path(__file__).resolve().parent.parent / "examples" / "reuters-2022-06-severodonetsk.txt"
    result = runner.invoke(app, ["extract", "--explain", str(seed)])
    assert result.exit_code == 0, result.output
    blocks = {b.split()[0]: b for b in result.output.strip().split("\n\n") if b.strip()}
    scope_line = {metric: next(line for line in block.splitlines() if line.strip().startswith("scope"))
                  for metric, block in blocks.items()}
    assert "cumulative" in scope_line["aid"] and "'since' (a running total)" in scope_line["aid"]
    assert "incident" in scope_line["strikes"] and "'launched'" in scope_line["strikes"]
    assert "stock" in scope_line["population"] and "rate: per_day" in scope_line["killed"]


REAL_STYLE = """---
published: 2025-06-11
publisher: Tally tests
---
Russian strike kills five in Kharkiv

KHARKIV (Reuters) - A Russian strike killed five people in Kharkiv on Tuesday, including two children, the governor said. A man was shot dead in Kupiansk. Russia launched 48 drones overnight. The death toll rose to 23 from 17 a day earlier. Norway pledged $100 million and Japan $50 million. The toll has surpassed 2,000.
"""


def test_extract_explain_names_the_rules_for_real_reporting(tmp_path):
    """Each rule added for real reporting is named in `--explain`: the headline repeat, the subset, the count
    nobody wrote, weapons as strikes, the earlier figure of a change, the listed donor, the threshold verb."""
    article = tmp_path / "real.txt"
    article.write_text(REAL_STYLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", "--explain", str(article)])
    assert result.exit_code == 0, result.output
    blocks = [b for b in result.output.strip().split("\n\n") if b.strip()]
    assert len(blocks) == 9, result.output  # the headline's "five" is one figure with the lead's
    text = "\n".join(blocks)
    assert "also told in the headline ('five')" in blocks[0]
    for rule in ("subset/number_words", "trigger_after/implicit_count", "weapon_launched/number",
                 "change_baseline/number", "listed_amount/number", "number+past_threshold"):
        assert f"/{rule}" in text or f"rule {rule}" in text, rule
    assert "'A man' read as exact (a count nobody wrote as a number: implicit_count)" in text
    assert "'a day earlier' after the earlier figure of a change" in text
    assert "the donor written before the amount in a list" in text
    assert "read as more_than (a verb that passes a threshold" in text
