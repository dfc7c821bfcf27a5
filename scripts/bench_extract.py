#!/usr/bin/env python3
"""Extractor throughput: characters per second over a JSON-lines file of articles (median of N runs).

    .venv/bin/python scripts/bench_extract.py tests/gold/dev.articles.jsonl [--runs 3]

Prints figures; asserts nothing (timings belong here, not in unit tests).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from pathlib import Path

from etl.extract import extract_claims, infer_publication_date


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    articles = [json.loads(line) for line in args.articles.read_text(encoding="utf-8").splitlines() if line.strip()]
    chars = sum(len(a["text"]) for a in articles)
    extract_claims("Warm-up: 5 people were killed.", {})  # load the knowledge files outside the timing
    timings, claims = [], 0
    for _ in range(args.runs):
        start = time.perf_counter()
        claims = 0
        for a in articles:
            published = dt.date.fromisoformat(a["published"][:10]) if a.get("published") else None
            published = published or infer_publication_date(a["text"])
            claims += len(extract_claims(a["text"], {"published": published, "publisher": a.get("publisher")}))
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings)
    print(f"{len(articles)} articles, {chars:,} characters, {claims} claims per run")
    print(f"runs (s): {', '.join(f'{t:.3f}' for t in timings)}")
    print(f"median: {median:.3f} s = {chars / median:,.0f} characters/s, {len(articles) / median:,.0f} articles/s")


if __name__ == "__main__":
    main()
