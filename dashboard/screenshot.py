"""The dashboard in a real browser: serve it, load its pages in Debian's headless Chromium,
report what rendered, and save screenshots.

Used by the browser test (tests/test_browser.py) and by `scripts/screenshot`, which
regenerates the README images. Playwright drives the system Chromium at CHROMIUM
(`apt-get install chromium`); it never downloads a browser. Playwright is a test
dependency (`uv sync` installs it), imported only when a page is captured.

    python -m dashboard.screenshot --db /tmp/ex.duckdb --out docs/
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
)
VIEWPORT = {"width": 1440, "height": 1200}
CHART = ".js-plotly-plot"
TABLE = '[data-testid="stDataFrame"]'
EXCEPTION = '[data-testid="stException"]'
NOTICE = '[data-testid="stAlert"]'  # an empty state ("No disagreements ...")
MAIN = '[data-testid="stMain"]'
# Each chart's panel titles up to their colon ("cumulative", "incident", ...), as drawn.
_PANEL_TITLES = """() => [...document.querySelectorAll('.js-plotly-plot .annotation-text')]
  .map(a => a.textContent.split(':')[0])"""
FULL_PAGE_MAX = 5000  # px: a full-page picture stops here
_MAIN_HEIGHT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return main ? main.scrollHeight : document.body.scrollHeight;
}"""
# Let Plotly finish drawing (and Streamlit its last delta) before the picture is taken.
SETTLE_MS = 800
# Polled by Playwright on every animation frame (just before the browser paints): the
# time of the first frame in which the awaited selector is visible, in seconds since the
# navigation started, measured in the page (no polling delay, no round trip).
# A plotly chart counts once it has traces and has drawn them (SVG trace groups, or WebGL's canvas):
# never the blank chart a page shows while it computes (dashboard.ui.plotly_ahead).
_FIRST_PAINT = """(selector) => {
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (!(box.width > 0 && box.height > 0 && getComputedStyle(el).visibility === "visible")) continue;
    if (el.matches(".js-plotly-plot")
        && !((el._fullData || []).length > 0 && el.querySelector("g.trace, canvas"))) continue;
    return performance.now() / 1000;
  }
  return false;
}"""


@dataclass(frozen=True)
class Shot:
    """One page to capture: its URL path (with query), the file name, what to wait for."""

    path: str
    file_name: str
    wait_for: str = CHART
    full_page: bool = False  # the whole page, not only the window


# The README images: a series page with running totals, incidents and a period count (and
# whether they add up), a series page of rates from two sides, the overview table and the
# disagreements view.
README_SHOTS: tuple[Shot, ...] = (
    Shot("/series?metric=killed&category=civilian&location=Kharkiv&unit=people&scope=cumulative", "dashboard.png",
         full_page=True),
    Shot("/series?metric=killed&category=military&party=Ukraine&unit=people&scope=rate&rate=per_day",
         "dashboard-rates.png", full_page=True),
    Shot("/", "dashboard-overview.png", TABLE),
    Shot("/disagreements", "dashboard-disagreements.png", f"{CHART}, {NOTICE}"),
)


@dataclass
class PageReport:
    """What one page showed: charts drawn, exception blocks, seconds until the first chart/table.

    `load_seconds` has one entry per load of the page: seconds from navigation start to
    the first frame in which the awaited chart (or table) is visible, measured in the page.
    `seconds_to_content` is their median.
    """

    url: str
    screenshot: Path
    charts: int
    exceptions: list[str] = field(default_factory=list)
    texts: dict[str, Any] = field(default_factory=dict)  # "main": the page's text; "panels": the charts' panel titles
    seconds_to_content: float = 0.0
    load_seconds: list[float] = field(default_factory=list)

    @property
    def best_seconds(self) -> float:
        """The fastest load."""
        return min(self.load_seconds, default=self.seconds_to_content)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def serve(db: Path | str, port: int | None = None, timeout_s: float = 60.0) -> Iterator[str]:
    """`tally dashboard --db DB --port N` in the background; yields its base URL, then stops it."""
    port = port or free_port()
    tally = Path(sys.executable).with_name("tally")
    command = [str(tally)] if tally.is_file() else [sys.executable, "-m", "etl.cli"]
    process = subprocess.Popen(
        [*command, "dashboard", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        env={**os.environ, "STREAMLIT_SERVER_ADDRESS": "127.0.0.1"},
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while not _healthy(base_url):
            if process.poll() is not None:
                output = process.stdout.read() if process.stdout else ""
                raise RuntimeError(f"`tally dashboard` exited with {process.returncode}:\n{output}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"the dashboard did not answer on {base_url} within {timeout_s:g} s")
            time.sleep(0.2)
        yield base_url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # the session this helper started, nothing else
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


def _load(page: Any, url: str, wait_for: str, timeout_s: float) -> float:
    """Navigate to `url`; seconds from navigation start until `wait_for` is first painted."""
    page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
    handle = page.wait_for_function(_FIRST_PAINT, arg=wait_for, polling="raf", timeout=timeout_s * 1000)
    return float(handle.json_value())


def capture(base_url: str, shots: Sequence[Shot], out_dir: Path | str,
            timeout_s: float = 60.0, warm_up: bool = False, loads: int = 1) -> list[PageReport]:
    """Load each page in headless Chromium, wait for its chart or table, screenshot it.

    `warm_up` loads the first page once before timing anything, so the timings show a
    browser that has Streamlit's scripts cached, as an analyst's browser does. Each page
    is loaded `loads` times (a fresh navigation each time); its report has every load's
    seconds and their median, so one slow load on a busy machine does not decide it.
    """
    from playwright.sync_api import sync_playwright  # a test dependency: imported on use

    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: apt-get install chromium")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    reports = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport=VIEWPORT)
            if warm_up and shots:
                _load(page, base_url + shots[0].path, shots[0].wait_for, timeout_s)
                page.wait_for_timeout(SETTLE_MS)
            for shot in shots:
                url = base_url + shot.path
                load_seconds = []
                for _ in range(max(1, loads)):
                    load_seconds.append(_load(page, url, shot.wait_for, timeout_s))
                    page.wait_for_timeout(SETTLE_MS)
                path = out_dir / shot.file_name
                if shot.full_page:  # Streamlit scrolls inside its main block: grow the window to it
                    height = page.evaluate(_MAIN_HEIGHT)
                    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(height, 600), FULL_PAGE_MAX)})
                    page.wait_for_timeout(SETTLE_MS)
                page.screenshot(path=str(path))
                if shot.full_page:
                    page.set_viewport_size(VIEWPORT)
                reports.append(PageReport(
                    url=url, screenshot=path, charts=page.locator(CHART).count(),
                    exceptions=page.locator(EXCEPTION).all_inner_texts(),
                    texts={"main": page.locator(MAIN).inner_text(), "panels": page.evaluate(_PANEL_TITLES)},
                    seconds_to_content=statistics.median(load_seconds), load_seconds=load_seconds,
                ))
        finally:
            browser.close()
    return reports


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the dashboard on --db and save the README screenshots into --out."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="warehouse to show")
    parser.add_argument("--out", default="docs", help="folder for the PNG files (default docs/)")
    args = parser.parse_args(argv)
    with serve(args.db) as base_url:
        reports = capture(base_url, README_SHOTS, args.out)
    failed = False
    for report in reports:
        print(f"{report.screenshot}: {report.charts} chart(s), first content after "
              f"{report.seconds_to_content:.2f} s ({report.url})")
        for text in report.exceptions:
            failed = True
            print(f"  exception shown on the page: {text}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
