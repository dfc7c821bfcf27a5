"""Reading a curated dataset's CSV download: its specification, rows with their line numbers,
the record each row becomes (an `Article` whose text is the row, with the claims mapped from it).

The specification of each dataset (its published columns, event id, place columns, source) is a
versioned YAML file in etl/data/datasets/, checked on load; the mapping of a row's columns to
claims is a pure function per dataset (`ucdp_ged.py`, `acled.py`). Files are streamed row by row
(a global GED download is hundreds of megabytes), so memory does not grow with the file.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from etl.errors import ConfigError
from etl.models import Article, Claim, ReadProblem
from etl.places import Gazetteer, Place, load_gazetteer
from etl.readers.decoding import decode_text

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "datasets"

_CODE_VERSION = "1.0"
"""The mapping code's version; with the specification's hash it is the records' extractor_version,
so a change of either makes the next import of a file replace every record's claims."""

_SNIFF_BYTES = 64 * 1024
_DELIMITERS = ",;\t"


class DatasetSpecError(ConfigError):
    """A dataset specification file in etl/data/datasets/ is malformed (exit code 2)."""


class RowError(ValueError):
    """A row that cannot be mapped to claims; the message names the column and what is wrong."""


@dataclass(frozen=True)
class PlaceColumn:
    """A column that names where the event was, and which kind of place its names are."""

    column: str
    kind: str  # "any" or "region" (a first-level administrative unit)


@dataclass(frozen=True)
class DatasetSpec:
    """What Tally knows of one curated dataset's published format (etl/data/datasets/<name>.yaml)."""

    name: str
    title: str
    source: str
    event_id: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    places: tuple[PlaceColumn, ...]
    quote: tuple[str, ...]
    date_formats: tuple[str, ...]
    options: Mapping[str, Any]
    version: str


@dataclass
class DatasetRecord:
    """One dataset event, ready to store: the article that holds its row and the claims mapped from it."""

    event_id: str
    article: Article
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Row:
    """One row of a dataset file: its values by (lower-case) column name, where it starts, and the
    record text it is stored as, with the span of each column's value in that text."""

    values: Mapping[str, str]
    line: int
    text: str
    spans: Mapping[str, tuple[int, int]]

    def get(self, column: str) -> str:
        """The value of a column, trimmed ("" when empty or absent)."""
        return self.values.get(column, "")

    def count(self, column: str, *, required: bool = False) -> int | None:
        """A whole, non-negative number of people from a column (None when empty and not required)."""
        raw = self.get(column)
        if not raw:
            if required:
                raise RowError(f"{column} is empty: a count is required")
            return None
        try:
            value = float(raw)
        except ValueError:
            raise RowError(f"{column} {raw!r} is not a number") from None
        if not math.isfinite(value) or value < 0 or value != int(value):
            raise RowError(f"{column} {raw!r} is not a whole number of people (0 or more)")
        return int(value)

    def date(self, column: str, formats: Sequence[str], *, required: bool = False) -> date | None:
        """A date from a column, in one of `formats` (a time after the date is ignored)."""
        raw = self.get(column)
        if not raw:
            if required:
                raise RowError(f"{column} is empty: a date is required")
            return None
        candidates = [raw]
        if re.match(r"\d{4}-\d{2}-\d{2}[ T]", raw):
            candidates.append(raw[:10])  # "2022-06-01 00:00:00.000", as GED's CSV writes dates
        for text in candidates:
            for fmt in formats:
                try:
                    return datetime.strptime(text, fmt).date()
                except ValueError:
                    continue
        raise RowError(f"{column} {raw!r} is not a date (expected {' or '.join(formats)})")

    def span(self, column: str) -> tuple[int, int]:
        """Where a column's value is in the record text."""
        return self.spans[column]


Mapper = Callable[[Row, DatasetSpec], list[Claim]]
"""A dataset's mapping: a row -> its claims (a pure function; RowError for a bad row)."""


def _fail(path: Path, message: str) -> DatasetSpecError:
    return DatasetSpecError(f"{path}: {message}; fix the file (see the comments at its top)")


