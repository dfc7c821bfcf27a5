"""The dashboard in a real browser: `tally dashboard` on a test warehouse, loaded in Debian's
headless Chromium through Playwright (no browser download; `scripts/test` installs chromium).

Skipped only when /usr/bin/chromium is missing AND the environment variable CI is unset:
under CI a missing browser is a failure. Screenshots go to pytest's temporary folder.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard import screenshot
from tests.test_dashboard import build_test_warehouse

PAGES = (
    screenshot.Shot("/", "overview.png", screenshot.TABLE),
    screenshot.Shot("/series?metric=killed&category=civilian&location=Kharkiv&unit=people&scope=cumulative",
                    "series.png", full_page=True),
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
    overview, series, disagreements = reports
    for report in reports:
        assert report.exceptions == [], f"{report.url} shows an exception: {report.exceptions}"
        assert report.screenshot.stat().st_size > 10_000  # a real picture, not a blank page
    assert series.charts == 1  # one figure, a panel per scope
    assert series.texts["panels"] == ["cumulative", "incident", "period"]
    # the checks table (drawn on a canvas: its cells are no page text) under its heading
    assert "Do the dailies add up?\n" in series.texts["main"] and "Download CSV (2 rows)" in series.texts["main"]
    assert disagreements.charts >= 1
    assert overview.charts == 0
    print(f"screenshots in {tmp_path / 'screenshots'}")


def test_article_text_never_becomes_a_link_in_chromium(chromium: Path, tmp_path: Path) -> None:
    """Streamlit's markdown makes links of bare URLs, `www.` names and e-mail addresses however they
    are escaped; the provenance card shows them as text, its only link the article's own."""
    from playwright.sync_api import sync_playwright

    root = Path(__file__).resolve().parent.parent
    port = screenshot.free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(root / "tests" / "pages" / "provenance.py"),
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.address", "127.0.0.1", "--browser.serverAddress", "localhost"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        base_url = f"http://127.0.0.1:{port}"
        while not screenshot._healthy(base_url):
            assert server.poll() is None, "streamlit exited"
            time.sleep(0.2)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(chromium), args=list(screenshot.CHROMIUM_ARGS))
            page = browser.new_page()
            page.goto(base_url)
            page.get_by_text("Officials at", exact=False).first.wait_for(timeout=60_000)
            card = page.locator('[data-testid="stMain"]')
            links = card.locator("a")
            hrefs = [h for i in range(links.count()) if not (h := links.nth(i).get_attribute("href") or "#").startswith("#")]
            shown = card.inner_text()
            browser.close()
        assert hrefs == ["https://example.org/a5"], hrefs
        for words in ("www.example.net", "https://example.com/report", "press@example.org", "news@example.org",
                      "<a href=https://evil.example>y</a>"):
            assert words in shown, (words, shown)
        assert "said 14 people were injured" in shown  # the spaces around the bold figure words stay
    finally:
        os.killpg(server.pid, 15)  # the session this test started
        server.wait(timeout=20)
