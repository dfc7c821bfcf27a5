"""The dashboard in a real browser: `tally dashboard` on a test warehouse, loaded in Debian's
headless Chromium through Playwright (no browser download; `scripts/test` installs chromium).

Skipped only when /usr/bin/chromium is missing AND the environment variable CI is unset:
under CI a missing browser is a failure. Screenshots go to pytest's temporary folder.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard import screenshot
from tests.test_dashboard import build_test_warehouse

PAGES = (
    screenshot.Shot("/", "overview.png", screenshot.TABLE),
    screenshot.Shot("/time-series?metric=killed", "time-series.png"),
    screenshot.Shot("/disagreements", "disagreements.png"),
)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not screenshot.CHROMIUM.exists():
        message = f"{screenshot.CHROMIUM} is missing (apt-get install chromium; scripts/test does it as root)"
        if in_ci():
            pytest.fail(f"CI is set: {message}")
        pytest.skip(message)
    return screenshot.CHROMIUM


def test_dashboard_renders_in_chromium(chromium: Path, tmp_path: Path) -> None:
    db = build_test_warehouse(tmp_path / "warehouse")
    with screenshot.serve(db) as base_url:
        reports = screenshot.capture(base_url, PAGES, tmp_path / "screenshots")
    overview, time_series, disagreements = reports
    for report in reports:
        assert report.exceptions == [], f"{report.url} shows an exception: {report.exceptions}"
        assert report.screenshot.stat().st_size > 10_000  # a real picture, not a blank page
    assert time_series.charts == 2  # totals and the per-day rate, on separate charts
    assert disagreements.charts >= 1
    assert overview.charts == 0
    print(f"screenshots in {tmp_path / 'screenshots'}")
