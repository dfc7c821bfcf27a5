"""The one place Tally opens DuckDB: path resolution, connections, migrations, views, audits.

Nothing else calls `duckdb.connect`. DuckDB allows one writing process per file, and a
reader cannot open a file a writer holds (nor a writer one that readers hold). `connect`
waits with backoff while another process holds the file lock, and two small lock files
beside the warehouse (`fcntl.flock`, where the platform has it) settle who goes next:

- the **gate** (`<file>.gate.lock.tmp`): a writer holds it exclusively while it waits for
  the file, and readers pass it (shared, for the instant of their connect) before they
  open the file; so a writer waits for the queries already running, never for a stream of
  new ones (three dashboard tabs reloading every second would otherwise starve it);
- the **waiting room** (`<file>.readers.lock.tmp`): a reader that finds the file held holds
  it shared while it waits, so the writer can tell, between two batches, that someone
  wants in (`readers_waiting`) and let go.

`Writer` is how the ETL uses this: one connection held across batches while nobody waits,
handed back between batches when a reader does (see its docstring).
"""
from __future__ import annotations

import os
import threading
import time
from types import TracebackType
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from etl.errors import ConfigError, WarehouseLockedError, WarehouseMissingError, storage_error, storage_reason

try:  # POSIX; elsewhere readers and the writer meet at DuckDB's own lock only
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

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


def gate_path(path: str | os.PathLike[str]) -> Path:
    """The gate lock file of a warehouse: a writer holds it while it waits for the file."""
    real = Path(path).resolve()
    return real.with_name(real.name + ".gate.lock.tmp")


def waiting_room_path(path: str | os.PathLike[str]) -> Path:
    """The waiting-room lock file of a warehouse: readers hold it (shared) while they wait."""
    real = Path(path).resolve()
    return real.with_name(real.name + ".readers.lock.tmp")


