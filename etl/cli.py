"""The `tally` command line: a thin shell over the library, one call per command.

Exit codes: 0 ok; 1 some inputs failed (the rest was stored); 2 usage, configuration or
environment error, or the run could not happen (another ETL held the warehouse past --wait,
the disk is read-only or full, a batch could not be stored: batches committed before it are
kept, see `tally status`); 3 an internal error (a bug), with the traceback written to a file.
"""
from __future__ import annotations

import json
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import click
import typer
from rich.console import Console
from rich.table import Table

from etl import launch, pipeline
from etl.datasets import importer
from etl.explain import explain_claim
from etl.errors import TallyError, storage_reason
from etl.extract.text import MAX_SENTENCE_CHARS
from etl.models import ReadProblem
from etl.readers import DEFAULT_MAX_ALIASES, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, ReadOptions, ReadWarning
from etl.readers.core import one_line
from warehouse import export as export_mod

INTERNAL_ERROR = 3
"""Exit code of an unexpected error (a bug): distinct from 1 (some inputs failed) and 2 (usage,
configuration or environment)."""

app = typer.Typer(
    name="tally",
    help="Tally: reported conflict figures from news articles, in a DuckDB warehouse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        metavar="FILE",
        help="Warehouse file. Default: $TALLY_DB, else warehouse/tally.duckdb.",
        show_default=False,
    ),
]


def _fail(message: str, code: int) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def _clean_errors() -> Iterator[None]:
    """Turn errors into a one-line message and an exit code: Tally's own (2), the machine's (an
    OSError: read-only or full disk, permissions; 2), anything else (a bug; 3, traceback to a file)."""
    try:
        yield
    except (click.exceptions.Exit, click.exceptions.ClickException, click.exceptions.Abort):
        raise
    except TallyError as exc:
        _fail(" ".join(str(exc).split()), exc.exit_code)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        _fail(f"{storage_reason(exc) or exc.strerror or exc}{where}", 2)
    except Exception as exc:
        _fail(f"internal error (a bug in Tally; please report it): {type(exc).__name__}: {one_line(str(exc))}; "
              f"{_save_traceback()}", INTERNAL_ERROR)


def _save_traceback() -> str:
    """Write the current exception's traceback to a file; say where (or print it if that fails)."""
    text = traceback.format_exc()
    try:
        with tempfile.NamedTemporaryFile(
            "w", prefix=f"tally-error-{datetime.now():%Y%m%dT%H%M%S}-", suffix=".txt", delete=False, encoding="utf-8"
        ) as f:
            f.write(text)
        return f"traceback written to {f.name}"
    except OSError:
        err.print(text, markup=False, highlight=False)
        return "traceback printed above"


def _print_problems(problems: list[ReadProblem]) -> None:
    for problem in problems:
        if isinstance(problem, ReadWarning):
            err.print(f"[cyan]warning:[/] {problem}", markup=True, soft_wrap=True)
        else:
            err.print(f"[yellow]problem:[/] {problem}", markup=True, soft_wrap=True)


