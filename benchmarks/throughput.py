"""Throughput of ``kgraph build`` against raw spaCy parsing of the same corpus.

For each number of processes N: the wall time of ``nlp.pipe(texts, n_process=N)``
with kgraph's spaCy pipeline, and of ``kgraph.build(..., workers=N)`` into a new
store (ingest, parse, extract, link, write), both including model loading.
Targets (issue 3): kgraph at least 0.85 of raw parsing with the same number of
processes, and 2 workers at least 1.6x one worker.

    python benchmarks/throughput.py --articles 600 --workers 1 2
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import markdown_table, report, synthetic_corpus, words, write_jsonl

from kgraph.nlp import load_pipeline
from kgraph.pipeline import build


def raw_parse(texts: list[str], processes: int) -> float:
    """Seconds to load the pipeline and parse every text with ``processes`` processes."""
    began = time.perf_counter()
    nlp = load_pipeline()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=16):
        pass
    return time.perf_counter() - began


def kgraph_build(corpus: Path, processes: int) -> tuple[float, int]:
    """Seconds and facts of a full build into a new store with ``processes`` workers."""
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        result = build([corpus], Path(tmp) / "kg", workers=processes)
        return time.perf_counter() - began, result.facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    records = synthetic_corpus(args.articles)
    texts, total_words = [r["text"] for r in records], words(records)
    rows, kgraph_seconds = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_jsonl(records, Path(tmp) / "corpus.jsonl")
        for n in args.workers:
            raw = raw_parse(texts, n)
            seconds, facts = kgraph_build(corpus, n)
            kgraph_seconds[n] = seconds
            rows.append(
                [
                    n,
                    f"{raw:.1f}",
                    f"{total_words / raw:,.0f}",
                    f"{seconds:.1f}",
                    f"{args.articles / seconds:.1f}",
                    f"{total_words / seconds:,.0f}",
                    f"{facts:,}",
                    f"{raw / seconds:.2f}",
                ]
            )
    table = markdown_table(
        [
            "processes",
            "raw parse s",
            "raw words/s",
            "kgraph build s",
            "kgraph articles/s",
            "kgraph words/s",
            "facts",
            "kgraph / raw (target >= 0.85)",
        ],
        rows,
    )
    notes = f"{args.articles} synthetic articles, {total_words:,} words."
    if 1 in kgraph_seconds and 2 in kgraph_seconds:
        notes += (
            f" kgraph speed-up with 2 workers: "
            f"{kgraph_seconds[1] / kgraph_seconds[2]:.2f}x (target >= 1.6x)."
        )
    report("Build throughput", table, notes)


if __name__ == "__main__":
    main()
