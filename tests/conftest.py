"""Shared fixtures: a small article corpus and a fake extractor.

The real extractor is developed separately; tests of the warehouse, readers, pipeline
and CLI must not depend on which claims it returns, so `fake_extractor` replaces it
with a deterministic one (one `killed` claim per number written in digits).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from etl import extract
from etl.models import Claim

INFERRED_DATE = date(2022, 6, 15)


def fake_claims(text: str, metadata: Mapping[str, Any], **options: Any) -> list[Claim]:
    """One exact `killed` claim per run of digits in the text, dated by the metadata."""
    claims = []
    for m in re.finditer(r"\d+", text):
        n = float(m.group())
        claims.append(
            Claim(
                metric="killed", value_low=n, value_best=n, value_high=n, unit="people",
                qualifier="exact", span_start=m.start(), span_end=m.end(), quote=text,
                as_of=metadata.get("published"), source=metadata.get("publisher"), rule="fake.digits",
                explanation={"rule": "digits"},
            )
        )
    return claims


def fake_infer_date(text: str) -> date | None:
    """Infers a date only for texts that name a weekday, like the real one's wire leads."""
    return INFERRED_DATE if "Wednesday" in text else None


@pytest.fixture
def fake_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the extractor (claims and date inference) with deterministic fakes."""
    monkeypatch.setattr(extract, "extract_claims", fake_claims)
    monkeypatch.setattr(extract, "infer_publication_date", fake_infer_date)
    monkeypatch.setattr(extract, "EXTRACTOR_VERSION", "test-1")


def write_corpus(folder: Path) -> Path:
    """A folder of five articles in every supported form (4 dated or inferable, 1 undated)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.md").write_text(
        "---\ntitle: Shelling in the east\nurl: https://example.org/a\npublisher: Wire\n"
        "published: 2022-06-01\n---\nShelling killed 12 people and wounded 30.\n",
        encoding="utf-8",
    )
    (folder / "b.jsonl").write_text(
        '{"id": "b1", "text": "At least 7 civilians died.", "published": "2022-06-02T08:00:00Z"}\n'
        '{"id": "b2", "text": "Officials said 4 soldiers were captured.", "published": "2022-06-03"}\n',
        encoding="utf-8",
    )
    (folder / "c.txt").write_text("Early on Wednesday 3 people were killed.\n", encoding="utf-8")
    (folder / "d.txt").write_text("No date anywhere in 2 sentences.\n", encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A fresh copy of the small corpus (see `write_corpus`)."""
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A warehouse path in a fresh temporary folder (not created yet)."""
    return tmp_path / "wh" / "tally.duckdb"


ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DATASETS = {
    "ucdp-ged": ROOT / "examples" / "datasets" / "ucdp-ged-example.csv",
    "acled": ROOT / "examples" / "datasets" / "acled-example.csv",
}


@pytest.fixture(scope="session")
def examples_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built once per session by the real ETL on examples/ and `tally import` of the
    example dataset files: what the README, docs/queries.md and the notebook work on. Read it only."""
    from etl.datasets.importer import run_import
    from etl.pipeline import run_etl

    db = tmp_path_factory.mktemp("examples") / "tally.duckdb"
    assert run_etl([ROOT / "examples"], db, progress=False).exit_code == 0
    for name, path in EXAMPLE_DATASETS.items():
        assert run_import(name, path, db, progress=False).exit_code == 0
    return db