@app.command()
def etl(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help="Article files, folders, or feed URLs (http/https).", show_default=False),
    ],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary; problems only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as one JSON object.")] = False,
    max_size: Annotated[
        float, typer.Option("--max-size", metavar="MB", min=0.001,
                            help="Skip (and report) input files and feed bodies larger than this.")
    ] = DEFAULT_MAX_BYTES / 1024 / 1024,
    max_depth: Annotated[
        int, typer.Option("--max-depth", metavar="N", min=1,
                          help="Deepest nesting read in a JSON line or YAML front matter; deeper input is reported.")
    ] = DEFAULT_MAX_DEPTH,
    max_aliases: Annotated[
        int, typer.Option("--max-aliases", metavar="N", min=0,
                          help="Most YAML aliases (*name) in one front matter; more is reported (alias bombs).")
    ] = DEFAULT_MAX_ALIASES,
    max_sentence: Annotated[
        int, typer.Option("--max-sentence", metavar="CHARS", min=100,
                          help="Longer sentences (text without full stops) are read in parts, at clause marks.")
    ] = MAX_SENTENCE_CHARS,
    wait: Annotated[
        float, typer.Option("--wait", metavar="SECONDS", min=0, help="How long to wait for another `tally etl` on the same warehouse.")
    ] = pipeline.DEFAULT_ETL_WAIT_S,
    feed_timeout: Annotated[
        float, typer.Option("--feed-timeout", metavar="SECONDS", min=0.01,
                            help="Time limit for one try at a feed URL: connecting, headers and body.")
    ] = ReadOptions.feed_timeout_s,
    feed_attempts: Annotated[
        int, typer.Option("--feed-attempts", metavar="N", min=1, help="Tries per feed URL (with backoff) before reporting it.")
    ] = ReadOptions.feed_attempts,
    feed_backoff: Annotated[
        float, typer.Option("--feed-backoff", metavar="SECONDS", min=0, help="First wait before retrying a feed; doubles each try.")
    ] = ReadOptions.feed_backoff_s,
    batch_size: Annotated[
        int, typer.Option("--batch-size", metavar="N", min=1, help="Articles per all-or-nothing commit.")
    ] = pipeline.DEFAULT_BATCH_SIZE,
) -> None:
    """Ingest every article under PATH... and extract its claims. Safe to rerun.

    Articles already stored are skipped; when the extractor version has changed, stored
    articles are re-extracted and their claims replaced. A bad input (file, JSON line,
    feed entry, front matter) is reported by file and line and the rest stored; the --max-* and
    --feed-* options bound what one input may cost. Exit status: 0 all stored, 1 some inputs failed
    (the rest was stored), 2 usage, configuration or environment error (read-only or full
    disk, permissions), or the warehouse was busy past --wait; 3 internal error (a bug).

    Example: tally etl articles/ feed.jsonl https://example.org/feed.xml --db warehouse/tally.duckdb
    """
    options = ReadOptions(
        max_bytes=int(max_size * 1024 * 1024), max_depth=max_depth, max_aliases=max_aliases,
        feed_timeout_s=feed_timeout, feed_attempts=feed_attempts, feed_backoff_s=feed_backoff,
    )
    with _clean_errors():
        summary = pipeline.run_etl(
            paths, db, progress=False if (quiet or as_json) else None, etl_wait_s=wait,
            batch_size=batch_size, read_options=options, max_sentence_chars=max_sentence,
        )
        _print_summary(summary, quiet, as_json)
    raise typer.Exit(summary.exit_code)


def _print_summary(summary: pipeline.RunSummary, quiet: bool, as_json: bool) -> None:
    _print_problems(summary.problems + summary.warnings)
    if as_json:
        print(json.dumps(summary.to_dict(), default=str))
    elif not quiet:
        for run_id in summary.interrupted_runs:
            out.print(f"earlier run {run_id} had died before finishing: marked interrupted", soft_wrap=True)
        out.print(
            f"run {summary.run_id} on {summary.db_path}: {summary.articles_new} new article(s), "
            f"{summary.articles_skipped} already stored, {summary.articles_reextracted} re-extracted, "
            f"{summary.articles_failed} failed; {summary.claims_added} claim(s) added, "
            f"{summary.claims_removed} removed",
            soft_wrap=True,
        )
        for name in summary.undated:
            out.print(f"no publication date (stored with published = NULL): {name}", soft_wrap=True)
        if summary.duplicate_claims:
            out.print(f"{summary.duplicate_claims} duplicate claim(s) from the extractor were dropped")
        for audit, n in summary.audit_failures.items():
            out.print(f"audit {audit}: {n} bad row(s)", soft_wrap=True)


class Dataset(str, Enum):
    """The curated datasets `tally import` reads (etl/data/datasets/)."""

    ucdp_ged = "ucdp-ged"
    acled = "acled"


