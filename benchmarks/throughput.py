"""Throughput of ``kgraph build`` against raw spaCy parsing of the same corpus, as whole processes.

For each corpus and each number of processes N, two commands run in turn
(raw, build, raw, build, ...), each timed from its start to its exit (Python's
start-up, imports and the model load included):

- raw: ``nlp.pipe(texts, n_process=N, batch_size=16)`` with kgraph's spaCy
  pipeline (:func:`kgraph.nlp.load_pipeline`: the same components as the build);
- build: ``kgraph build CORPUS.jsonl --out NEW_STORE --workers N --quiet``
  (ingest, parse, extract, link, write, analysis), with ``--profile`` so the
  median of each stage's seconds is reported too.

The figures are medians over ``--runs``; kgraph/raw is the median of the
ratios of each (raw, build) pair. Targets (issue 3): kgraph at least 0.85 of
raw parsing with the same number of processes, and 2 workers at least 1.6x one.

Corpora (each optional; at least one):

- ``--abc DIR_OR_WHEEL``: the 300 + 50 ABC news articles of the Lee corpus
  (``lee_background.cor`` and ``lee.cor``, one article a line, Latin-1), which
  ship inside gensim's wheel. Get them with
  ``pip download --no-deps gensim -d /tmp/gensim`` and give the wheel or the
  folder it was unzipped in. Duplicate texts are kept once.
- ``--wikinews DIR``: the Wikinews articles of the SemEval-2015 TimeLine data
  (a folder with ``*/docs/*.xml`` in CAT XML). Only the text is used: the
  tokens of each sentence joined with spaces (no space before closing
  punctuation), sentence 0 as the title, the creation time as the date.
- ``--articles N``: N synthetic articles (benchmarks/common.py).

    python benchmarks/throughput.py --abc /tmp/gensim --wikinews DIR --workers 1 2 --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import markdown_table, report, synthetic_corpus, words, write_jsonl
from corpora import HOW_TO_GET_ABC, abc_corpus, wikinews_corpus


def raw_child(corpus: Path, processes: int) -> None:
    """The raw command: load kgraph's pipeline and parse every text (run in its own process)."""
    from kgraph.nlp import load_pipeline

    lines = corpus.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines]
    nlp = load_pipeline()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=16):
        pass


def timed(command: list[str], cpu: list[float] | None = None) -> float:
    """Wall seconds of a whole process, start to exit; its CPU seconds (and its children's,
    user + system) are appended to ``cpu``: the steadier figure on a shared machine."""
    began, used = time.perf_counter(), _children_cpu()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=_ENV)
    if cpu is not None:
        cpu.append(_children_cpu() - used)
    return time.perf_counter() - began


#: The environment of the measured processes (``--pythonpath`` puts another kgraph first).
_ENV = dict(os.environ)


def _workers_cpu(profile: dict) -> float:
    """The CPU seconds of a build's worker processes, from its profile: the forkserver's
    children are not waited for by the build, so its rusage leaves them out."""
    rows = [r for r in profile["stages"] if r["where"].endswith("workers, summed")]
    return sum(r.get("cpu_seconds") or 0.0 for r in rows)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(corpus: Path, processes: int, runs: int, tmp: Path) -> dict:
    """Raw and build seconds, pair by pair, and the build's profile of each run."""
    raw_command = [sys.executable, __file__, "--raw", str(corpus), str(processes)]
    kgraph = str(Path(sys.executable).with_name("kgraph"))
    raw, built, profiles = [], [], []
    raw_cpu: list[float] = []
    build_cpu: list[float] = []
    for run in range(runs):
        store, profile = (
            tmp / f"kg-{processes}-{run}",
            tmp / f"profile-{processes}-{run}.json",
        )
        raw.append(timed(raw_command, raw_cpu))
        built.append(
            timed(
                [
                    kgraph,
                    "build",
                    str(corpus),
                    "--out",
                    str(store),
                    "--workers",
                    str(processes),
                    "--quiet",
                    "--profile",
                    str(profile),
                ],
                build_cpu,
            )
        )
        profiles.append(json.loads(profile.read_text(encoding="utf-8")))
        build_cpu[-1] += _workers_cpu(profiles[-1])
    return {
        "raw": raw,
        "build": built,
        "raw_cpu": raw_cpu,
        "build_cpu": build_cpu,
        "profiles": profiles,
    }


