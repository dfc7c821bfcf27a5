"""Launching the tools Tally wraps: the DuckDB shell and the Streamlit dashboard.

Each `*_command` builds the argv (and environment) to run; `exec_command` replaces the
current process with it, so signals and the terminal go straight to the tool.
"""
from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from etl.errors import ConfigError
from warehouse.db import DB_ENV_VAR, connect, resolve_db_path

DASHBOARD_APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
DEFAULT_PORT = 8501


@dataclass(frozen=True)
class Command:
    """A program to run: its argv and the environment variables to add."""

    argv: list[str]
    env: dict[str, str]


def duckdb_executable() -> str:
    """The `duckdb` shell installed beside this Python (the duckdb-cli package), else the one on PATH."""
    beside = Path(sys.executable).parent / "duckdb"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("duckdb")
    if found is None:
        raise ConfigError("no `duckdb` shell found: run `uv sync` (it installs duckdb-cli) and retry")
    return found


def sql_command(db_path: str | os.PathLike[str] | None = None, write: bool = False) -> Command:
    """The DuckDB shell on the warehouse (read-only unless `write`); SQL on stdin runs non-interactively.

    Checks first that the file exists and can be opened (waiting for a running ETL),
    so the user gets Tally's message rather than the shell's.
    """
    db = resolve_db_path(db_path)
    connect(db, read_only=True).close()
    argv = [duckdb_executable()]
    if not write:
        argv.append("-readonly")
    argv.append(str(db))
    return Command(argv, {})


def dashboard_command(db_path: str | os.PathLike[str] | None = None, port: int = DEFAULT_PORT) -> Command:
    """`streamlit run dashboard/app.py` on the warehouse, headless, on `port`."""
    if not DASHBOARD_APP.is_file():
        raise ConfigError(f"the dashboard is not installed: {DASHBOARD_APP} is missing")
    db = resolve_db_path(db_path)
    argv = [
        sys.executable, "-m", "streamlit", "run", str(DASHBOARD_APP),
        "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
        # a set server address also stops Streamlit from asking an outside service for this host's IP
        "--browser.serverAddress", "localhost", "--client.toolbarMode", "viewer",
        # no watching of the sources for edits: it is for developing the app, and its polling and its
        # module walk after every page run were most of an idle or reloading server's CPU
        "--server.fileWatcherType", "none", "--server.runOnSave", "false",
        "--", "--db", str(db),
    ]
    return Command(argv, {DB_ENV_VAR: str(db)})


def exec_command(command: Command) -> None:
    """Replace this process with `command` (never returns)."""
    env = {**os.environ, **command.env}
    os.execve(command.argv[0], command.argv, env)