@app.command("import")
def import_dataset(
    dataset: Annotated[Dataset, typer.Argument(metavar="DATASET", help="ucdp-ged or acled.", show_default=False)],
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="Your own download of the dataset, as CSV.", show_default=False)
    ],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary; problems only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as one JSON object.")] = False,
    wait: Annotated[
        float, typer.Option("--wait", metavar="SECONDS", min=0, help="How long to wait for a `tally etl` on the same warehouse.")
    ] = pipeline.DEFAULT_ETL_WAIT_S,
    batch_size: Annotated[
        int, typer.Option("--batch-size", metavar="N", min=1, help="Events per all-or-nothing commit.")
    ] = importer.DEFAULT_IMPORT_BATCH,
) -> None:
    """Import a curated dataset's events (UCDP GED, ACLED) beside the news, as claims. Safe to rerun.

    FILE is a CSV in the dataset's published columns (the UCDP GED codebook's `id`, `best`, `low`,
    `high`, `date_start`, ...; ACLED's `event_id_cnty`, `event_date`, `fatalities`, ...). Each event
    becomes claims of source "UCDP GED" or "ACLED" (sources.kind = 'dataset'), placed through the
    gazetteer so they meet the news series of the same place. Importing the same file again changes
    nothing; an updated row replaces its event's claims. A bad row is reported by file and line and
    the rest imported. Exit status as for `tally etl`: 0 all imported, 1 some rows failed, 2 usage or
    environment error, 3 internal error.

    Example: tally import ucdp-ged examples/datasets/ucdp-ged-example.csv --db warehouse/tally.duckdb
    Example: tally import acled examples/datasets/acled-example.csv
    """
    with _clean_errors():
        summary = importer.run_import(
            dataset.value, file, db, progress=False if (quiet or as_json) else None, etl_wait_s=wait,
            batch_size=batch_size,
        )
        _print_problems(summary.problems)
        if as_json:
            print(json.dumps(summary.to_dict(), default=str))
        elif not quiet:
            out.print(
                f"run {summary.run_id} on {summary.db_path}: {dataset.value} {file}: "
                f"{summary.articles_new} new event(s), {summary.articles_reextracted} updated, "
                f"{summary.articles_skipped} unchanged, {len(summary.problems)} bad row(s); "
                f"{summary.claims_added} claim(s) added, {summary.claims_removed} removed",
                soft_wrap=True,
            )
            for audit, n in summary.audit_failures.items():
                out.print(f"audit {audit}: {n} bad row(s)", soft_wrap=True)
    raise typer.Exit(summary.exit_code)


@app.command()
def extract(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="An article file (.txt, .md, .jsonl, .html, feed) or a feed URL.", show_default=False
        ),
    ],
    explain: Annotated[
        bool, typer.Option("--explain", help="Show each figure's words, rule and how each field was decided.")
    ] = False,
) -> None:
    """Print the claims of each article in FILE as JSON lines, touching no database.

    Example: tally extract examples/reuters-2022-06-severodonetsk.txt
    Example: tally extract --explain examples/reuters-2022-06-severodonetsk.txt
    """
    failed = False
    with _clean_errors():
        for item in pipeline.extract_path(file):
            if isinstance(item, ReadProblem):
                _print_problems([item])
                failed = failed or not isinstance(item, ReadWarning)
            elif explain:
                out.print("\n".join(explain_claim(item)) + "\n", markup=False, highlight=False, soft_wrap=True)
            else:
                print(json.dumps(item, ensure_ascii=False))
    raise typer.Exit(1 if failed else 0)


class ExportFormat(str, Enum):
    """The file formats of `tally export`."""

    csv = "csv"
    parquet = "parquet"
    hxl = "hxl"
    jsonl = "jsonl"


_DATE = ["%Y-%m-%d"]
_Many = typer.Option  # a repeatable filter option: --metric killed --metric injured


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, parquet, hxl (HXL-tagged CSV) or jsonl.")]
    = ExportFormat.csv,
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="FILE", help="Write here (default: standard output; "
                                  "parquet needs a file).", show_default=False)
    ] = None,
    metric: Annotated[list[str] | None, _Many("--metric", metavar="METRIC", help="killed, injured, ... (repeatable).")] = None,
    scope: Annotated[list[str] | None, _Many("--scope", metavar="SCOPE", help="incident, period, cumulative, stock, rate, unknown.")] = None,
    category: Annotated[list[str] | None, _Many("--category", metavar="CATEGORY", help="military, civilian, mixed, ...")] = None,
    party: Annotated[list[str] | None, _Many("--party", metavar="PARTY", help="Whose people or who gives: Ukraine, Russia, ...")] = None,
    place: Annotated[
        list[str] | None, _Many("--place", "--location", metavar="PLACE",
                                help="A place, in any spelling the gazetteer knows (Severodonetsk = Sievierodonetsk).")
    ] = None,
    source: Annotated[
        list[str] | None, _Many("--source", metavar="SOURCE",
                                help="A source as written, its canonical id or name (Kyiv, ua-government, UCDP GED).")
    ] = None,
    date_from: Annotated[datetime | None, typer.Option("--from", formats=_DATE, help="First as_of date (YYYY-MM-DD).",
                                                       show_default=False)] = None,
    date_to: Annotated[datetime | None, typer.Option("--to", formats=_DATE, help="Last as_of date (YYYY-MM-DD).",
                                                     show_default=False)] = None,
    known_on: Annotated[datetime | None, typer.Option("--known-on", formats=_DATE, show_default=False,
                                                      help="Only what could be known that day (claims_known_on).")] = None,
    language: Annotated[list[str] | None, _Many("--language", metavar="LANG",
                                                help="Articles in this language: en, uk, ru (datasets' events always).")] = None,
    db: DbOption = None,
) -> None:
    """Export reported figures as CSV, Parquet, HXL-tagged CSV or JSON lines, filtered as on the dashboard.

    One row per claim: the figure (value_best, value_low, value_high; empty = an open bound), its
    series (metric, category, party, location, scope, unit, rate), dates, source as written and
    canonical, quote and article. Filters combine (each repeatable); with none, everything is exported.
    HXL puts a hashtag row under the header (#affected+killed, #affected+killed+min/+max,
    #date+occurred, #date+reported, #loc+name, #org+name, #meta+source, #meta+url, ...).

    Example: tally export --format csv --metric killed --place Sievierodonetsk --out killed.csv
    Example: tally export --format parquet --known-on 2022-06-10 --out claims.parquet
    Example: tally export --format hxl --metric killed --source "UCDP GED" > ged.csv
    """
    filters = export_mod.ExportFilters(
        metric=tuple(metric or ()), scope=tuple(scope or ()), category=tuple(category or ()),
        party=tuple(party or ()), location=tuple(place or ()), source=tuple(source or ()),
        as_of_from=date_from.date() if date_from else None, as_of_to=date_to.date() if date_to else None,
        known_on=known_on.date() if known_on else None, language=tuple(language or ()),
    )
    with _clean_errors():
        rows = export_mod.export_claims(db, filters, fmt.value, out_file, stdout=sys.stdout)
        if out_file is not None:
            err.print(f"{rows} claim(s) written to {out_file} ({fmt.value})", soft_wrap=True)


