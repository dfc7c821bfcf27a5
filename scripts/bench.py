#!/usr/bin/env python3
"""Tally's benchmark: the scale targets of the ETL, measured on a generated corpus, printed as a table.

    scripts/bench                       # 50,000 articles (and 5,000 for the memory ratio)
    scripts/bench --articles 10000 --skip-dashboard

Rows (each with the peer ratio: quantulum3's parse of the same texts, timed in this run):

- extraction, one core: `extract_article` (dating and claims) over a sample, median of 3, warm,
  in CPU seconds: the generated corpus (a figure in every sentence) and wire copy (the same
  articles with about four sentences without a figure beside each figure, as news mostly is);
- ETL end to end: `tally etl --workers N` on the corpus (partitions of 5,000 articles, 20 %
  republished copies), as a child process: wall time, characters per second;
- no-op rerun of the same corpus;
- peak memory: the ETL's process tree (its workers included; sampled every 0.1 s with
  psutil), on the small corpus and on the large one: RSS summed over the tree, and (from a
  second run of each) PSS summed, the fairer measure, as the workers share the fork server's
  pages and RSS counts each shared page once per process;
- ETL beside an open dashboard: a run of new articles on a copy of the small warehouse, alone
  and then while `tally dashboard` serves three headless Chromium tabs that reload every
  second (Playwright, Debian's /usr/bin/chromium); a read-only poller (the dashboard's own
  kind of connection) records the claim counts it sees during the run.

Prints figures; asserts nothing (speed targets live here, never in unit tests). The machine's
load average is printed first: measurements on a shared machine are only as good as it is idle.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import generate_corpus  # noqa: E402
import psutil  # noqa: E402

TALLY = Path(sys.executable).parent / "tally"
PART = 5000


def write_corpus(folder: Path, articles: int, seed: int, copies: float) -> int:
    """The corpus as JSON lines partitions of PART articles; returns its characters."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = generate_corpus.generate(articles, seed, copies)
    for n in range(0, len(corpus), PART):
        (folder / f"part-{n // PART:04d}.jsonl").write_text(
            "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in corpus[n:n + PART]), encoding="utf-8")
    return sum(len(a["text"]) for a in corpus)


LAST_SUMMARY: dict = {}
LAST_CPU: dict = {}


def load_average() -> str:
    """The 1-minute load average now (the machine is shared: every figure is printed with it)."""
    return f"{os.getloadavg()[0]:.2f}"


def _pss(process: psutil.Process) -> int:
    """A process's proportional set size: its private pages, plus each page it shares (the fork
    server's, with the workers it forked) divided among the processes sharing it."""
    try:
        return process.memory_full_info().pss
    except (psutil.Error, AttributeError):  # gone, or not Linux
        return 0


def run_tally(args: list[str], env: dict[str, str] | None = None, measure_pss: bool = False) -> tuple[float, int]:
    """Run `tally ARGS`; (wall seconds, peak resident memory of its process tree in bytes: RSS
    summed, which counts pages the processes share once per process; with `measure_pss`, the
    peak of the summed PSS, which counts them once, is kept in LAST_CPU["pss"]). With
    `--json`, the run's summary is kept in LAST_SUMMARY; the tree's CPU seconds (user + system,
    workers included: each process as last sampled, so up to 0.1 s of each is missed) and the
    load average at the start and the end in LAST_CPU."""
    load_before = load_average()
    cpu: dict[int, float] = {}
    start = time.perf_counter()
    out = tempfile.TemporaryFile()
    proc = psutil.Popen([str(TALLY), *args], env=env, stdout=out, stderr=subprocess.PIPE)
    peak = peak_pss = 0
    while proc.poll() is None:
        try:
            tree = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            if measure_pss:
                peak_pss = max(peak_pss, sum(_pss(p) for p in tree if p.is_running()))
            for p in tree:
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
        except psutil.Error:
            pass
        time.sleep(0.1)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"tally {' '.join(args)} exited {proc.returncode}: {err[-2000:]}")
    out.seek(0)
    text = out.read().decode()
    LAST_SUMMARY.clear()
    if "--json" in args and text.strip():
        LAST_SUMMARY.update(json.loads(text.strip().splitlines()[-1]))
    LAST_CPU.update(cpu_s=sum(cpu.values()), load=f"{load_before} -> {load_average()}", pss=peak_pss)
    return wall, peak


def describe_run() -> str:
    """The last run's CPU time and the load average around it, for the figure's line."""
    return f"CPU {LAST_CPU['cpu_s']:.1f} s, load {LAST_CPU['load']}"


