#!/usr/bin/env python3
"""Time the assembly stage (sources, copies, figure ids) inside real ETL runs on a generated corpus.

    .venv/bin/python scripts/bench_assemble.py --articles 10000 --copies 0.2

Generates a corpus (scripts/generate_corpus.py, a share of republished copies), runs
`tally etl` on it in-process with the real extractor, and reports the time the assembly
stage took (in total, per article, for the first and the last tenth of the batches: the
cost of a batch as the stored state grows), the copies found against those generated, a
no-op rerun, and a re-assembly of every stored article (as after a sources.yaml change).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_corpus  # noqa: E402

from etl import assemble, pipeline  # noqa: E402
from etl.assemble import stage  # noqa: E402
from warehouse import db as wdb  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--copies", type=float, default=0.2)
    parser.add_argument("--batch-size", type=int, default=pipeline.DEFAULT_BATCH_SIZE)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate_corpus.generate(args.articles, args.seed, args.copies)
        generated_copies = sum(1 for a in corpus if a["publisher"] == "Example Daily")
        inputs = Path(tmp) / "corpus"
        inputs.mkdir()
        for n in range(0, len(corpus), 5000):  # files under the readers' size limit
            (inputs / f"part-{n // 5000:03d}.jsonl").write_text(
                "".join(json.dumps(a) + "\n" for a in corpus[n:n + 5000]), encoding="utf-8")
        db = Path(tmp) / "bench.duckdb"
        chars = sum(len(a["text"]) for a in corpus)

        timings: list[float] = []
        real = stage.assemble_articles

        def timed(*a, **k):
            start = time.perf_counter()
            try:
                return real(*a, **k)
            finally:
                timings.append(time.perf_counter() - start)

        stage.assemble_articles = timed  # type: ignore[assignment]
        start = time.perf_counter()
        first = pipeline.run_etl([inputs], db, progress=False, batch_size=args.batch_size)
        total = time.perf_counter() - start
        if first.problems:
            raise SystemExit(f"the corpus did not load: {first.problems[:3]}")
        tenth = max(1, len(timings) // 10)
        with wdb.open_db(db, read_only=True) as con:
            claims, figures = con.execute("SELECT count(*), count(DISTINCT figure_id) FROM claims").fetchone()
            copies_found = con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]
        print(f"articles {args.articles:,} ({chars:,} chars), batches {len(timings)}, claims {claims:,}, "
              f"figures {figures:,}")
        print(f"ETL {total:.1f} s ({chars / total:,.0f} chars/s); assembly {sum(timings):.2f} s "
              f"({1000 * sum(timings) / args.articles:.2f} ms/article; a batch: first tenth "
              f"{1000 * sum(timings[:tenth]) / tenth:.0f} ms, last tenth {1000 * sum(timings[-tenth:]) / tenth:.0f} ms)")
        print(f"copies generated {generated_copies:,}, found {copies_found:,} (run summary: {first.articles_copies:,})")

        timings.clear()
        start = time.perf_counter()
        noop = pipeline.run_etl([inputs], db, progress=False)
        print(f"no-op rerun {time.perf_counter() - start:.2f} s (skipped {noop.articles_skipped:,}, "
              f"assembly calls {len(timings)})")

        assemble.ASSEMBLY_VERSION = "bench-reassembly"
        start = time.perf_counter()
        again = pipeline.run_etl([inputs], db, progress=False, batch_size=args.batch_size)
        print(f"re-assembly of {again.articles_reassembled:,} stored articles {time.perf_counter() - start:.1f} s")
        stage.assemble_articles = real  # type: ignore[assignment]


if __name__ == "__main__":
    main()
