#!/usr/bin/env python3
"""Time the dashboard's server work per page, the size of each chart's JSON and, with --browser,
the time to the first chart in headless Chromium.

    .venv/bin/python scripts/bench_dashboard.py --db /tmp/w1m.duckdb --claims 1000000 [--browser]
    .venv/bin/python scripts/bench_dashboard.py --db warehouse/tally.duckdb          # any warehouse

`--claims N` first builds a warehouse of N claims at --db when there is none: a generated corpus
(scripts/generate_corpus.py) through the real ETL, a health ministry's weekly running toll per
place and a curated dataset's events added (what the series pages' checks and dataset panels
read), then replicated with shifted dates, places, sources and values until N claims.

Pages: the overview; series pages of the subjects with the most figures and of a seeded sample of
the others (--series); the disagreements page (every metric). Each page's server work is what its
script asks of dashboard.data, .charts, .tables and .ui: the queries, the figure, its JSON (what
Streamlit sends), the tables. "Cold" is a page's first view on a warehouse state: nothing cached,
every query on its own new connection, as after each ETL run; "warm" is a later view of the same
page, through the dashboard's caches (queries and figures keyed per warehouse state, series and
view), as every other visitor gets it. Each page is timed --repeat times per mode; p50 and p95 are
over all series pages' timings. With --browser the dashboard is served and each page timed in
Chromium from navigation start to the first frame that shows its first chart (or table): after one
warm-up load, --loads loads per page, the first of which found the server's caches cold.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard import charts, data, tables  # noqa: E402

SERVER_BUDGET_S = 0.150  # p95 of a page's server work
JSON_BUDGET_MB = 2.0  # per chart
BROWSER_BUDGET_S = 1.0  # to the first chart
GAZETTEER = Path(__file__).resolve().parents[1] / "etl" / "data" / "gazetteer.csv"


@dataclass
class Timing:
    page: str
    cold: list[float]
    warm: list[float]
    json_mb: list[float]


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def controls_work(db: str, warehouse: Any | None) -> None:
    """What every page reads first (dashboard.ui.open_warehouse and the sidebar's controls)."""
    if warehouse is None:
        data.warehouse_facts(db)
    else:
        warehouse.facts()


def series_work(db: str, key: data.SeriesKey, warehouse: Any | None) -> list[float]:
    """A series page's server work (as screens/series.py asks for it: the controls, the subjects it
    picks from, the page); returns its charts' JSON sizes in MB. With `warehouse` (a
    dashboard.ui.Warehouse) through the dashboard's caches."""
    from dashboard import ui

    view = data.SeriesView()
    controls_work(db, warehouse)
    if warehouse is None:
        data.series_subjects(db)
        page = data.series_page(db, key, view)
        figure = charts.series_figure(ui.series_chart(page))
    else:
        warehouse.query("series_subjects", None, ())
        page = warehouse.query("series_page", key, view)
        figure = warehouse.series_figure(key, view, False, None)
    figures = page.figures if page.figures is not None else page.latest
    tables.figures_table(figures.head(ui.TABLE_PREVIEW_ROWS))  # the rows the page lists, as it formats them
    if not page.checks.empty:
        tables.checks_table(page.checks, key.unit)
    return [len(figure.to_json()) / 1e6]


def overview_work(db: str, warehouse: Any | None) -> list[float]:
    controls_work(db, warehouse)
    if warehouse is None:
        data.overview_table(db)
    else:
        warehouse.overview_table((), None, ())
    return []


def disagreements_work(db: str, warehouse: Any | None) -> list[float]:
    controls_work(db, warehouse)
    if warehouse is not None:
        found = warehouse.disagreements(None, 7, 500, None, ())
        return [len(figure.to_json()) / 1e6 for _, figure, _ in found.charts]
    pairs = data.disagreements(db, None, 7, 500)
    tables.disagreement_table(pairs)
    return [len(charts.disagreement_figure(rows).to_json()) / 1e6 for _, rows in charts.unit_groups(pairs)]


def subjects(db: str, top: int, sample: int, seed: int = 7) -> list[data.SeriesKey]:
    """The `top` subjects with the most figures and a seeded sample of `sample` others."""
    series = data.series_list(db)
    keys = list(data.SeriesKey.columns())
    per_subject = series.groupby(keys, dropna=False, sort=False)["figures"].sum().reset_index()
    per_subject = per_subject.sort_values("figures", ascending=False, kind="stable")
    rows = per_subject.to_dict("records")
    picked = rows[:top] + random.Random(seed).sample(rows[top:], min(sample, max(0, len(rows) - top)))
    return [k for k in (data.SeriesKey.from_mapping(r) for r in picked) if k is not None]


def first_view(work: Callable[[Any | None], list[float]]) -> list[float]:
    """A page's work with no cache, its reads on one connection as the pages read a first view
    (`data.one_connection`), closing it included."""
    with data.one_connection():
        return work(None)


def bench(db: Path, repeat: int, top: int, sample: int) -> list[Timing]:
    """Cold and warm server work of every page, and its charts' JSON sizes."""
    from dashboard import ui
    import streamlit as st

    # the pages' cached functions run here outside a Streamlit server, which warns on every cache miss
    logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)

    path = str(db)
    warehouse = ui.Warehouse(path, data.last_modified(path))
    pages: list[tuple[str, Callable[[Any | None], list[float]]]] = [("overview", lambda w: overview_work(path, w))]
    pages += [(f"series: {tables.subject_label(*k.params().values())}", lambda w, k=k: series_work(path, k, w))
              for k in subjects(path, top, sample)]
    pages.append(("disagreements (every metric)", lambda w: disagreements_work(path, w)))
    results = []
    for name, work in pages:
        cold, warm, sizes = [], [], []
        for _ in range(repeat):
            st.cache_data.clear()
            st.cache_resource.clear()
            seconds, sizes = timed(lambda: first_view(work))
            cold.append(seconds)
            work(warehouse)  # fill the caches
            warm.append(timed(lambda: work(warehouse))[0])
        results.append(Timing(name, cold, warm, sizes))
        print(f"  {name[:70]:<70} cold {statistics.median(cold) * 1000:7.0f} ms  warm "
              f"{statistics.median(warm) * 1000:6.0f} ms  json {max(sizes, default=0):.2f} MB", flush=True)
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else 0.0


