"""The one place Tally opens DuckDB: path resolution, connections, migrations, views, audits.

Nothing else calls `duckdb.connect`. DuckDB allows one writing process per file (and a
reader cannot open a file a writer holds), so connections are short-lived: open, do one
batch, close. `connect` waits with backoff while another process holds the file lock.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from etl.errors import ConfigError, WarehouseLockedError, WarehouseMissingError, storage_error, storage_reason

DEFAULT_DB_PATH = Path("warehouse") / "tally.duckdb"
DB_ENV_VAR = "TALLY_DB"
DEFAULT_LOCK_TIMEOUT_S = 10.0

_HERE = Path(__file__).resolve().parent
MIGRATIONS_DIR = _HERE / "migrations"
VIEWS_DIR = _HERE / "views"
MACROS_DIR = _HERE / "macros"
AUDITS_DIR = _HERE / "audits"

Connection = duckdb.DuckDBPyConnection


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The warehouse file: `--db` if given, else $TALLY_DB, else warehouse/tally.duckdb (cwd-relative)."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get(DB_ENV_VAR)
    if env:
        return Path(env)
    return DEFAULT_DB_PATH


def project_db_path(start: str | os.PathLike[str] | None = None) -> Path:
    """The warehouse a notebook or script in the project means: $TALLY_DB if set, else the
    `warehouse/tally.duckdb` of the Tally checkout holding `start` (default: the working folder),
    found by walking up to the folder with `pyproject.toml` and `warehouse/`, so that it is the same
    file from `notebooks/` as from the root; else the default, relative to the working folder."""
    env = os.environ.get(DB_ENV_VAR)
    if env:
        return Path(env)
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "warehouse").is_dir():
            return folder / DEFAULT_DB_PATH
    return DEFAULT_DB_PATH


def utc_now() -> datetime:
    """Current UTC time as a naive datetime (what a DuckDB TIMESTAMP column stores)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    msg = str(exc)
    return "Could not set lock" in msg or "Conflicting lock" in msg


def connect(
    path: str | os.PathLike[str],
    read_only: bool = False,
    timeout_s: float = DEFAULT_LOCK_TIMEOUT_S,
) -> Connection:
    """Open the warehouse at `path` (UTC session), waiting up to `timeout_s` for another process's lock.

    Read-write opens create the file (and its folder) if needed; read-only opens of a
    missing file raise `WarehouseMissingError`. A lock held past the timeout raises
    `WarehouseLockedError`; a file DuckDB cannot open (not a database, a folder, no
    permission) raises `ConfigError`.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseMissingError(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout_s
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if not _is_lock_conflict(exc):
                if not read_only and storage_reason(exc):
                    raise storage_error(exc, f"the warehouse {path}") from exc
                raise ConfigError(f"cannot open the warehouse {path}: {' '.join(str(exc).split())}") from exc
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WarehouseLockedError(path, timeout_s, _lock_holder(exc)) from exc
            time.sleep(min(delay, remaining))
            delay = min(delay * 2, 0.5)
    # TimeZone cannot go in connect(config=...): ICU is loaded only once the database is open.
    con.execute("SET TimeZone = 'UTC'")
    return con


def _lock_holder(exc: duckdb.Error) -> str:
    """The 'PID n' part of DuckDB's lock message, if present, to tell the user who holds it."""
    msg = str(exc)
    start = msg.find("(PID")
    return msg[start + 1 : msg.find(")", start)] if start >= 0 else ""


@contextmanager
def open_db(
    path: str | os.PathLike[str],
    read_only: bool = False,
    timeout_s: float = DEFAULT_LOCK_TIMEOUT_S,
) -> Iterator[Connection]:
    """A short-lived connection; read-write opens are migrated (tables and views) first."""
    con = connect(path, read_only=read_only, timeout_s=timeout_s)
    try:
        if not read_only:
            try:
                migrate(con)
            except duckdb.Error as exc:
                if storage_reason(exc):  # a full disk shows first here, when a new file gets its tables
                    raise storage_error(exc, f"the warehouse {path}") from exc
                raise
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: Connection) -> Iterator[Connection]:
    """BEGIN ... COMMIT, or ROLLBACK if the block raises: a batch is stored whole or not at all."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


# --- migrations -------------------------------------------------------------------------

def migration_files() -> list[Path]:
    """Every `NNNN_name.sql` in warehouse/migrations, in the order they apply."""
    return sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql"))


def _ensure_migrations_table(con: Connection) -> None:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
    )
    con.execute(
        "COMMENT ON TABLE schema_migrations IS "
        "'Migrations from warehouse/migrations applied to this file, with when.'"
    )


def applied_migrations(con: Connection) -> list[str]:
    """Names of the migrations already applied to this database, in order."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return []
    return [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]


def pending_migrations(con: Connection) -> list[str]:
    """Names of the migration files not yet applied to this database."""
    done = set(applied_migrations(con))
    return [p.stem for p in migration_files() if p.stem not in done]


def migrate(con: Connection) -> list[str]:
    """Apply pending migrations in order (each in its own transaction), then (re)create the views.

    Returns the names of the migrations applied now.
    """
    _ensure_migrations_table(con)
    applied = []
    for name in pending_migrations(con):
        sql = (MIGRATIONS_DIR / f"{name}.sql").read_text(encoding="utf-8")
        with transaction(con):
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, utc_now()])
        applied.append(name)
    create_views(con)
    return applied


def create_views(con: Connection) -> list[str]:
    """(Re)create every view in warehouse/views (one `CREATE OR REPLACE VIEW` per file), then every
    table macro in warehouse/macros (one `CREATE OR REPLACE MACRO` per file)."""
    names = []
    for path in [*sorted(VIEWS_DIR.glob("*.sql")), *sorted(MACROS_DIR.glob("*.sql"))]:
        con.execute(path.read_text(encoding="utf-8"))
        names.append(path.stem)
    return names


# --- audits -----------------------------------------------------------------------------

@dataclass(frozen=True)
class AuditResult:
    """One audit query and the bad rows it found (none when the warehouse is sound)."""

    name: str
    description: str
    rows: list[dict[str, Any]]

    @property
    def ok(self) -> bool:
        return not self.rows


def audit_files() -> list[Path]:
    """Every audit query in warehouse/audits, by name."""
    return sorted(AUDITS_DIR.glob("*.sql"))


def _header(sql: str) -> str:
    """The first comment lines of a SQL file, without the leading `--` (the audit's description)."""
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.lstrip("- ").strip())
    return " ".join(lines)


def run_audits(con: Connection) -> list[AuditResult]:
    """Run every audit; each returns the rows that break one warehouse invariant."""
    results = []
    for path in audit_files():
        sql = path.read_text(encoding="utf-8")
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
        results.append(AuditResult(path.stem, _header(sql), rows))
    return results