def stage_medians(profiles: list[dict]) -> list[list[object]]:
    """Median seconds and share of each stage over the runs' profiles."""
    keyed: dict[tuple[str, str], list[dict]] = {}
    for data in profiles:
        for row in data["stages"]:
            keyed.setdefault((row["stage"], row["where"]), []).append(row)
    wall = statistics.median(d["wall_seconds"] for d in profiles)
    rows = [
        [
            stage,
            where,
            f"{statistics.median(r['seconds'] for r in got):.2f}",
            f"{100 * statistics.median(r['share'] for r in got):.1f}%",
            _median_cpu(got),
        ]
        for (stage, where), got in keyed.items()
    ]
    cpu = [d["cpu_seconds"] for d in profiles if d.get("cpu_seconds") is not None]
    total = f"{statistics.median(cpu):.2f}" if cpu else ""
    return [*rows, ["wall (in the build)", "build process", f"{wall:.2f}", "100%", total]]


def _median_cpu(rows: list[dict]) -> str:
    """Median CPU seconds of a stage's rows (of the thread that ran it), if the build gave them."""
    cpu = [r["cpu_seconds"] for r in rows if r.get("cpu_seconds") is not None]
    return f"{statistics.median(cpu):.2f}" if cpu else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--abc", type=Path, help="gensim wheel, or a folder with lee*.cor")
    parser.add_argument("--wikinews", type=Path, help="the SemEval-2015 TimeLine folder")
    parser.add_argument("--articles", type=int, default=0, help="synthetic articles (0: none)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--pythonpath",
        type=Path,
        help="run the kgraph of this tree (a git worktree of an older revision, say)",
    )
    parser.add_argument("--raw", nargs=2, metavar=("CORPUS", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.raw:
        raw_child(Path(args.raw[0]), int(args.raw[1]))
        return
    if args.pythonpath:
        _ENV["PYTHONPATH"] = os.pathsep.join([str(args.pythonpath), _ENV.get("PYTHONPATH", "")])
    corpora = {}
    if args.abc:
        corpora["ABC (Lee corpus)"] = abc_corpus(args.abc)
    if args.wikinews:
        corpora["Wikinews (TimeLine)"] = wikinews_corpus(args.wikinews)
    if args.articles:
        corpora["synthetic"] = synthetic_corpus(args.articles)
    if not corpora:
        parser.error(f"give --abc, --wikinews or --articles; {HOW_TO_GET_ABC}")
    for name, records in corpora.items():
        _run_corpus(name, records, args)


def _run_corpus(name: str, records: list[dict[str, str]], args: argparse.Namespace) -> None:
    total = words(records)
    rows, results = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_jsonl(records, Path(tmp) / "corpus.jsonl")
        for n in args.workers:
            results[n] = got = measure(corpus, n, args.runs, Path(tmp))
            print(json.dumps({"processes": n, **got}), file=sys.stderr)  # every run, kept
            raw, built = statistics.median(got["raw"]), statistics.median(got["build"])
            ratio = statistics.median(r / b for r, b in zip(got["raw"], got["build"], strict=True))
            pairs = zip(got["raw_cpu"], got["build_cpu"], strict=True)
            cpu_ratio = statistics.median(r / b for r, b in pairs)
            rows.append(
                [
                    n,
                    f"{raw:.1f}",
                    f"{total / raw:,.0f}",
                    f"{built:.1f}",
                    f"{total / built:,.0f}",
                    f"{ratio:.2f}",
                    f"{statistics.median(got['raw_cpu']):.1f}",
                    f"{statistics.median(got['build_cpu']):.1f}",
                    f"{cpu_ratio:.2f}",
                ]
            )
    header = [
        "processes",
        "raw s",
        "raw words/s",
        "build s",
        "build words/s",
        "kgraph / raw",
        "raw CPU s",
        "build CPU s",
        "kgraph / raw, CPU",
    ]
    notes = (
        f"{name}: {len(records)} articles, {total:,} words (whitespace-separated). "
        f"Whole processes, median of {args.runs} runs; kgraph / raw is the median of the "
        "per-pair ratios of raw seconds to build seconds (target >= 0.85); the CPU "
        "columns are user + system seconds of the whole processes (workers included), "
        "and their ratio is the same ratio in CPU time, the steadier one on a shared machine."
    )
    if 1 in results and 2 in results:
        for what in ("raw", "build"):
            one, two = results[1][what], results[2][what]
            speedup = statistics.median(a / b for a, b in zip(one, two, strict=True))
            notes += f" 2-vs-1 speed-up, {what}: {speedup:.2f}x."
        notes += " (target for the build >= 1.6x)."
    table = markdown_table(header, rows)
    if 1 in results:
        stages = markdown_table(
            ["stage", "where", "median s", "median share", "median CPU s"],
            stage_medians(results[1]["profiles"]),
        )
        table += f"\n\nPer stage, `kgraph build --workers 1 --profile`, medians:\n\n{stages}"
    report(f"Build throughput: {name}", table, notes)


if __name__ == "__main__":
    main()
