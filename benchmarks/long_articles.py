"""Build time and peak memory of one long article, by its length (issue 13 part 4).

Each size is one article made of synthetic news paragraphs (real sentences of
``data/`` with varied names, see ``common.synthetic_corpus``), built alone into a
new store by ``kgraph build --workers 1`` in a fresh process: the wall time
includes the fixed cost of a build (loading the model and the ontology, the
store, the analysis), measured as the build of a one-sentence article and
reported as the first row; the peak memory is the process's maximum resident set
size. Time should grow linearly with the length: the last column divides each
time, less the fixed cost, by that of the smallest size and by the size ratio
(1.0 is linear).

    python benchmarks/long_articles.py --sizes 13 52 100 1100 --runs 3

``--python`` and ``--pythonpath`` measure another checkout (an older kgraph in a
``git worktree``) with the same articles.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import markdown_table, report, synthetic_corpus

#: Run in the child: build the article.
_CHILD = """
import json, resource, sys, time
began = time.perf_counter()
from pathlib import Path
from kgraph.pipeline import build
result = build([sys.argv[1]], Path(sys.argv[2]), workers=1)
facts, failed = result.facts, len(result.failed)
seconds = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mib": peak, "facts": facts, "failed": failed}))
"""


def long_article(chars: int) -> str:
    """Synthetic news paragraphs joined into one text of about ``chars`` characters."""
    paragraphs: list[str] = []
    size, seed = 0, 0
    while size < chars:
        for record in synthetic_corpus(50, seed=seed):
            for paragraph in record["text"].split("\n\n"):
                paragraphs.append(paragraph)
                size += len(paragraph) + 2
        seed += 1
    text = ""
    for paragraph in paragraphs:
        if len(text) + len(paragraph) + 2 > chars:
            break
        text += paragraph + "\n\n"
    return text.strip()


def measure(path: str, store: Path, python: str, pythonpath: str | None) -> dict[str, float]:
    """One build in a new process."""
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    done = subprocess.run(
        [python, "-c", _CHILD, path, str(store)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[13, 52, 100, 1100], help="KB")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--pythonpath", default=None)
    parser.add_argument("--label", default="this kgraph")
    parser.add_argument("--no-report", action="store_true", help="print only")
    args = parser.parse_args()
    rows, per_kb = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp) / "tiny.txt"
        tiny.write_text("Azerbaijan launched an operation in Nagorno-Karabakh.\n", encoding="utf-8")
        fixed = [
            measure(str(tiny), Path(tmp) / f"kg-tiny-{i}", args.python, args.pythonpath)
            for i in range(args.runs)
        ]
        load_s = statistics.median(r["seconds"] for r in fixed)
        peak_s = statistics.median(r["peak_mib"] for r in fixed)
        rows.append(["one sentence (fixed cost)", "", f"{load_s:.1f}", f"{peak_s:.0f}", "", ""])
        for kb in args.sizes:
            article = Path(tmp) / f"long-{kb}.txt"
            article.write_text(long_article(kb * 1000), encoding="utf-8")
            runs = [
                measure(str(article), Path(tmp) / f"kg-{kb}-{i}", args.python, args.pythonpath)
                for i in range(args.runs)
            ]
            seconds = statistics.median(r["seconds"] for r in runs)
            peak = statistics.median(r["peak_mib"] for r in runs)
            per_kb[kb] = max(seconds - load_s, 0.001) / kb
            linear = per_kb[kb] / per_kb[args.sizes[0]]
            facts = f"{runs[0]['facts']:,}" + (" (failed)" if runs[0]["failed"] else "")
            rows.append([f"{kb} KB", facts, f"{seconds:.1f}", f"{peak:.0f}", "", f"{linear:.2f}"])
    for row, kb in zip(rows[1:], args.sizes, strict=True):
        row[4] = f"{per_kb[kb] * 100:.2f}"
    table = markdown_table(
        [
            "article",
            "facts",
            "build s (median)",
            "peak MiB",
            "s per 100 KB, less fixed cost",
            "per KB vs smallest (1.0 = linear)",
        ],
        rows,
    )
    notes = f"{args.label}; {args.runs} runs per size, one article per build, --workers 1."
    if args.no_report:
        print(table)
        print(notes)
    else:
        report("Long articles", table, notes)


if __name__ == "__main__":
    main()
