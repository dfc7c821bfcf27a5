"""Curated datasets beside the news: `tally import ucdp-ged FILE.csv`, `tally import acled FILE.csv`.

Analysts judge news-derived figures against curated event datasets. Each dataset has a
specification (etl/data/datasets/<name>.yaml: its published columns, event id, place columns,
source) and a pure mapping from one row to claims (`ucdp_ged.py`, `acled.py`); `core.py` reads
the users' own CSV downloads row by row; `importer.py` stores the records through the warehouse
loader and the assembly stage, in batches under the ETL lock, as `tally etl` does.
"""
from __future__ import annotations

from etl.datasets import acled, ucdp_ged
from etl.datasets.core import DatasetRecord, DatasetSpec, Mapper, Row, RowError, read_dataset, spec_for

MAPPERS: dict[str, Mapper] = {
    "ucdp-ged": ucdp_ged.event_claims,
    "acled": acled.event_claims,
}
"""Dataset name (its etl/data/datasets/<name>.yaml) -> the mapping of one of its rows to claims."""

DATASETS: tuple[str, ...] = tuple(MAPPERS)

__all__ = ["DATASETS", "MAPPERS", "DatasetRecord", "DatasetSpec", "Row", "RowError", "read_dataset", "spec_for"]
