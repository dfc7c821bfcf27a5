"""docs/queries.md: every query in it runs on the warehouse the examples build, and returns rows."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse.db import connect

DOC = Path(__file__).resolve().parent.parent / "docs" / "queries.md"
QUERIES = re.findall(r"^```sql\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.S | re.M)
TITLES = re.findall(r"^## (\d+\. .+)$", DOC.read_text(encoding="utf-8"), re.M)


def test_the_doc_has_ten_questions_each_with_its_query() -> None:
    assert len(TITLES) == 10 and len(QUERIES) == 10


@pytest.mark.parametrize("title,sql", list(zip(TITLES, QUERIES)), ids=[t.split(".")[0] for t in TITLES])
def test_every_query_returns_rows_on_the_examples(examples_warehouse: Path, title: str, sql: str) -> None:
    con = connect(examples_warehouse, read_only=True)
    try:
        rows = con.execute(sql).fetchall()
    finally:
        con.close()
    assert rows, f"{title}: no rows on the examples"


def test_the_queries_run_in_the_pinned_shell(examples_warehouse: Path) -> None:
    """`tally sql` (the duckdb-cli the project pins) runs them too, as the doc says."""
    script = ".bail on\n.mode csv\n" + "\n".join(QUERIES)
    result = subprocess.run([str(Path(sys.executable).parent / "tally"), "sql", "--db", str(examples_warehouse)],
                            input=script, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "Error" not in result.stderr, result.stderr