def extraction_speed(sample: list[dict]) -> tuple[float, float]:
    """(Tally's extraction chars/s, median of 3; quantulum3's parse chars/s), warm, one core, in
    CPU seconds of this process (on a shared machine wall time measures the neighbours too)."""
    import datetime as dt

    from etl.models import Article
    from etl.pipeline import extract_article
    from quantulum3 import parser

    articles = [Article(text=a["text"], origin="bench", publisher=a.get("publisher"),
                        published=dt.date.fromisoformat(a["published"])) for a in sample]
    chars = sum(len(a.text) for a in articles)
    extract_article(articles[0])
    timings = []
    for _ in range(3):
        start = time.process_time()
        for article in articles:
            extract_article(article)
        timings.append(time.process_time() - start)
    parser.parse("Warm-up: 5 people were killed.")
    start = time.process_time()
    for article in articles:
        parser.parse(article.text)
    peer = time.process_time() - start
    return chars / statistics.median(timings), chars / peer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def beside_dashboard(base: Path, inputs: Path, workers: int, tmp: Path) -> dict[str, float | int | str]:
    """The ETL on `inputs` into a copy of `base`, alone, then beside a dashboard with three reloading tabs."""
    from playwright.sync_api import sync_playwright

    from warehouse import db as wdb

    alone_db, dash_db = tmp / "alone.duckdb", tmp / "dash.duckdb"
    shutil.copy(base, alone_db)
    shutil.copy(base, dash_db)
    alone, _ = run_tally(["etl", str(inputs), "--db", str(alone_db), "--workers", str(workers), "--quiet"])
    alone_run = describe_run()

    port = free_port()
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    server = subprocess.Popen([str(TALLY), "dashboard", "--db", str(dash_db), "--port", str(port)], cwd=tmp,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stop = threading.Event()
    loads = {"ok": 0, "busy": 0, "errors": 0}
    seen: list[int] = []
    try:
        import urllib.request
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("the dashboard did not start")
                time.sleep(0.3)

        def reloader() -> None:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                page = browser.new_page()
                while not stop.is_set():
                    began = time.monotonic()
                    try:
                        page.goto(f"http://127.0.0.1:{port}/", wait_until="load", timeout=30_000)
                        page.wait_for_timeout(300)
                        body = page.inner_text("body")
                        loads["busy" if "busy" in body.lower() else "ok"] += 1
                    except Exception:
                        loads["errors"] += 1
                    stop.wait(max(0.0, 1.0 - (time.monotonic() - began)))
                browser.close()

        def poller() -> None:
            while not stop.is_set():
                try:
                    con = wdb.connect(dash_db, read_only=True, timeout_s=3)
                    try:
                        seen.append(con.execute("SELECT count(*) FROM claims").fetchone()[0])
                    finally:
                        con.close()
                except Exception:
                    pass
                stop.wait(0.5)

        tabs = [threading.Thread(target=reloader) for _ in range(3)]
        for t in tabs:
            t.start()
        time.sleep(8)  # the tabs are open and reloading
        watcher = threading.Thread(target=poller)
        watcher.start()
        beside, _ = run_tally(["etl", str(inputs), "--db", str(dash_db), "--workers", str(workers), "--json"])
        beside_run = describe_run()
        waited = LAST_SUMMARY.get("warehouse_wait_s", float("nan"))
        opens = LAST_SUMMARY.get("warehouse_opens", 0)
        stop.set()
        for t in [*tabs, watcher]:
            t.join(60)
    finally:
        stop.set()
        server.terminate()
        server.wait(30)
    distinct = sorted(set(seen))
    return {"alone": alone, "beside": beside, "counts_seen": len(distinct), "loads": json.dumps(loads),
            "waited": waited, "opens": opens, "alone_run": alone_run, "beside_run": beside_run}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--small", type=int, default=5_000, help="the corpus the memory ratio compares with")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--copies", type=float, default=0.2)
    parser.add_argument("--sample", type=int, default=600, help="articles timed for the extraction row")
    parser.add_argument("--beside", type=int, default=2_000, help="new articles of the dashboard row")
    parser.add_argument("--skip-dashboard", action="store_true")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}, "
          f"{os.cpu_count()} cores", flush=True)

    with tempfile.TemporaryDirectory(prefix="tally-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "TALLY_CACHE_DIR": str(tmp / "cache")}
        large_chars = write_corpus(tmp / "large", args.articles, 7, args.copies)
        small_chars = write_corpus(tmp / "small", args.small, 7, args.copies)
        sample = generate_corpus.generate(args.sample, 11, 0.0)
        wire_sample = generate_corpus.generate(args.sample, 11, 0.0, prose_per_figure=4)

        ours, peer = extraction_speed(sample)
        extraction_load = load_average()
        print(f"extraction: {ours:,.0f} chars/s, quantulum3 {peer:,.0f} chars/s; load {extraction_load}", flush=True)
        wire_ours, wire_peer = extraction_speed(wire_sample)
        wire_load = load_average()
        print(f"extraction, wire copy: {wire_ours:,.0f} chars/s, quantulum3 {wire_peer:,.0f} chars/s; "
              f"load {wire_load}", flush=True)
        small_db, large_db = tmp / "small.duckdb", tmp / "large.duckdb"
        run_tally(["extract", str(ROOT / "examples" / "reuters-2022-06-severodonetsk.txt")], env)  # cache built
        # Throughput and RSS from runs without PSS sampling (reading smaps costs CPU); PSS from a
        # second, measuring, run of each corpus into a fresh warehouse.
        small_s, small_peak = run_tally(["etl", str(tmp / "small"), "--db", str(small_db), "--workers",
                                         str(args.workers), "--quiet"], env)
        print(f"ETL {args.small:,}: {small_s:.1f} s, peak {small_peak / 2**20:.0f} MB; {describe_run()}", flush=True)
        small_run = describe_run()
        large_s, large_peak = run_tally(["etl", str(tmp / "large"), "--db", str(large_db), "--workers",
                                         str(args.workers), "--quiet"], env)
        print(f"ETL {args.articles:,}: {large_s:.1f} s, peak {large_peak / 2**20:.0f} MB; {describe_run()}", flush=True)
        large_run = describe_run()
        pss = {}
        for name, count in (("small", args.small), ("large", args.articles)):
            run_tally(["etl", str(tmp / name), "--db", str(tmp / f"pss-{name}.duckdb"), "--workers",
                       str(args.workers), "--quiet"], env, measure_pss=True)
            pss[name] = LAST_CPU["pss"]
            print(f"ETL {count:,} (PSS sampled): peak PSS {pss[name] / 2**20:.0f} MB; {describe_run()}", flush=True)
        noop_s, _ = run_tally(["etl", str(tmp / "large"), "--db", str(large_db), "--quiet"], env)
        print(f"no-op rerun: {noop_s:.2f} s; {describe_run()}", flush=True)
        noop_run = describe_run()
        dash = None
        if not args.skip_dashboard:
            write_corpus(tmp / "beside", args.beside, 8, args.copies)
            dash = beside_dashboard(small_db, tmp / "beside", args.workers, tmp)

        etl_rate = large_chars / large_s
        rows = [
            ("extraction, one core (the corpus: a figure in every sentence)", f"{ours:,.0f} chars/s",
             f"{ours / peer:.1f}x quantulum3 ({peer:,.0f} chars/s)", ">= 1,000,000 chars/s, >= 20x",
             f"load {extraction_load}"),
            ("extraction, one core (wire copy: about 4 sentences without a figure beside each figure)",
             f"{wire_ours:,.0f} chars/s", f"{wire_ours / wire_peer:.1f}x quantulum3 ({wire_peer:,.0f} chars/s)",
             ">= 1,000,000 chars/s, >= 20x", f"load {wire_load}"),
            (f"ETL end to end, --workers {args.workers}, {args.articles:,} articles ({large_chars / 1e6:.1f} M chars)",
             f"{etl_rate:,.0f} chars/s ({large_s:.1f} s)", f"{etl_rate / peer:.1f}x quantulum3", ">= 500,000 chars/s",
             large_run),
            (f"no-op rerun of {args.articles:,} articles", f"{noop_s:.2f} s", "", "< 3 s", noop_run),
            ("peak memory (process tree)", f"{large_peak / 2**20:.0f} MB at {args.articles:,}, "
             f"{small_peak / 2**20:.0f} MB at {args.small:,}", f"{large_peak / small_peak:.2f}x", "<= 1.2x",
             f"{args.small:,}: {small_run}"),
            ("peak memory (process tree, PSS: shared pages counted once)",
             f"{pss['large'] / 2**20:.0f} MB at {args.articles:,}, {pss['small'] / 2**20:.0f} MB at {args.small:,}",
             f"{pss['large'] / pss['small']:.2f}x" if pss["small"] else "n/a", "<= 1.2x", "separate runs"),
        ]
        if dash is not None:
            rows.append((f"ETL beside the dashboard, 3 tabs reloading ({args.beside:,} new articles)",
                         f"{dash['beside']:.1f} s beside, {dash['alone']:.1f} s alone; warehouse handed over "
                         f"{int(dash['opens']) - 1} times, {float(dash['waited']):.2f} s waiting or left to readers; "
                         f"{dash['counts_seen']} claim counts seen during the run; page loads {dash['loads']}",
                         f"{float(dash['beside']) / float(dash['alone']):.2f}x", "<= 1.3x, never blocked",
                         f"alone: {dash['alone_run']}; beside: {dash['beside_run']}"))
        print()
        print("| measure | result | ratio | target | CPU and load average |")
        print("| --- | --- | --- | --- | --- |")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        print(f"\nload average at the end {os.getloadavg()[0]:.2f}; small corpus {small_chars:,} chars")


if __name__ == "__main__":
    main()