def bench_browser(db: Path, loads: int, keys: list[data.SeriesKey]) -> list[tuple[str, list[float]]]:
    """(page, seconds to the first chart per load) in headless Chromium; the first load of each page
    after the warm-up found the server's caches cold."""
    from dashboard import screenshot

    shots = [screenshot.Shot("/", "overview.png", screenshot.TABLE)]
    shots += [screenshot.Shot(tables.series_path(k.params()), f"series-{i}.png") for i, k in enumerate(keys)]
    shots.append(screenshot.Shot("/disagreements", "disagreements.png", f"{screenshot.CHART}, {screenshot.NOTICE}"))
    with tempfile.TemporaryDirectory() as out, screenshot.serve(db) as base_url:
        reports = screenshot.capture(base_url, shots, out, warm_up=True, loads=loads, timeout_s=120)
    return [(r.url.split("/", 3)[-1] or "overview", r.load_seconds) for r in reports]


def reload_cpu(db: Path, reloads: int, path: str = "/") -> dict[str, float]:
    """CPU seconds per reload of one page, unchanged warehouse, caches warm: the dashboard server's
    (the Streamlit process and its children) and headless Chromium's (every browser process), over
    `reloads` navigations in one tab, each to the first frame that shows its table or chart."""
    import psutil
    from playwright.sync_api import sync_playwright

    from dashboard import screenshot

    def tree_cpu(pids: list[int]) -> float:
        total = 0.0
        for pid in pids:
            try:
                proc = psutil.Process(pid)
                for p in [proc, *proc.children(recursive=True)]:
                    times = p.cpu_times()
                    total += times.user + times.system
            except psutil.NoSuchProcess:
                pass
        return total

    def server_pids() -> list[int]:
        me = psutil.Process()
        return [c.pid for c in me.children() if "dashboard" in " ".join(c.cmdline())]

    wait_for = f"{screenshot.CHART}, {screenshot.TABLE}, {screenshot.NOTICE}"
    with screenshot.serve(db) as base_url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(screenshot.CHROMIUM), args=list(screenshot.CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport=screenshot.VIEWPORT)
            for _ in range(2):  # the browser's and the server's caches warm
                screenshot._load(page, base_url + path, wait_for, 120)
                page.wait_for_timeout(screenshot.SETTLE_MS)
            browser_pids = [p.pid for p in psutil.Process().children(recursive=True)
                            if "chrom" in p.name().lower()]
            server, chromium, started = tree_cpu(server_pids()), tree_cpu(browser_pids), time.perf_counter()
            for _ in range(reloads):
                screenshot._load(page, base_url + path, wait_for, 120)
                page.wait_for_timeout(screenshot.SETTLE_MS)  # what a tab shows settles (as the ETL row's tabs wait)
            wall = time.perf_counter() - started
            server = tree_cpu(server_pids()) - server
            chromium = tree_cpu(browser_pids) - chromium
        finally:
            browser.close()
    return {"server_s": server / reloads, "chromium_s": chromium / reloads, "wall_s": wall / reloads}


