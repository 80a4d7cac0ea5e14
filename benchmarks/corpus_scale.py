"""A synthetic corpus grown to 1,000, 5,000 and 10,000 articles with ``kgraph build``.

The corpus recombines real sentences of the sample articles with varied names
(see common.py), so parsing is real. The store is built with the ``kgraph``
command in a child process and grown step by step (1,000 articles, then 4,000
more, then 5,000 more, as a newsroom adds articles); each step's table row gives
its wall time, the time per 1,000 new articles (flat when time grows linearly
and the growing store does not slow writing), the largest process's peak
memory, the store's size on disk and the counts.

    python benchmarks/corpus_scale.py --sizes 1000 5000 10000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import markdown_table, report, synthetic_corpus, words, write_jsonl


def build_once(corpus: Path, out: Path, workers: int | None) -> dict[str, float]:
    command = [sys.executable, "-m", "kgraph", "build", str(corpus), "-o", str(out), "--quiet"]
    if workers:
        command += ["--workers", str(workers)]
    began = time.perf_counter()
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - began
    stats = subprocess.run(
        [sys.executable, "-m", "kgraph", "stats", str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    counts = json.loads(stats.stdout)
    disk = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "seconds": seconds,
        "facts": counts["facts"],
        "entities": counts["entities"],
        "quads": counts["quads"],
        "disk_mib": disk / 2**20,
        "peak_mib": peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--workers", type=int, default=None, help="default: all cores")
    args = parser.parse_args()
    rows, done = [], 0
    records = synthetic_corpus(max(args.sizes))
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(args.sizes):
            corpus = write_jsonl(records[:size], Path(tmp) / f"corpus-{size}.jsonl")
            result = build_once(corpus, Path(tmp) / "kg", args.workers)
            new = size - done
            rows.append(
                [
                    f"{size:,}",
                    f"+{new:,}",
                    f"{words(records[done:size]):,}",
                    f"{result['seconds']:.0f}",
                    f"{result['seconds'] / new * 1000:.1f}",
                    f"{result['peak_mib']:.0f}",
                    f"{result['disk_mib']:.0f}",
                    f"{result['facts']:,}",
                    f"{result['entities']:,}",
                    f"{result['quads']:,}",
                ]
            )
            print(f"{size:,} articles: +{new:,} in {result['seconds']:.0f} s", file=sys.stderr)
            done = size
    table = markdown_table(
        [
            "articles",
            "new",
            "new words",
            "build s",
            "s per 1,000 new",
            "peak MiB (largest process)",
            "store MiB",
            "facts",
            "entities",
            "quads",
        ],
        rows,
    )
    report("Corpus scale", table, f"Workers: {args.workers or 'all cores'}.")


if __name__ == "__main__":
    main()
