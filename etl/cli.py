"""The `tally` command line: a thin shell over the library, one call per command.

Exit codes: 0 ok; 1 some inputs failed (the rest was stored); 2 usage or configuration
error, or the run could not happen (busy or failed warehouse; nothing was stored).
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from etl import launch, pipeline
from etl.errors import TallyError
from etl.models import ReadProblem

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
    """Turn Tally's errors into a one-line message and its exit code (no traceback)."""
    try:
        yield
    except TallyError as exc:
        _fail(str(exc), exc.exit_code)


def _print_problems(problems: list[ReadProblem]) -> None:
    for problem in problems:
        err.print(f"[yellow]problem:[/] {problem}", markup=True, soft_wrap=True)


@app.command()
def etl(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Article files or folders.", show_default=False)
    ],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary; problems only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as one JSON object.")] = False,
) -> None:
    """Ingest every article under PATH... and extract its claims. Safe to rerun.

    Example: tally etl articles/ feed.jsonl --db warehouse/tally.duckdb
    """
    with _clean_errors():
        summary = pipeline.run_etl(paths, db, progress=False if (quiet or as_json) else None)
    _print_problems(summary.problems)
    if as_json:
        print(json.dumps(summary.to_dict(), default=str))
    elif not quiet:
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
    raise typer.Exit(summary.exit_code)


@app.command()
def extract(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="An article file (.txt, .md, .jsonl).", show_default=False)
    ],
) -> None:
    """Print the claims of each article in FILE as JSON lines, touching no database.

    Example: tally extract examples/reuters-2022-06-severodonetsk.txt
    """
    failed = False
    with _clean_errors():
        for item in pipeline.extract_path(file):
            if isinstance(item, ReadProblem):
                _print_problems([item])
                failed = True
            else:
                print(json.dumps(item, ensure_ascii=False))
    raise typer.Exit(1 if failed else 0)


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
    out.print(_runs_table(runs))


def _runs_table(runs: list[dict[str, Any]]) -> Table:
    table = Table("run", "started (UTC)", "status", "new", "skip", "redo", "fail", "claims +/-")
    for column in table.columns[:2]:
        column.no_wrap = True
    for r in runs:
        table.add_row(
            r["run_id"], f"{r['started_at']:%Y-%m-%d %H:%M:%S}", r["status"],
            *(str(r[k] if r[k] is not None else "") for k in
              ("articles_new", "articles_skipped", "articles_reextracted", "articles_failed")),
            f"+{r['claims_added'] or 0}/-{r['claims_removed'] or 0}",
        )
    return table


def main() -> None:
    """Entry point for `python -m etl.cli`."""
    app(prog_name="tally")


if __name__ == "__main__":
    sys.exit(main())