def refresh_cost(db: Path) -> dict[str, float]:
    """Seconds `read_model.refresh` takes per read model at the end of a run that wrote, on a copy
    of `db` whose read models are all out of date (the original is never written)."""
    import shutil

    from warehouse import db as warehouse_db, read_model

    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / db.name
        shutil.copyfile(db, copy)
        with warehouse_db.open_db(copy) as con:
            con.execute("DELETE FROM read_model_state")
            return read_model.refresh(con)


# --- a warehouse of N claims ----------------------------------------------------------------

# The base corpus: generated articles through the real ETL (extractor and assembly), so claims,
# scopes, sources and figure ids are the real pipeline's. Replicas shift it in time, place, source
# and size until the warehouse holds N claims.
BASE_ARTICLES = 4000
BASE_COPIES = 0.1
SHIFT_DAYS = 15  # replica r is dated r * 15 days later: 70 replicas span about 3.5 years
PLACE_GROUPS = 12  # replica r's places are the r % 12-th set of Ukrainian cities (group 0: the corpus's own)
SOURCE_VARIANTS = 3  # local authorities speak as one of 3 variants (regional governor, regional governor 2, ...)
HEALTH_MINISTRY = "bench-health-ministry"
DATASET = "bench-events-dataset"

# Added to the base before replication, so that every page has something to show at scale: a
# health ministry's weekly running toll of civilians killed per place (the running sum of the
# incidents reported there: what the reconciliation panel checks), and a curated dataset's events
# (sources.kind 'dataset', scope incident, one claim per event, as an importer stores them).
_BASE_EXTRAS = """
INSERT INTO sources VALUES
    ('bench-health-ministry', 'Health Ministry of Ukraine (bench)', 'government', 'Ukraine'),
    ('bench-events-dataset', 'Events dataset (bench)', 'dataset', NULL);

CREATE TEMP TABLE incident_figures AS
SELECT coalesce(c.figure_id, c.claim_id) AS figure_id, any_value(c.location) AS location,
       any_value(c.category) AS category, min(c.as_of) AS as_of, any_value(c.value_best) AS value_best,
       arg_min(c.article_id, c.as_of) AS article_id
FROM claims AS c
WHERE c.metric = 'killed' AND c.scope = 'incident' AND c.location IS NOT NULL AND c.as_of IS NOT NULL
GROUP BY 1;

-- the weekly running toll: one exact cumulative claim per place and week, in the week's last article
INSERT INTO claims (claim_id, article_id, metric, category, party, value_low, value_best, value_high, unit,
                    qualifier, rate, period_start, as_of, source, location, quote, span_start, span_end, rule,
                    extractor_version, scope, source_id, figure_id)
SELECT 'bench-toll-' || md5(location || week), article_id, 'killed', 'civilian', NULL, total, total, total,
       'people', 'exact', NULL, DATE '2022-02-24', week_end, 'Health Ministry', location,
       'The health ministry said the civilian toll has risen.', 0, 0, 'bench.toll', 'bench', 'cumulative',
       'bench-health-ministry', 'bench-toll-' || md5(location || week)
FROM (
    SELECT location, week, week + 6 AS week_end, article_id,
           sum(week_sum) OVER (PARTITION BY location ORDER BY week) AS total
    FROM (
        SELECT location, CAST(date_trunc('week', as_of) AS DATE) AS week, sum(value_best) AS week_sum,
               arg_max(article_id, as_of) AS article_id
        FROM incident_figures WHERE category = 'civilian'
        GROUP BY ALL
    )
);

-- the dataset: one event per fourth incident figure, its fatalities as the dataset codes them
INSERT INTO claims (claim_id, article_id, metric, category, party, value_low, value_best, value_high, unit,
                    qualifier, rate, as_of, source, location, quote, span_start, span_end, rule,
                    extractor_version, scope, source_id, figure_id)
SELECT 'bench-event-' || figure_id, article_id, 'killed', 'unspecified', NULL, v, v, v, 'people', 'exact', NULL,
       as_of, 'Events dataset', location, 'Dataset event.', 0, 0, 'bench.dataset', 'bench', 'incident',
       'bench-events-dataset', 'bench-event-' || figure_id
FROM (SELECT *, greatest(1, round(value_best * 0.9)) AS v FROM incident_figures)
WHERE hash(figure_id) % 4 = 0;
"""

