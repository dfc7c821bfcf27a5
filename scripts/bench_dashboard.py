#!/usr/bin/env python3
"""Time the dashboard's work per chart on a warehouse: query, figure building, serialisation.

    .venv/bin/python scripts/generate_corpus.py --articles 1000 --out /tmp/corpus.jsonl
    .venv/bin/tally etl /tmp/corpus.jsonl --db /tmp/corpus.duckdb
    .venv/bin/python scripts/bench_dashboard.py --db /tmp/corpus.duckdb [--browser]

For every metric: the uncached query (a fresh read-only connection, as on a page's first
load), the figures of its chart groups, and their JSON (what Streamlit sends to the
browser); likewise the overview and the disagreements. Each step is the best of --repeat
runs. With --browser it also serves the dashboard and measures, in headless Chromium, the
seconds from navigation start until the first chart of each page is painted (end to end,
timed in the page on the first animation frame that shows it): after one warm-up load,
each page is loaded --loads times (default 3) and the median and the best are printed;
the budget applies to the median, so one slow load on a shared machine does not decide it.
Repeat loads show the dashboard's caches at work (queries and figures, 60 s), as an
analyst reopening a page sees them; the first load of each page after the warm-up is a
cache miss.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard import charts, data, tables  # noqa: E402

BUDGET_S = 1.0


def best_of(repeat: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of `repeat` runs of `work`, and its last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def bench(db: Path, repeat: int) -> list[tuple[str, int, float, float, float]]:
    """(page, rows, query s, figure s, json s) per metric, overview and disagreements."""
    results = []
    for metric in data.list_metrics(db):
        q, claims = best_of(repeat, lambda: data.claims_for_metric(db, metric))
        f, figures = best_of(repeat, lambda: [charts.time_series_figure(rows) for _, rows in charts.chart_groups(claims)])
        j, _ = best_of(repeat, lambda: [fig.to_json() for fig in figures])
        results.append((f"time series: {metric}", len(claims), q, f, j))
    q, latest = best_of(repeat, lambda: data.latest_figures(db))
    f, _ = best_of(repeat, lambda: tables.overview_table(latest))
    results.append(("overview", len(latest), q, f, 0.0))
    q, pairs = best_of(repeat, lambda: data.disagreements(db, None, 7, 500))
    f, figures = best_of(repeat, lambda: [charts.disagreement_figure(rows) for _, rows in charts.chart_groups(pairs)])
    j, _ = best_of(repeat, lambda: [fig.to_json() for fig in figures])
    results.append(("disagreements", len(pairs), q, f, j))
    return results


def bench_browser(db: Path, loads: int) -> list[tuple[str, float, float]]:
    """(page, median s, best s) until the first chart is painted in headless Chromium."""
    from dashboard import screenshot

    shots = [screenshot.Shot(f"/time-series?metric={m}", f"{m}.png") for m in data.list_metrics(db)]
    shots.append(screenshot.Shot("/disagreements", "disagreements.png",
                                 f"{screenshot.CHART}, {screenshot.NOTICE}"))
    with tempfile.TemporaryDirectory() as out, screenshot.serve(db) as base_url:
        reports = screenshot.capture(base_url, shots, out, warm_up=True, loads=loads)
    return [(r.url.split("/", 3)[-1], r.seconds_to_content, r.best_seconds) for r in reports]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--browser", action="store_true", help="also time pages in headless Chromium")
    parser.add_argument("--loads", type=int, default=3, help="browser loads per page (default 3)")
    args = parser.parse_args()
    claims = data.run_query(args.db, "claims", {
        "metric": None, "claim_ids": [], **data.ClaimFilters().params()})
    print(f"{args.db}: {len(claims)} claims, {claims['article_id'].nunique()} articles")
    print(f"{'page':<28} {'rows':>6} {'query s':>8} {'figure s':>9} {'json s':>7} {'total s':>8}")
    worst = 0.0
    for page, rows, q, f, j in bench(args.db, args.repeat):
        total = q + f + j
        worst = max(worst, total)
        print(f"{page:<28} {rows:>6} {q:>8.3f} {f:>9.3f} {j:>7.3f} {total:>8.3f}")
    print(f"slowest page work: {worst:.3f} s (budget {BUDGET_S:.1f} s)")
    if args.browser:
        print(f"\n{'page (headless Chromium)':<36} {'s to first chart: median':>24} {'best':>6}"
              f"  ({args.loads} loads after a warm-up)")
        slowest = 0.0
        for page, median, best in bench_browser(args.db, args.loads):
            slowest = max(slowest, median)
            print(f"{page:<36} {median:>24.2f} {best:>6.2f}")
        print(f"slowest chart to appear (median): {slowest:.2f} s (budget {BUDGET_S:.1f} s)")
        worst = max(worst, slowest)
    return 0 if worst <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
