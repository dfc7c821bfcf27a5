"""`tally export`: the reported figures as CSV, Parquet, HXL-tagged CSV or JSON lines.

Analysts share data as files: CSV for spreadsheets, Parquet for pandas, R and DuckDB (typed: dates
stay dates, numbers doubles, open bounds NULL), HXL-tagged CSV for HDX and the HXL tools, JSON
lines for scripts. The rows and their filters are one DuckDB query (warehouse/exports/claims.sql,
filtered as the dashboard filters: metric, scope, category, party, place, source, dates, as known
on); this module resolves the filters' names, runs the query on a read-only connection and writes
the format. The HXL hashtags are data (warehouse/exports/hxl_tags.yaml).
"""
from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import IO, Any, Literal

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from etl.errors import ConfigError, WarehouseNotInitialisedError
from warehouse import db as warehouse_db

ExportFormat = Literal["csv", "parquet", "hxl", "jsonl"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "parquet", "hxl", "jsonl")
TEXT_FORMATS: frozenset[str] = frozenset({"csv", "hxl", "jsonl"})

EXPORTS_DIR = Path(__file__).resolve().parent / "exports"


@dataclass(frozen=True)
class ExportFilters:
    """Which claims to export; an empty tuple or None means "any" (as on the dashboard).

    `location` and `source` are matched by what the warehouse stores and by the canonical form
    of the names given (`resolved`): "Severodonetsk" finds Sievierodonetsk, "Kyiv" every claim of
    Ukraine's government however it was written.
    """

    metric: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    party: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    as_of_from: date | None = None
    as_of_to: date | None = None
    known_on: date | None = None
    language: tuple[str, ...] = ()

    def resolved(self) -> ExportFilters:
        """The filters with each place also in its gazetteer spelling and each source also as its
        canonical source id."""
        from etl.assemble.sources import canonical_source  # the assembly stage's own resolution
        from etl.places import load_gazetteer

        gazetteer = load_gazetteer()
        places = list(self.location)
        for name in self.location:
            place = gazetteer.lookup(name)
            if place is not None:
                places.append(place.canonical)
        sources = list(self.source)
        for name in self.source:
            record = canonical_source(name)
            if record is not None:
                sources.append(record.source_id)
        return ExportFilters(**{**{f.name: getattr(self, f.name) for f in fields(self)},
                                "location": tuple(dict.fromkeys(places)), "source": tuple(dict.fromkeys(sources))})

    def params(self) -> dict[str, Any]:
        """The filters as the `$parameters` of warehouse/exports/claims.sql."""
        return {f.name: (list(v) if isinstance(v := getattr(self, f.name), tuple) else v) for f in fields(self)}


@cache
def _query(name: str) -> str:
    return (EXPORTS_DIR / f"{name}.sql").read_text(encoding="utf-8")


def export_table(db_path: str | Path | None, filters: ExportFilters = ExportFilters()) -> pa.Table:
    """The claims to export as an Arrow table (read-only connection, closed before returning)."""
    path = warehouse_db.resolve_db_path(db_path)
    con = warehouse_db.connect(path, read_only=True)
    try:
        if not con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'claim_facts'").fetchone()[0]:
            raise WarehouseNotInitialisedError(path)
        try:
            return con.execute(_query("claims"), filters.resolved().params()).to_arrow_table()
        except (duckdb.BinderException, duckdb.CatalogException) as exc:
            # views are re-created by every run that writes the warehouse, never by a reader
            raise ConfigError(
                f"the warehouse {path} was last written by an older Tally (its views lack what the export "
                f"reads: {' '.join(str(exc).split())[:160]}): run `tally etl` on it once, then export") from exc
    finally:
        con.close()


# --- formats ------------------------------------------------------------------------------------

@cache
def hxl_tags() -> Mapping[str, Any]:
    """The HXL hashtag data (warehouse/exports/hxl_tags.yaml), checked on load."""
    path = EXPORTS_DIR / "hxl_tags.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise ConfigError(f"{path}: needs a mapping with an integer `version`")
    for key in ("columns", "metrics", "value_columns"):
        if not isinstance(data.get(key), dict):
            raise ConfigError(f"{path}: `{key}` must be a mapping")
    return data


def hxl_hashtags(columns: Sequence[str], metrics: Iterable[str], units: Iterable[str]) -> list[str]:
    """The HXL hashtag of each export column, for an export holding these metrics and units."""
    tags = hxl_tags()
    metrics, units = sorted(set(metrics)), set(units)
    if len(metrics) == 1 and metrics[0] in tags["metrics"]:
        base = tags["metrics"][metrics[0]]
    elif units <= {"people"}:
        base = tags["several_people"]
    else:
        base = tags["several"]
    row = []
    for column in columns:
        if column in tags["value_columns"]:
            row.append(base + tags["value_columns"][column])
        elif column in tags["columns"]:
            row.append(tags["columns"][column])
        else:
            raise ConfigError(f"warehouse/exports/hxl_tags.yaml has no hashtag for the export column {column!r}")
    return row


def _cell(value: Any) -> str:
    """A value as CSV text: dates ISO, whole numbers without ".0", booleans true/false, NULL empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_export(table: pa.Table, fmt: ExportFormat, out: IO[Any]) -> None:
    """Write the table in a format: text formats to a text stream, Parquet to a binary one."""
    if fmt == "parquet":
        pq.write_table(table, out)
        return
    if fmt == "jsonl":
        for row in table.to_pylist():
            out.write(json.dumps({k: _json_value(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.column_names)
    if fmt == "hxl":
        writer.writerow(hxl_hashtags(table.column_names, table.column("metric").to_pylist(),
                                     (u for u in table.column("unit").to_pylist() if u is not None)))
    for batch in table.to_batches(max_chunksize=10_000):
        columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        writer.writerows([_cell(v) for v in row] for row in zip(*columns))


def export_claims(
    db_path: str | Path | None, filters: ExportFilters, fmt: ExportFormat, out_path: Path | None,
    stdout: IO[str] | None = None,
) -> int:
    """Export the filtered claims to `out_path` (or `stdout`, text formats only); returns the rows."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if out_path is None and fmt not in TEXT_FORMATS:
        raise ConfigError(f"{fmt} is a binary format: give a file with --out FILE")
    table = export_table(db_path, filters)
    if out_path is None:
        assert stdout is not None
        write_export(table, fmt, stdout)
        return table.num_rows
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.tmp")
    with tmp.open("wb" if fmt == "parquet" else "w", **({} if fmt == "parquet" else
                                                           {"encoding": "utf-8", "newline": ""})) as f:
        write_export(table, fmt, f)
    tmp.replace(out_path)  # a reader never sees half a file
    return table.num_rows