class _SideLock:
    """One of the warehouse's side lock files (`flock`), opened lazily; a no-op where the
    file cannot be had (no `fcntl`, or a reader that may not create it)."""

    def __init__(self, path: Path, create: bool) -> None:
        self.fd: int | None = None
        self.held = False
        if fcntl is None:
            return
        try:
            self.fd = os.open(path, os.O_RDWR | os.O_CREAT if create else os.O_RDONLY, 0o666)
        except OSError:
            self.fd = None

    def try_lock(self, exclusive: bool) -> bool:
        """Take the lock without waiting; True when held (or when there is no lock file)."""
        if self.fd is None:
            return True
        try:
            fcntl.flock(self.fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except OSError:
            return False
        self.held = True
        return True

    def unlock(self) -> None:
        if self.fd is not None and self.held:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            self.held = False

    def close(self) -> None:
        if self.fd is not None:
            self.unlock()
            os.close(self.fd)
            self.fd = None


def readers_waiting(path: str | os.PathLike[str]) -> bool:
    """Whether a reader is waiting for the warehouse file (it holds the waiting room)."""
    room = _SideLock(waiting_room_path(path), create=False)
    try:
        if room.fd is None:
            return False
        free = room.try_lock(exclusive=True)
        return not free
    finally:
        room.close()


def connect(
    path: str | os.PathLike[str],
    read_only: bool = False,
    timeout_s: float = DEFAULT_LOCK_TIMEOUT_S,
) -> Connection:
    """Open the warehouse at `path` (UTC session), waiting up to `timeout_s` for another process's lock.

    Read-write opens create the file (and its folder) if needed; read-only opens of a
    missing file raise `WarehouseMissingError`. A lock held past the timeout raises
    `WarehouseLockedError`; a file DuckDB cannot open (not a database, a folder, no
    permission) raises `ConfigError`. A writer takes the gate first (new readers wait for
    it); a reader passes the gate and, while the file is held, sits in the waiting room.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseMissingError(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout_s
    gate = _SideLock(gate_path(path), create=not read_only)
    # Readers may not be allowed to create files beside the warehouse: the writer makes the room.
    room = _SideLock(waiting_room_path(path), create=not read_only)
    if not read_only:
        room.close()
        room = None
    # A writer polls often: readers hold the gate only for the instant of their connect and
    # the file only for one query.
    delay, max_delay = (0.05, 0.1) if read_only else (0.002, 0.05)
    try:
        while True:
            if gate.try_lock(exclusive=not read_only):
                try:
                    con = duckdb.connect(str(path), read_only=read_only)
                    break
                except duckdb.IOException as exc:
                    if not _is_lock_conflict(exc):
                        if not read_only and storage_reason(exc):
                            raise storage_error(exc, f"the warehouse {path}") from exc
                        raise ConfigError(
                            f"cannot open the warehouse {path}: {' '.join(str(exc).split())}") from exc
                    holder = _lock_holder(exc)
                finally:
                    if read_only:
                        gate.unlock()
            else:
                holder = "a writer is waiting for it"
            if room is not None and not room.held:
                room.try_lock(exclusive=False)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WarehouseLockedError(path, timeout_s, holder)
            time.sleep(min(delay, remaining))
            delay = min(delay * 2, max_delay)
    finally:
        gate.close()
        if room is not None:
            room.close()
    # TimeZone cannot go in connect(config=...): ICU is loaded only once the database is open.
    con.execute("SET TimeZone = 'UTC'")
    # DuckDB draws its own progress bar on stdout for any query past two seconds (a read model's
    # refresh at a million claims): it would break `tally etl --json` and cut into rich's progress.
    try:
        con.execute("SET enable_progress_bar = false")
    except duckdb.InvalidInputException:
        pass  # a Jupyter kernel without ipywidgets: DuckDB refuses any change to it (its bar there is a widget)
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
            _migrate_for(con, path)
        yield con
    finally:
        con.close()


def _migrate_for(con: Connection, path: str | os.PathLike[str]) -> None:
    try:
        migrate(con)
    except duckdb.Error as exc:
        if storage_reason(exc):  # a full disk shows first here, when a new file gets its tables
            raise storage_error(exc, f"the warehouse {path}") from exc
        raise


class Writer:
    """The ETL's read-write connection, held across batches and handed over to readers.

    `use()` lends the connection (opening the warehouse when it is not open, migrating it the
    first time only: a run's later opens skip the migrations and views). While nobody waits,
    the file stays open for the whole run: one open and one close. When a reader waits (the
    waiting room) and the connection has been held for `min_hold_s`, it is closed as soon as
    it is not in use: by `offer()` after a batch, or by a watcher thread while the run is
    busy elsewhere (extracting, fetching a feed). The next `use()` then waits `gap_s` after
    that close before it takes the gate, so that a dashboard page's few queries run in
    between. DuckDB's automatic checkpoints are raised for the writer, so that a batch
    commits to the write-ahead log and the file is checkpointed when it is handed over (or
    when the log grows past `checkpoint_mb`), not once per batch. That threshold is low on
    purpose: DuckDB keeps the rows committed since the last checkpoint in memory, so the
    writer's memory would otherwise grow with the run (to hundreds of MB at 50,000 articles).
    """

    def __init__(self, path: str | os.PathLike[str], timeout_s: float = DEFAULT_LOCK_TIMEOUT_S, *,
                 min_hold_s: float = 0.5, gap_s: float = 0.25, checkpoint_mb: int = 32,
                 watch_s: float = 0.05) -> None:
        self.path = Path(path)
        self.timeout_s = timeout_s
        self.min_hold_s = min_hold_s
        self.gap_s = gap_s
        self.checkpoint_mb = checkpoint_mb
        self.opens = 0
        self.waited_s = 0.0  # in gaps left to readers and waiting for their queries to end
        self._con: Connection | None = None
        self._opened_at = 0.0
        self._closed_at = 0.0
        self._migrated = False
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._watcher = threading.Thread(target=self._watch, args=(watch_s,), name="tally-writer-watch",
                                         daemon=True)
        self._watcher.start()

    @contextmanager
    def use(self) -> Iterator[Connection]:
        """The connection, for one piece of work (the watcher does not close it meanwhile)."""
        with self._lock:
            yield self._connection()

    def _connection(self) -> Connection:
        if self._con is None:
            began = time.monotonic()
            wait = self.gap_s - (began - self._closed_at)
            if self.opens and wait > 0:
                time.sleep(wait)
            try:
                con = connect(self.path, timeout_s=self.timeout_s)
            finally:
                self.waited_s += time.monotonic() - began
            try:
                if not self._migrated:
                    _migrate_for(con, self.path)
                    self._migrated = True
                con.execute(f"SET wal_autocheckpoint = '{self.checkpoint_mb}MB'")
                # A large commit would otherwise skip the log and checkpoint the whole file.
                con.execute("SET auto_checkpoint_skip_wal_threshold = 1000000000")
            except BaseException:
                con.close()
                raise
            self._con, self._opened_at = con, time.monotonic()
            self.opens += 1
        return self._con

    @property
    def is_open(self) -> bool:
        return self._con is not None

    def offer(self) -> bool:
        """Close the connection if a reader waits for it and it was held long enough (and it is
        not in use); True when it was closed."""
        if self._con is None or time.monotonic() - self._opened_at < self.min_hold_s:
            return False
        if not readers_waiting(self.path) or not self._lock.acquire(blocking=False):
            return False
        try:
            self.close()
        finally:
            self._lock.release()
        return True

    def _watch(self, every_s: float) -> None:
        while not self._stop.wait(every_s):
            try:
                self.offer()
            except Exception:  # a failed close shows again, and is raised, in the run's own thread
                pass

    def checkpoint(self) -> None:
        """Write the log into the file now (a full disk shows here, in the caller's thread)."""
        with self.use() as con:
            con.execute("CHECKPOINT")

    def close(self) -> None:
        """Close the connection (checkpointing the file) if it is open."""
        with self._lock:
            if self._con is not None:
                con, self._con = self._con, None
                try:
                    con.close()
                finally:
                    self._closed_at = time.monotonic()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        self._watcher.join()
        self.close()


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


def macro_files() -> list[Path]:
    """Every macro file, in the order they are created: the scalar conditions the table macros use
    (warehouse/macros/conditions: DuckDB binds a macro's calls when it is created), then the table
    macros (warehouse/macros), one `CREATE OR REPLACE MACRO` per file."""
    return [*sorted(MACROS_DIR.glob("conditions/*.sql")), *sorted(MACROS_DIR.glob("*.sql"))]


def create_views(con: Connection) -> list[str]:
    """(Re)create every view in warehouse/views (one `CREATE OR REPLACE VIEW` per file), then every
    macro (`macro_files`)."""
    names = []
    for path in [*sorted(VIEWS_DIR.glob("*.sql")), *macro_files()]:
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
