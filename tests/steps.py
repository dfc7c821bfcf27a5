"""Counting the work a function does, for tests of how its cost grows (never wall-clock time).

`count_steps` counts the lines of Python the interpreter executes in Tally's own packages while
a call runs (`sys.settrace` line events: every loop iteration counts, comprehensions included).
The count is the same on a fast machine and a loaded one, so a test can double the input and
check that the work roughly doubles.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = tuple(str(ROOT / name) for name in ("etl", "warehouse", "dashboard"))


def count_steps(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[int, Any]:
    """(lines executed in Tally's packages while `fn(*args, **kwargs)` runs, its result)."""
    steps = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal steps
        if event == "line":
            steps += 1
        return local

    def calls(frame: Any, event: str, arg: Any) -> Any:
        # library code (dateparser, the regex engine) is not traced line by line: it runs in
        # bounded pieces that Tally's own loops call, and those calls are counted
        return local if frame.f_code.co_filename.startswith(PACKAGES) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        result = fn(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return steps, result