def load_spec(path: Path) -> DatasetSpec:
    """Read and check a dataset specification file."""
    raw = path.read_bytes()
    data = yaml.safe_load(raw)
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise _fail(path, "needs a mapping with an integer `version`")
    for key in ("dataset", "title", "source", "event_id"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _fail(path, f"`{key}` must be a non-empty string")
    lists = {}
    for key in ("columns", "required", "quote", "date_formats"):
        value = data.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise _fail(path, f"`{key}` must be a non-empty list of strings")
        lists[key] = tuple(value)
    columns = lists["columns"]
    if len(set(columns)) != len(columns):
        raise _fail(path, "`columns` lists a column twice")
    places = []
    for entry in data.get("places") or []:
        if not isinstance(entry, dict) or entry.get("kind") not in ("any", "region") or entry.get("column") not in columns:
            raise _fail(path, f"place entry {entry!r} needs a `column` of `columns` and a `kind` (any or region)")
        places.append(PlaceColumn(entry["column"], entry["kind"]))
    for key in ("event_id",):
        if data[key] not in columns:
            raise _fail(path, f"`{key}` {data[key]!r} is not one of `columns`")
    for column in (*lists["required"], *lists["quote"]):
        if column not in columns:
            raise _fail(path, f"column {column!r} is not one of `columns`")
    known = {"version", "dataset", "title", "source", "event_id", "columns", "required", "places", "quote",
             "date_formats"}
    options = {k: v for k, v in data.items() if k not in known}
    digest = hashlib.sha256(raw).hexdigest()[:8]
    return DatasetSpec(
        name=data["dataset"], title=data["title"], source=data["source"], event_id=data["event_id"],
        columns=columns, required=lists["required"], places=tuple(places), quote=lists["quote"],
        date_formats=lists["date_formats"], options=options,
        version=f"{data['dataset']}/{_CODE_VERSION}+{data['version']}.{digest}",
    )


@cache
def spec_for(name: str) -> DatasetSpec:
    """The specification of a dataset by name (etl/data/datasets/<name>.yaml), loaded once."""
    path = DATA_DIR / f"{name}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in DATA_DIR.glob("*.yaml")))
        raise ConfigError(f"no dataset {name!r}: Tally imports {known}")
    spec = load_spec(path)
    if spec.name != name:
        raise _fail(path, f"`dataset` is {spec.name!r}, but the file is named for {name!r}")
    return spec


# --- places -----------------------------------------------------------------------------------

def event_place(row: Row, spec: DatasetSpec, gazetteer: Gazetteer | None = None) -> str | None:
    """The canonical place of a row (claims.location): its most specific place column the gazetteer
    knows, within the row's country when that is known; None if none is."""
    gazetteer = gazetteer or load_gazetteer()
    country = _country_code(row, spec, gazetteer)
    for entry in spec.places:
        value = row.get(entry.column)
        if not value:
            continue
        place = _lookup(gazetteer, value, entry.kind)
        if place is not None and (country is None or place.country_code == country):
            return place.canonical
    return None


def _country_code(row: Row, spec: DatasetSpec, gazetteer: Gazetteer) -> str | None:
    for column in ("country",):
        if column in spec.columns and row.get(column):
            place = gazetteer.lookup(row.get(column))
            if place is not None and place.kind == "country":
                return place.country_code
    return None


def _lookup(gazetteer: Gazetteer, name: str, kind: str) -> Place | None:
    """A place column's value in the gazetteer: the whole name, else (for a region column) the name
    as a region ("Luhansk" -> Luhansk Oblast, not the city), else the first place named in it
    ("Sievierodonetsk town")."""
    if kind == "region":
        for variant in (name, f"{name} region", f"{name} oblast"):
            place = gazetteer.lookup(variant)
            if place is not None and place.kind == "region":
                return place
        return None
    place = gazetteer.lookup(name)
    if place is not None:
        return place
    for mention in gazetteer.find_places(name):
        found = gazetteer.place(mention.canonical, mention.kind)
        if found is not None:
            return found
    return None


def quote_of(row: Row, spec: DatasetSpec) -> str | None:
    """The words a record's figures are traced to: the first non-empty quote column."""
    for column in spec.quote:
        if row.get(column):
            return row.get(column)
    return None


# --- reading files ----------------------------------------------------------------------------

def record_text(values: Mapping[str, str], spec: DatasetSpec) -> tuple[str, dict[str, tuple[int, int]]]:
    """The text a row is stored as: one "column: value" line per column (the published columns in
    the codebook's order, then any others alphabetically), and where each value is in it."""
    order = [c for c in spec.columns if c in values] + sorted(c for c in values if c not in spec.columns)
    lines: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    position = 0
    for column in order:
        prefix = f"{column}: "
        value = values[column]
        spans[column] = (position + len(prefix), position + len(prefix) + len(value))
        lines.append(prefix + value)
        position += len(prefix) + len(value) + 1
    return "\n".join(lines), spans


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


class _CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read from it (for the progress bar)."""

    def __init__(self, raw: io.BufferedReader, on_bytes: Callable[[int], None] | None) -> None:
        self._raw = raw
        self._on_bytes = on_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._raw.readinto(buffer)
        if n and self._on_bytes is not None:
            self._on_bytes(n)
        return n or 0


def _text_stream(path: Path, on_bytes: Callable[[int], None] | None) -> io.TextIOBase | ReadProblem:
    """The file as text: streamed when it is UTF-8 (with or without a byte-order mark), as datasets
    are published; decoded whole by the ETL's decoder (any encoding) when it is not."""
    with path.open("rb") as f:
        head = f.read(_SNIFF_BYTES)
    if not head.strip():
        return ReadProblem(str(path), "file is empty")
    try:
        # incremental: the sniffed bytes may end inside a character
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        is_utf8 = True
    except UnicodeDecodeError:
        is_utf8 = False
    if is_utf8:
        stream = io.BufferedReader(_CountingReader(path.open("rb"), on_bytes))  # type: ignore[arg-type]
        return io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    text = decode_text(path.read_bytes(), str(path))
    if isinstance(text, ReadProblem):
        return text
    if on_bytes is not None:
        on_bytes(path.stat().st_size)
    return io.StringIO(text, newline="")


def read_rows(
    spec: DatasetSpec, path: Path, on_bytes: Callable[[int], None] | None = None
) -> Iterator[Row | ReadProblem]:
    """The rows of a dataset file, each with the line it starts on; a missing file, a header without
    the dataset's required columns or an undecodable file is one problem (line 1), a row with the
    wrong number of fields a problem of its line."""
    origin = str(path)
    if not path.is_file():
        yield ReadProblem(origin, "no such file" if not path.exists() else "not a regular file")
        return
    stream = _text_stream(path, on_bytes)
    if isinstance(stream, ReadProblem):
        yield stream
        return
    with stream:
        first = stream.readline()
        delimiter = max(_DELIMITERS, key=first.count)
        reader = csv.reader(_chain(first, stream), delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            yield ReadProblem(origin, "file is empty", 1)
            return
        names = [_clean(h).lower() for h in header]
        missing = [c for c in spec.required if c not in names]
        if missing:
            yield ReadProblem(
                origin,
                f"not a {spec.title} file: the header lacks the column(s) {', '.join(missing)} "
                f"(a {spec.name} download has {', '.join(spec.required)}, ...)",
                1,
            )
            return
        line = reader.line_num + 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                yield ReadProblem(origin, f"cannot read the file from here on: {exc}", line)
                return
            start, line = line, reader.line_num + 1
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(names):
                yield ReadProblem(origin, f"row has {len(fields)} fields, the header {len(names)}: skipped", start)
                continue
            values = {name: _clean(value) for name, value in zip(names, fields)}
            text, spans = record_text(values, spec)
            yield Row(values, start, text, spans)


def _chain(first: str, rest: io.TextIOBase) -> Iterator[str]:
    yield first
    yield from rest


def read_dataset(
    spec: DatasetSpec, mapper: Mapper, path: Path, on_bytes: Callable[[int], None] | None = None
) -> Iterator[DatasetRecord | ReadProblem]:
    """Every event of a dataset file as a record (an article holding its row, with its claims), and
    every bad row as a problem naming the file, the line and the cause."""
    origin = str(path)
    for row in read_rows(spec, path, on_bytes):
        if isinstance(row, ReadProblem):
            yield row
            continue
        event_id = row.get(spec.event_id)
        if not event_id:
            yield ReadProblem(origin, f"{spec.event_id} (the event id) is empty: skipped", row.line)
            continue
        try:
            claims = mapper(row, spec)
            published = _published(row, spec)
        except RowError as exc:
            yield ReadProblem(origin, f"event {event_id}: {exc}: skipped", row.line)
            continue
        article = Article(
            text=row.text, origin=origin, url=None, title=_title(row, spec, event_id), publisher=spec.source,
            published=published, source_id=event_id, line=row.line, text_source="dataset_row", dataset=spec.name,
        )
        yield DatasetRecord(event_id, article, claims)


def _published(row: Row, spec: DatasetSpec) -> date | None:
    """When the record could be known: the day the dataset last changed it (ACLED `timestamp`, a Unix
    time); None when the dataset does not say (the import day then stands for it)."""
    raw = row.get("timestamp") if "timestamp" in spec.columns else ""
    if not raw:
        return None
    try:
        return datetime.fromtimestamp(int(float(raw)), UTC).date()
    except (ValueError, OverflowError, OSError):
        raise RowError(f"timestamp {raw!r} is not a Unix time") from None


def _title(row: Row, spec: DatasetSpec, event_id: str) -> str:
    what = row.get(str(spec.options["title_column"])) if spec.options.get("title_column") else ""
    parts = [p for p in (what, *(row.get(p.column) for p in spec.places[:1])) if p]
    return f"{spec.source} event {event_id}" + (f": {', '.join(parts)}" if parts else "")
