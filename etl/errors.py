"""Tally's error classes: each message says what went wrong, where, and what to do.

The CLI turns any `TallyError` into a one-line message and its `exit_code` (2), an `OSError`
from the machine (read-only or full disk, permissions) into a one-line message and 2, and
anything else, a bug, into exit code 3 with the traceback written to a file.
"""
from __future__ import annotations

import errno


class TallyError(Exception):
    """Base class for errors the user can act on."""

    exit_code = 2


class ConfigError(TallyError):
    """A path, option or setting that cannot work (exit code 2)."""


class WarehouseMissingError(ConfigError):
    """A read-only command was pointed at a database file that does not exist."""

    def __init__(self, path: object) -> None:
        super().__init__(
            f"no Tally warehouse at {path}: run `tally etl PATH --db {path}` first, "
            "or point --db / TALLY_DB at an existing file"
        )


class WarehouseLockedError(TallyError):
    """Another process holds the DuckDB file lock for longer than we were willing to wait."""

    def __init__(self, path: object, timeout_s: float, detail: str = "") -> None:
        msg = (
            f"the warehouse {path} is in use by another process (waited {timeout_s:g} s): "
            "close other `tally sql` / dashboard / ETL sessions on it and retry"
        )
        super().__init__(msg + (f" [{detail}]" if detail else ""))


class EtlBusyError(TallyError):
    """Another `tally etl` run on the same warehouse did not finish in time."""

    def __init__(self, lock_path: object, timeout_s: float) -> None:
        super().__init__(
            f"another `tally etl` is running on this warehouse (lock {lock_path}, waited "
            f"{timeout_s:g} s): wait for it to finish and retry"
        )


class LoadError(TallyError):
    """A batch could not be stored; the transaction was rolled back, nothing of it was kept."""


class WarehouseNotInitialisedError(ConfigError):
    """A database file that exists but holds no Tally tables (no ETL has written to it)."""

    def __init__(self, path: object) -> None:
        super().__init__(
            f"{path} is a DuckDB file without Tally's tables (no `tally etl` has written to it): "
            f"run `tally etl PATH --db {path}` first, or point --db / TALLY_DB at your warehouse"
        )


class StorageError(TallyError):
    """The file system refuses a write Tally needs: read-only, full, or not permitted (exit code 2)."""


_OS_REASONS = {
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "disk full (no space left on device)",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
}
# The same conditions as DuckDB words them in its IO errors.
_TEXT_REASONS = (
    ("Read-only file system", errno.EROFS),
    ("No space left on device", errno.ENOSPC),
    ("Disk quota exceeded", errno.EDQUOT),
    ("Permission denied", errno.EACCES),
)


def storage_reason(exc: BaseException) -> str | None:
    """"read-only file system", "disk full ...", "permission denied" when `exc` (an OSError, or a
    DuckDB IO error quoting one) is one of those; else None."""
    if isinstance(exc, OSError) and exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    text = str(exc)
    for phrase, code in _TEXT_REASONS:
        if phrase in text:
            return _OS_REASONS[code]
    return None


def storage_error(exc: BaseException, what: str) -> TallyError:
    """A clear `StorageError` for a failed write of `what` ("the warehouse /srv/tally.duckdb")."""
    reason = storage_reason(exc) or (getattr(exc, "strerror", None) or " ".join(str(exc).split()))
    return StorageError(f"cannot write {what}: {reason}; free space, fix permissions or choose another --db")