_REPLICATE = """
CREATE TEMP TABLE base_claims AS SELECT *, row_number() OVER (ORDER BY claim_id) - 1 AS n FROM claims;
CREATE TEMP TABLE base_articles AS SELECT * FROM articles;
CREATE TEMP TABLE base_places AS
    SELECT location, row_number() OVER (ORDER BY location) - 1 AS i
    FROM (SELECT DISTINCT location FROM claims WHERE location IN $places);
CREATE TEMP TABLE cities AS
    SELECT canonical AS city, row_number() OVER (ORDER BY population DESC, canonical) - 1 AS i
    FROM read_csv($gazetteer, comment = '#', header = true, all_varchar = true)
    WHERE country_code = 'UA' AND kind = 'city' AND canonical = variant AND canonical NOT IN $places;
CREATE TEMP TABLE replicas AS SELECT range AS r FROM range(1, $replicas);
CREATE TEMP TABLE place_map AS
    SELECT r.r, p.location, c.city
    FROM replicas AS r, base_places AS p
    JOIN cities AS c ON c.i = ((r.r % $groups) - 1) * (SELECT count(*) FROM base_places) + p.i
    WHERE r.r % $groups <> 0;
CREATE TEMP TABLE source_map AS
    SELECT r.r, s.source_id, s.source_id || '-v' || (r.r % $variants) AS variant,
           s.name || ' ' || (r.r % $variants + 1) AS name, s.kind, s.side
    FROM replicas AS r, sources AS s
    WHERE s.kind = 'local_authority' AND r.r % $variants <> 0;
INSERT INTO sources SELECT DISTINCT variant, name, kind, side FROM source_map;

INSERT INTO articles (article_id, url, title, publisher, published, published_inferred, text, origin,
                      ingested_at, run_id, extractor_version, source_id, text_source, duplicate_of,
                      assembly_version)
SELECT a.article_id || '-r' || r.r, a.url || '?r=' || r.r, a.title, a.publisher,
       a.published + CAST(r.r * $shift AS INTEGER), a.published_inferred, a.text, a.origin,
       a.ingested_at + to_days(CAST(r.r * $shift AS INTEGER)), a.run_id, a.extractor_version, a.source_id,
       a.text_source, a.duplicate_of || '-r' || r.r, a.assembly_version
FROM base_articles AS a, replicas AS r
WHERE r.r * (SELECT count(*) FROM base_claims) < $target;

INSERT INTO claims (claim_id, article_id, metric, category, party, value_low, value_best, value_high, unit,
                    qualifier, rate, period_start, as_of, source, location, quote, span_start, span_end, rule,
                    extractor_version, run_id, scope, period_end, source_id, figure_id, figure_key)
SELECT c.claim_id || '-r' || r.r, c.article_id || '-r' || r.r, c.metric, c.category, c.party,
       round(c.value_low * f.factor), round(c.value_best * f.factor), round(c.value_high * f.factor), c.unit,
       c.qualifier, c.rate, c.period_start + CAST(r.r * $shift AS INTEGER),
       c.as_of + CAST(r.r * $shift AS INTEGER), c.source, coalesce(p.city, c.location), c.quote, c.span_start,
       c.span_end, c.rule, c.extractor_version, c.run_id, c.scope,
       c.period_end + CAST(r.r * $shift AS INTEGER), coalesce(s.variant, c.source_id),
       c.figure_id || '-r' || r.r, c.figure_key || '-r' || r.r
FROM base_claims AS c
CROSS JOIN replicas AS r
CROSS JOIN LATERAL (SELECT CASE WHEN c.qualifier = 'vague' THEN 1 ELSE 1 + ((r.r * 7) % 11 - 5) / 25.0 END AS factor) AS f
LEFT JOIN place_map AS p ON p.r = r.r AND p.location = c.location
LEFT JOIN source_map AS s ON s.r = r.r AND s.source_id = c.source_id
WHERE r.r * (SELECT count(*) FROM base_claims) + c.n < $target;
"""


