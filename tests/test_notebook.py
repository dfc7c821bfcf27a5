"""notebooks/explore_warehouse.ipynb runs top to bottom under nbclient, from notebooks/ and from
the repository root, on the warehouse the project resolves ($TALLY_DB, else its own file)."""
from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore_warehouse.ipynb"
PLOTLY = "application/vnd.plotly.v1+json"


def run_notebook(path: Path, cwd: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def check(nb: nbformat.NotebookNode, db: Path) -> None:
    found = outputs(nb)
    assert not [o for o in found if o.output_type == "error"]
    assert f"warehouse: {db}" in "".join(o.get("text", "") for o in found if o.output_type == "stream")
    charts = [o for o in found if PLOTLY in o.get("data", {})]
    assert len(charts) == 2  # the spread between sources, the running totals against their dailies
    titles = [o["data"][PLOTLY]["layout"]["title"]["text"] for o in charts]
    assert titles[0].startswith("Spread between sources: metric killed")
    assert titles[1] == "Running totals against their summed dailies"
    tables = "".join(o.get("data", {}).get("text/html", "") for o in found)
    assert "ranges_apart" in tables and "first_total_plus_dailies" in tables


def test_notebook_runs_from_notebooks_on_the_projects_warehouse(
    examples_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started in notebooks/ with no TALLY_DB, it finds <project>/warehouse/tally.duckdb (a copy of
    the project's layout, so the test never touches the checkout's own warehouse)."""
    monkeypatch.delenv("TALLY_DB", raising=False)
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    (project / "warehouse").mkdir()
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    shutil.copy(NOTEBOOK, project / "notebooks" / NOTEBOOK.name)
    db = project / "warehouse" / "tally.duckdb"
    shutil.copy(examples_warehouse, db)
    check(run_notebook(project / "notebooks" / NOTEBOOK.name, project / "notebooks"), db)


def test_notebook_runs_from_the_root_with_tally_db(examples_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TALLY_DB", str(examples_warehouse))
    check(run_notebook(NOTEBOOK, ROOT), examples_warehouse)


def test_the_notebook_is_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert not outputs(nb)
