#!/usr/bin/env python3
"""Extractor throughput: characters per second over JSON-lines files of articles, on one core (one
process, one thread), median of N runs; and quantulum3's `parse` on the same texts in the same process
(warm: after a first parse), with the ratio between the two.

    .venv/bin/python scripts/bench_extract.py tests/gold/dev.articles.jsonl [MORE.jsonl ...] [--runs 3]
    .venv/bin/python scripts/bench_extract.py tests/gold/dev.articles.jsonl --json   # one JSON line
    .venv/bin/python scripts/bench_extract.py /tmp/realistic.jsonl --no-quantulum --profile 15   # where the time goes

A realistic load, where most sentences report no figure: `scripts/generate_corpus.py --prose 4`.

Each run extracts every article as `tally etl` does (publication date from the line, else inferred from
the text); the knowledge files and the gazetteer are loaded before the timing, and a first, untimed run
over each file warms what is memoised across articles (word normal forms, dateparser's reading of a day
and month for a publication date): its figure is reported as `first_run_chars_per_s`. Wall-clock and CPU seconds
are both reported: on a loaded machine CPU time is the steadier of the two. quantulum3 is a dev
dependency (`--no-quantulum` skips it; it is some 20 times slower, so it runs `--quantulum-runs` times,
once by default). `--profile N` runs the extraction once more under pyinstrument (a dev dependency) and
prints its N heaviest functions by their own time (pyinstrument samples wall-clock time: on a loaded
machine the waiting shows as the own time of whatever was running). Prints figures; asserts nothing (timings belong here,
not in unit tests).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any, Callable

from etl.extract import extract_claims, infer_publication_date


def _articles(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _extract_all(articles: list[dict[str, Any]]) -> int:
    claims = 0
    for a in articles:
        published = dt.date.fromisoformat(a["published"][:10]) if a.get("published") else None
        published = published or infer_publication_date(a["text"])
        claims += len(extract_claims(a["text"], {"published": published, "publisher": a.get("publisher")}))
    return claims


def _timed(work: Callable[[], object], runs: int) -> tuple[list[float], list[float], object]:
    """Wall-clock and CPU seconds of each run, and the last run's result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return walls, cpus, result


def _rates(chars: int, walls: list[float], cpus: list[float]) -> dict[str, Any]:
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    return {"runs_s": [round(t, 4) for t in walls], "cpu_runs_s": [round(t, 4) for t in cpus],
            "median_s": round(wall, 4), "chars_per_s": round(chars / wall), "cpu_chars_per_s": round(chars / cpu)}


def _quantulum_parse() -> Callable[[str], object] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return None
    return parser.parse


def bench_file(path: Path, runs: int, quantulum: Callable[[str], object] | None, quantulum_runs: int) -> dict[str, Any]:
    """Figures of one file: Tally's extraction, and quantulum3's parse of the same texts when given."""
    articles = _articles(path)
    chars = sum(len(a["text"]) for a in articles)
    first, _, _ = _timed(lambda: _extract_all(articles), 1)  # warms the memos (and a first pass's figure)
    walls, cpus, claims = _timed(lambda: _extract_all(articles), runs)
    out: dict[str, Any] = {"file": str(path), "articles": len(articles), "characters": chars, "claims": claims,
                           "tally": {**_rates(chars, walls, cpus), "first_run_chars_per_s": round(chars / first[0])}}
    if quantulum is not None:
        texts = [a["text"] for a in articles]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # quantulum3 warns about its classifier on every parse
            walls, cpus, _ = _timed(lambda: [quantulum(text) for text in texts], quantulum_runs)
        out["quantulum3"] = _rates(chars, walls, cpus)
        out["ratio"] = round(out["tally"]["chars_per_s"] / out["quantulum3"]["chars_per_s"], 2)
        out["cpu_ratio"] = round(out["tally"]["cpu_chars_per_s"] / out["quantulum3"]["cpu_chars_per_s"], 2)
    return out


def profile(paths: list[Path], top: int) -> str:
    """The `top` heaviest functions (own time) of one extraction run over the files, per pyinstrument."""
    from pyinstrument import Profiler

    articles = [a for path in paths for a in _articles(path)]
    profiler = Profiler(interval=0.0005)
    profiler.start()
    _extract_all(articles)
    profiler.stop()
    lines = profiler.output_text(unicode=False, color=False, flat=True).splitlines()
    body = [line for line in lines if line[:1].isdigit()]  # "0.4321 function  file:line" rows, heaviest first
    return "\n".join(body[:top])


def _print(result: dict[str, Any]) -> None:
    tally = result["tally"]
    print(f"{result['file']}: {result['articles']} articles, {result['characters']:,} characters, "
          f"{result['claims']} claims per run")
    print(f"  tally runs (s): {', '.join(f'{t:.3f}' for t in tally['runs_s'])}")
    print(f"  tally median: {tally['median_s']:.3f} s = {tally['chars_per_s']:,} characters/s "
          f"(CPU: {tally['cpu_chars_per_s']:,} characters/s), "
          f"{result['articles'] / tally['median_s']:,.0f} articles/s; first run {tally['first_run_chars_per_s']:,} characters/s")
    if "quantulum3" in result:
        q = result["quantulum3"]
        print(f"  quantulum3 median: {q['median_s']:.3f} s = {q['chars_per_s']:,} characters/s "
              f"(CPU: {q['cpu_chars_per_s']:,} characters/s)")
        print(f"  ratio: tally is {result['ratio']:.1f}x quantulum3 (CPU: {result['cpu_ratio']:.1f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", type=Path, nargs="+", help="JSON-lines files of articles (`text`, `published`)")
    parser.add_argument("--runs", type=int, default=3, help="extraction runs per file (median; default 3)")
    parser.add_argument("--quantulum-runs", type=int, default=1, help="quantulum3 runs per file (default 1)")
    parser.add_argument("--no-quantulum", action="store_true", help="measure Tally only")
    parser.add_argument("--json", action="store_true", help="print one JSON line instead of text")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="then profile one run (pyinstrument) and print its N heaviest functions")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    # the knowledge files, the gazetteer and dateparser (a calendar date without a year) load outside the timing
    extract_claims("Warm-up: 5 people were killed in Kyiv on June 3.", {"published": dt.date(2022, 6, 15)})
    quantulum = None if args.no_quantulum else _quantulum_parse()
    if quantulum is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantulum("Warm-up: 5 people were killed.")  # loads its units and classifier outside the timing
    elif not args.no_quantulum:
        print("bench_extract: quantulum3 is not installed (a dev dependency); measuring Tally only", file=sys.stderr)
    results = [bench_file(path, args.runs, quantulum, args.quantulum_runs) for path in args.articles]
    if args.json:
        print(json.dumps({"load_avg_1m_at_start": round(load, 2), "load_avg_1m_at_end": round(os.getloadavg()[0], 2),
                          "python": sys.version.split()[0], "files": results}))
        return
    print(f"load average (1 min) at start: {load:.2f}")
    for result in results:
        _print(result)
    print(f"load average (1 min) at end: {os.getloadavg()[0]:.2f}")
    if args.profile:
        print(f"heaviest functions of one run (own seconds, pyinstrument):\n{profile(args.articles, args.profile)}")


if __name__ == "__main__":
    main()
