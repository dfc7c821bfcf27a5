"""`tally sql`: the venv's DuckDB shell opens the file the Python package wrote."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl import launch
from etl.cli import app

TALLY = Path(sys.executable).parent / "tally"


def run_sql(db_path: Path, sql: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TALLY), "sql", "--db", str(db_path), *extra], input=sql, capture_output=True, text=True, timeout=60
    )


def test_duckdb_shell_is_the_venvs() -> None:
    assert launch.duckdb_executable() == str(Path(sys.executable).parent / "duckdb")


@pytest.mark.usefixtures("fake_extractor")
def test_tally_sql_counts_articles_written_by_the_etl(corpus: Path, db_path: Path) -> None:
    result = CliRunner().invoke(app, ["etl", str(corpus), "--db", str(db_path), "--quiet"])
    assert result.exit_code == 0, result.output

    counted = subprocess.run(
        f'echo "SELECT count(*) FROM articles;" | {shlex.quote(str(TALLY))} sql --db {shlex.quote(str(db_path))}',
        shell=True, capture_output=True, text=True, timeout=60,
    )
    assert counted.returncode == 0, counted.stderr
    assert re.search(r"│\s*5\s*│", counted.stdout), counted.stdout

    csv = run_sql(db_path, ".mode csv\nSELECT count(*) AS n FROM claim_facts;\n")
    assert csv.stdout.split() == ["n", "6"]  # one fake claim per number in the corpus


@pytest.mark.usefixtures("fake_extractor")
def test_tally_sql_is_read_only_by_default(corpus: Path, db_path: Path) -> None:
    CliRunner().invoke(app, ["etl", str(corpus), "--db", str(db_path), "--quiet"])
    denied = run_sql(db_path, "DELETE FROM articles;\n")
    assert denied.returncode != 0 and "read-only" in (denied.stdout + denied.stderr).lower()


def test_tally_sql_on_a_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    result = run_sql(tmp_path / "none.duckdb", "SELECT 1;\n")
    assert result.returncode == 2 and "no Tally warehouse" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()


@pytest.mark.usefixtures("fake_extractor")
def test_claims_known_on_a_date_in_the_shell(corpus: Path, db_path: Path) -> None:
    CliRunner().invoke(app, ["etl", str(corpus), "--db", str(db_path), "--quiet"])
    # published 2022-06-01, 06-02, 06-03, inferred 06-15, and one undated (known from its ingestion, today)
    sql = ".mode csv\nSELECT count(*) AS n FROM claims_known_on(DATE '2022-06-01');\n"
    assert run_sql(db_path, sql).stdout.split() == ["n", "2"]  # "killed 12 ... wounded 30"
    later = run_sql(db_path, ".mode csv\nSELECT count(*) AS n FROM claims_known_on('2022-06-15');\n")
    assert later.stdout.split() == ["n", "5"]
    everything = run_sql(db_path, ".mode csv\nSELECT count(*) AS n FROM claims_known_on(current_date);\n")
    assert everything.stdout.split() == ["n", "6"], everything.stderr