@app.command()
def dashboard(
    db: DbOption = None,
    port: Annotated[int, typer.Option("--port", metavar="N", help="Port to serve on.")] = launch.DEFAULT_PORT,
) -> None:
    """Start the Streamlit dashboard on the warehouse.

    Example: tally dashboard --db warehouse/tally.duckdb --port 8501
    """
    with _clean_errors():
        launch.exec_command(launch.dashboard_command(db, port))


@app.command()
def sql(
    db: DbOption = None,
    write: Annotated[bool, typer.Option("--write", help="Open read-write (default: read-only).")] = False,
) -> None:
    """Open the DuckDB shell on the warehouse; SQL on standard input runs non-interactively.

    Example: echo "SELECT metric, count(*) FROM claims GROUP BY 1;" | tally sql --db warehouse/tally.duckdb
    """
    with _clean_errors():
        launch.exec_command(launch.sql_command(db, write))


@app.command()
def status(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many runs to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the runs as JSON lines.")] = False,
) -> None:
    """Show the latest ETL runs on the warehouse.

    Example: tally status --db warehouse/tally.duckdb -n 5
    """
    with _clean_errors():
        runs = pipeline.run_history(db, limit)
        if as_json:
            for run in runs:
                print(json.dumps(run, default=str))
            return
        if not runs:
            out.print("no ETL runs yet: run `tally etl PATH...`")
            return
        # Not a terminal (cron mail, a pipe): rich would squeeze the table to 80 columns.
        (out if out.is_terminal else Console(highlight=False, width=120)).print(_runs_table(runs))
        for line in _latest_errors(runs[0]):
            out.print(line, soft_wrap=True, highlight=False, markup=False)


def _runs_table(runs: list[dict[str, Any]]) -> Table:
    table = Table("run", "started (UTC)", "status", "new", "skip", "redo", "fail", "claims +/-", "batches")
    for column in table.columns[:2]:
        column.no_wrap = True
    for r in runs:
        table.add_row(
            r["run_id"], f"{r['started_at']:%Y-%m-%d %H:%M:%S}", r["status"],
            *(str(r[k] if r[k] is not None else "") for k in
              ("articles_new", "articles_skipped", "articles_reextracted", "articles_failed")),
            f"+{r['claims_added'] or 0}/-{r['claims_removed'] or 0}",
            str(r.get("batches_committed") or 0),
        )
    return table


def _latest_errors(run: dict[str, Any], shown: int = 5) -> list[str]:
    """The problems of a run, as lines to print under the table (the first few)."""
    errors = run["errors"]
    lines = [f"{run['run_id']} ({run['status']}): {e}" for e in errors[:shown]]
    if len(errors) > shown:
        lines.append(f"... and {len(errors) - shown} more: `tally status --json -n 1` lists them all")
    return lines


def main() -> None:
    """Entry point for `python -m etl.cli`."""
    app(prog_name="tally")


if __name__ == "__main__":
    sys.exit(main())