def build_warehouse(db: Path, claims: int, articles: int = BASE_ARTICLES, seed: int = 7) -> None:
    """A warehouse of `claims` claims at `db`: a generated corpus through the real ETL, a running
    toll and a dataset added, then replicated with shifted dates, places, sources and values."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import generate_corpus

    from etl.pipeline import run_etl
    from warehouse import db as warehouse_db, read_model

    db.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for article in generate_corpus.generate(articles, seed, BASE_COPIES):
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
        print(f"ETL of {articles} generated articles into {db} ...", flush=True)
        run_etl([corpus], db, progress=False)
    with warehouse_db.open_db(db) as con:
        con.execute(_BASE_EXTRAS)
        base = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        replicas = max(1, -(-claims // base))
        print(f"{base} claims from the ETL (with the toll and the dataset); {replicas} replicas ...", flush=True)
        params = {
            "places": list(generate_corpus.PLACES), "gazetteer": str(GAZETTEER), "replicas": replicas,
            "groups": PLACE_GROUPS, "variants": SOURCE_VARIANTS, "shift": SHIFT_DAYS, "target": claims,
        }
        for statement in filter(str.strip, _REPLICATE.split(";")):
            con.execute(statement, {k: v for k, v in params.items() if f"${k}" in statement})
        total = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        read_model.refresh(con)  # as a run that wrote them would
        con.execute("CHECKPOINT")
    print(f"{db}: {total} claims in {time.perf_counter() - started:.0f} s", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--claims", type=int, default=None,
                        help="build a warehouse of N claims at --db first (unless it is there already)")
    parser.add_argument("--repeat", type=int, default=3, help="timings per page and mode (default 3)")
    parser.add_argument("--top", type=int, default=5, help="series pages of the subjects with most figures")
    parser.add_argument("--series", type=int, default=25, help="series pages of a seeded sample of subjects")
    parser.add_argument("--browser", action="store_true", help="also time pages in headless Chromium")
    parser.add_argument("--loads", type=int, default=3, help="browser loads per page (default 3)")
    parser.add_argument("--refresh", action="store_true",
                        help="also time the read models' refresh (what each run that writes pays), on a copy")
    parser.add_argument("--reloads", type=int, default=0,
                        help="also measure the CPU seconds per reload of the overview and of the largest series "
                             "page (server and Chromium), over N reloads of an unchanged warehouse")
    args = parser.parse_args()
    if args.claims and not args.db.exists():
        build_warehouse(args.db, args.claims)
    with data.read_only(args.db) as con:
        claims, articles = con.execute("SELECT count(*), count(DISTINCT article_id) FROM claims").fetchone()
    print(f"{args.db}: {claims:,} claims, {articles:,} articles")
    results = bench(args.db, args.repeat, args.top, args.series)
    series = [r for r in results if r.page.startswith("series")]
    print(f"\n{'page':<34} {'cold p50':>9} {'cold p95':>9} {'warm p50':>9} {'warm p95':>9} {'JSON MB max':>12}")
    rows = [("overview", [r for r in results if r.page == "overview"]),
            (f"series pages ({len(series)})", series),
            ("disagreements", [r for r in results if r.page.startswith("disagreements")])]
    worst_warm, worst_json = 0.0, 0.0
    for label, group in rows:
        cold = [t for r in group for t in r.cold]
        warm = [t for r in group for t in r.warm]
        sizes = [s for r in group for s in r.json_mb]
        worst_warm = max(worst_warm, percentile(warm, 0.95))
        worst_json = max(worst_json, max(sizes, default=0.0))
        print(f"{label:<34} {percentile(cold, .5) * 1000:>7.0f}ms {percentile(cold, .95) * 1000:>7.0f}ms "
              f"{percentile(warm, .5) * 1000:>7.0f}ms {percentile(warm, .95) * 1000:>7.0f}ms {max(sizes, default=0):>12.2f}")
    print(f"budgets: server p95 {SERVER_BUDGET_S * 1000:.0f} ms (warm: {worst_warm * 1000:.0f} ms), "
          f"JSON {JSON_BUDGET_MB:.0f} MB per chart (largest {worst_json:.2f} MB)")
    ok = worst_warm <= SERVER_BUDGET_S and worst_json <= JSON_BUDGET_MB
    if args.browser:
        keys = subjects(str(args.db), 2, 1)
        print(f"\n{'page (headless Chromium)':<70} {'first load':>10} {'median':>7}  ({args.loads} loads after a warm-up)")
        slowest = 0.0
        for page, seconds in bench_browser(args.db, args.loads, keys):
            median = statistics.median(seconds)
            slowest = max(slowest, median)
            print(f"{page[:70]:<70} {seconds[0]:>9.2f}s {median:>6.2f}s")
        print(f"slowest first chart (median): {slowest:.2f} s (budget {BROWSER_BUDGET_S:.1f} s)")
        ok = ok and slowest <= BROWSER_BUDGET_S
    if args.refresh:
        took = refresh_cost(args.db)
        print(f"\nread model refresh after a run that wrote (load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}): {sum(took.values()):.2f} s: "
              + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in took.items()))
    if args.reloads:
        print(f"\nCPU per reload, unchanged warehouse, caches warm ({args.reloads} reloads; load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())})")
        for path in ["/", tables.series_path(subjects(str(args.db), 1, 0)[0].params())]:
            cpu = reload_cpu(args.db, args.reloads, path)
            print(f"  {path[:60]:<60} server {cpu['server_s'] * 1000:6.0f} ms  Chromium {cpu['chromium_s'] * 1000:6.0f} ms"
                  f"  wall {cpu['wall_s']:.2f} s (with {screenshot_settle()} ms settling)")
    return 0 if ok else 1


def screenshot_settle() -> int:
    from dashboard import screenshot

    return screenshot.SETTLE_MS


if __name__ == "__main__":
    sys.exit(main())
