"""SemEval-2015 Task 4 (TimeLine, Track A) with kgraph: build, write timelines, score.

    python benchmarks/timeline/run.py --corpus trial
    python benchmarks/timeline/run.py --corpus corpus_1 --out /tmp/timelines
    python benchmarks/timeline/run.py --data DIR      # any folder laid out like those

A corpus folder holds ``docs/*.xml`` (CAT XML), the target entities (``target_entities.txt``,
else the first line of each ``gold/*.txt``) and, when scored, ``gold/*.txt``. The articles are
built with ``kgraph build`` into a cache folder (kept while the articles and kgraph's rules stay
the same), each target entity's timeline is asked of the store with
:func:`kgraph.timeline.entity_timeline`, written in the task's format and scored with
:mod:`timeline.scorer` (the task's temporal awareness). Prints micro precision, recall and F1
over the target entities and the same per entity, and how many gold events were found at all.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import ROOT, markdown_table
from corpora import DEFAULT_WIKINEWS, cat_document

from timeline.scorer import Score, Timeline, format_timeline, micro, read_timeline, score
from timeline.writer import Placer, lead_dates, system_timeline

CACHE = ROOT / "benchmarks" / "timeline" / ".cache"
#: What a build depends on besides the articles: a change here rebuilds.
_RULES = ("kgraph", "ontology")
#: What a build never runs: a change here rebuilds nothing (the timeline reads the store).
_NOT_RULES = ("kgraph/timeline", "kgraph/view", "kgraph/cli/timeline.py")


@dataclass(frozen=True)
class EntityResult:
    """One target entity: its timelines and their score."""

    entity: str
    gold: Timeline | None
    system: Timeline
    score: Score | None
    found: int  # gold events the system's timeline has at all


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    folder = args.data or DEFAULT_WIKINEWS / args.corpus
    if not (folder / "docs").is_dir():
        sys.exit(f"{folder}: no docs/ folder of CAT XML articles (see --help)")
    paths = sorted((folder / "docs").glob("*.xml"))
    documents = [cat_document(p, title_in_text=not args.no_titles) for p in paths]
    if not documents:
        sys.exit(f"{folder / 'docs'}: no *.xml articles")
    golds = _golds(folder)
    targets = _targets(folder, golds)
    started = time.perf_counter()
    store = _build(documents, args.cache, args.workers, args.rebuild, args.keep)
    built = time.perf_counter() - started
    results, asked = _timelines(store, documents, targets, golds, args.mentioned, not args.no_lead)
    if args.out:
        _write(args.out, results, golds, folder)
    print(_report(folder.name, results, built, asked))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--corpus", default="trial", help="trial or corpus_1 (of the shared data)")
    parser.add_argument(
        "--data", type=Path, help="a corpus folder (docs/, gold/, target_entities.txt)"
    )
    parser.add_argument(
        "--out", type=Path, help="write the system's timelines here, one file per entity"
    )
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"build cache (default {CACHE})")
    parser.add_argument("--rebuild", action="store_true", help="build again even if cached")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="use the cached build even when kgraph's rules changed since (to compare timeline "
        "changes on one build)",
    )
    parser.add_argument("--workers", type=int, default=1, help="kgraph build --workers")
    parser.add_argument(
        "--no-titles",
        action="store_true",
        help="build the articles without their titles (kgraph's metadata) as text",
    )
    parser.add_argument(
        "--no-lead",
        action="store_true",
        help="date the events that only have their article's date there, not at the article's "
        "lead date (the first day its facts give in the week before publication)",
    )
    parser.add_argument(
        "--mentioned",
        action="store_true",
        help="also facts whose subject or object names the entity inside a longer phrase",
    )
    return parser


def _golds(folder: Path) -> dict[str, tuple[Path, Timeline]]:
    golds = {}
    for path in sorted((folder / "gold").glob("*.txt")):
        timeline = read_timeline(path.read_text(encoding="utf-8"))
        golds[timeline.entity] = (path, timeline)
    return golds


def _targets(folder: Path, golds: dict[str, tuple[Path, Timeline]]) -> list[str]:
    listed = folder / "target_entities.txt"
    if listed.exists():
        return [t.strip() for t in listed.read_text(encoding="utf-8").splitlines() if t.strip()]
    if not golds:
        sys.exit(f"{folder}: no target_entities.txt and no gold/*.txt to take the targets from")
    return list(golds)


def _build(documents, cache: Path, workers: int, rebuild: bool, keep: bool = False) -> Path:
    """The kgraph store of the documents in ``cache/<first id>/kg``, built again only when the
    articles or kgraph's rules (its code and ontology) changed since (with ``keep``, only when
    there is none)."""
    lines = "".join(json.dumps(d.record, ensure_ascii=False) + "\n" for d in documents)
    key = hashlib.sha256(lines.encode() + _rules_digest()).hexdigest()
    folder = cache / documents[0].record["id"]
    store, stamp = folder / "kg", folder / "key"
    if store.exists() and stamp.exists() and not rebuild and (keep or stamp.read_text() == key):
        return store
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    source = folder / "articles.jsonl"
    source.write_text(lines, encoding="utf-8")
    kgraph = str(Path(sys.executable).with_name("kgraph"))
    command = [kgraph, "build", str(source), "--out", str(store), "--workers", str(workers)]
    subprocess.run([*command, "--quiet"], check=True)
    stamp.write_text(key)
    return store


def _rules_digest() -> bytes:
    digest = hashlib.sha256()
    for top in _RULES:
        for path in sorted((ROOT / top).rglob("*")):
            name = path.relative_to(ROOT).as_posix()
            if name.startswith(_NOT_RULES):
                continue
            if path.is_file() and path.suffix in {".py", ".ttl", ".csv", ".json", ".txt"}:
                digest.update(name.encode() + path.read_bytes())
    return digest.digest()


def _timelines(store: Path, documents, targets, golds, mentioned: bool, lead: bool):
    from kgraph.errors import ConfigError
    from kgraph.graph import KGStore, rows
    from kgraph.timeline import EntityTimeline, entity_timeline

    placers = {d.record["id"]: Placer(d) for d in documents}
    results, asked = [], []
    with KGStore.open(store, read_only=True) as kg:
        texts = {r["a"].value: r["t"].value for r in rows(kg.query(_TEXTS))}
        times = [
            (r["a"].value, int(r["at"].value), r["time"].value, r["issued"].value)
            for r in rows(kg.query(_TIMES))
        ]
        leads = lead_dates(times) if lead else None
        for target in targets:
            started = time.perf_counter()
            try:
                found = entity_timeline(kg, target, mentioned=mentioned)
            except ConfigError:
                found = EntityTimeline(target, target, ())
            asked.append(time.perf_counter() - started)
            system = system_timeline(found, placers, texts, target, leads)
            gold = _gold_of(target, golds)
            if gold is None:
                results.append(EntityResult(target, None, system, None, 0))
                continue
            hit = len(system.events() & gold.events())
            results.append(EntityResult(target, gold, system, score(system, gold), hit))
    return results, asked


_TIMES = """PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?a ?at ?time ?issued WHERE {
  ?f kg:time ?time ; kg:sentenceStart ?at ; prov:wasDerivedFrom ?a . ?a dcterms:issued ?issued
}"""


def _gold_of(target: str, golds: dict[str, tuple[Path, Timeline]]) -> Timeline | None:
    """The gold timeline of a target: by its first line, else by its file name (the gold file
    of "United States Air Force" says "United States Air Froce")."""
    if target in golds:
        return golds[target][1]
    name = target.casefold().replace(" ", "_") + ".txt"
    return next((t for path, t in golds.values() if path.name == name), None)


_TEXTS = (
    "PREFIX kg: <https://w3id.org/kgraph/ns#> SELECT ?a ?t WHERE { ?a a kg:Article ; kg:text ?t }"
)


def _write(out: Path, results: list[EntityResult], golds, folder: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for result in results:
        paths = [path for path, t in golds.values() if t is result.gold]
        name = paths[0].name if paths else result.entity.casefold().replace(" ", "_") + ".txt"
        (out / name).write_text(format_timeline(result.system), encoding="utf-8")


def _report(corpus: str, results: list[EntityResult], built: float, asked: list[float]) -> str:
    scored = [r for r in results if r.score is not None]
    rows = []
    for r in scored:
        assert r.score is not None and r.gold is not None
        rows.append(_row(r.entity, r.score, r.found, len(r.gold.events()), len(r.system.events())))
    if scored:
        total = micro(r.score for r in scored if r.score is not None)
        found = sum(r.found for r in scored)
        gold_events = sum(len(r.gold.events()) for r in scored if r.gold is not None)
        system_events = sum(len(r.system.events()) for r in scored)
        rows.append(_row("**micro**", total, found, gold_events, system_events))
    header = ["entity", "P", "R", "F1", "gold events found", "gold events", "system events"]
    asked.sort()
    median = asked[len(asked) // 2] if asked else 0.0
    lines = [
        f"SemEval-2015 Task 4 Track A, {corpus}: {len(results)} target entities "
        f"(build {built:.1f} s; timeline query median {median * 1000:.0f} ms)",
        "",
        markdown_table(header, rows),
    ]
    return "\n".join(lines)


def _row(entity: str, s: Score, found: int, gold: int, system: int) -> list[str]:
    return [
        entity,
        f"{100 * s.precision:.2f}",
        f"{100 * s.recall:.2f}",
        f"{100 * s.f1:.2f}",
        str(found),
        str(gold),
        str(system),
    ]


if __name__ == "__main__":
    sys.exit(main())
