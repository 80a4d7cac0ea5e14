"""The conflict rules against a table of labelled article pairs (issue 15, part 4).

Each line of the table is one pair of real news sentences from different
articles::

    {"id": "...", "label": "conflict" | "no-conflict", "reason": "...", "category": "...",
     "a": {"text", "sentence", "title", "date", "source"}, "b": {...}}

``text`` is the article body given to kgraph (the sentence and the context
before it). For each pair the script builds a store of just the two articles
with the library (:func:`kgraph.pipeline.build`, the real spaCy model and the
whole analysis), and records whether kgraph reports a conflict between them and
how many near-conflicts it lists as candidates. It prints precision and recall
(a conflict is a positive), the confusion per category and every miss::

    python benchmarks/conflicts/run.py --table benchmarks/conflicts/dev_table.jsonl
    python benchmarks/conflicts/run.py --table benchmarks/conflicts/table.jsonl --out /tmp/t.json

``--reuse DIR`` scores the stores an earlier ``--keep DIR`` run built, with the
analysis recomputed by today's rules (no rebuild: the same extraction, so a
change of the figures is the rules' own)::

    python benchmarks/conflicts/run.py --table benchmarks/conflicts/table.jsonl --keep /tmp/k
    python benchmarks/conflicts/run.py --table benchmarks/conflicts/table.jsonl --reuse /tmp/k
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
POSITIVE = "conflict"
LABELS = (POSITIVE, "no-conflict")


@dataclass
class Outcome:
    """What kgraph said of one pair."""

    id: str
    category: str
    label: str
    reason: str
    predicted: str
    conflicts: list[str] = field(default_factory=list)  # the comments of the conflicts found
    candidates: list[str] = field(default_factory=list)  # comments and reasons of candidates
    seconds: float = 0.0

    @property
    def right(self) -> bool:
        return self.label == self.predicted


def read_table(path: Path) -> list[dict[str, Any]]:
    """The table's pairs; a line that is no pair stops with its number and what is wrong."""
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            sys.exit(f"{path}:{number}: not JSON ({exc}); write one JSON object per line")
        missing = [k for k in ("id", "label", "a", "b") if k not in row]
        if missing or row["label"] not in LABELS:
            sys.exit(f"{path}:{number}: needs id, label ({' or '.join(LABELS)}), a and b")
        for side in ("a", "b"):
            if not str(row[side].get("text") or row[side].get("sentence") or "").strip():
                sys.exit(f'{path}:{number}: article "{side}" has no "text"')
        pairs.append(row)
    return pairs


def _record(pair_id: str, side: str, article: dict[str, Any]) -> dict[str, str]:
    """The article as a JSONL record kgraph ingests."""
    record = {"id": f"{pair_id}-{side}", "text": article.get("text") or article["sentence"]}
    if article.get("title"):
        record["title"] = article["title"]
    if article.get("date"):  # an ISO date or datetime; kgraph reads the date part
        record["published"] = str(article["date"])
    source = str(article.get("source") or "")
    if source.startswith(("http://", "https://")):
        record["url"] = source
    elif source:
        record["source"] = source
    return record


def judge(row: dict[str, Any], folder: Path, number: int = 0, reuse: bool = False) -> Outcome:
    """Build the pair's store (or, with ``reuse``, refresh the analysis of the one built
    before) and read what the analysis found."""
    from kgraph.graph import KGStore
    from kgraph.graph.analysis import read_candidates, read_conflicts, refresh_analysis
    from kgraph.ontology import load_ontology
    from kgraph.pipeline import build

    began = time.perf_counter()
    name = f"{number:03d}-" + "".join(
        c if c.isalnum() or c in "-_" else "_" for c in str(row["id"])
    )
    store = folder / f"{name}.kg"
    if reuse:
        with KGStore.open(store) as kg:
            refresh_analysis(kg, load_ontology())
    else:
        articles = folder / f"{name}.jsonl"
        records = [_record(str(row["id"]), side, row[side]) for side in ("a", "b")]
        articles.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        build([articles], store, workers=1)
    with KGStore.open(store, read_only=True) as kg:
        found = read_conflicts(kg)
        candidates = read_candidates(kg, load_ontology())
    return Outcome(
        id=str(row["id"]),
        category=str(row.get("category") or "-"),
        label=row["label"],
        reason=str(row.get("reason") or ""),
        predicted=POSITIVE if found else "no-conflict",
        conflicts=[f"{c.kind}: {c.comment}" for c in found],
        candidates=[f"{c.comment} [{'; '.join(c.reasons)}]" for c in candidates],
        seconds=time.perf_counter() - began,
    )


def scores(outcomes: list[Outcome]) -> dict[str, float]:
    """Precision, recall and F1 of the conflicts (a conflict is a positive)."""
    tp = sum(o.predicted == POSITIVE and o.label == POSITIVE for o in outcomes)
    fp = sum(o.predicted == POSITIVE and o.label != POSITIVE for o in outcomes)
    fn = sum(o.predicted != POSITIVE and o.label == POSITIVE for o in outcomes)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(outcomes), "tp": tp, "fp": fp, "fn": fn,
            "tn": len(outcomes) - tp - fp - fn, "precision": precision, "recall": recall,
            "f1": f1}  # fmt: skip


def report(outcomes: list[Outcome]) -> str:
    """The figures, the confusion per category and the misses, as text."""
    total = scores(outcomes)
    lines = [
        f"pairs {total['pairs']}: precision {total['precision']:.3f}  recall "
        f"{total['recall']:.3f}  F1 {total['f1']:.3f}  (TP {total['tp']}, FP {total['fp']}, "
        f"FN {total['fn']}, TN {total['tn']})",
        "",
        f"{'category':<28} {'pairs':>5} {'TP':>3} {'FP':>3} {'FN':>3} {'TN':>3}",
    ]
    by_category: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_category[outcome.category].append(outcome)
    for category, members in sorted(by_category.items()):
        s = scores(members)
        lines.append(
            f"{category:<28} {s['pairs']:>5} {s['tp']:>3} {s['fp']:>3} {s['fn']:>3} {s['tn']:>3}"
        )
    misses = [o for o in outcomes if not o.right]
    lines += ["", f"misses: {len(misses)}"]
    for miss in misses:
        kind = "false alarm" if miss.predicted == POSITIVE else "missed"
        lines.append(f"- {miss.id} ({miss.category}, {kind}): {miss.reason}")
        lines += [f"    kgraph: {c}" for c in miss.conflicts]
        lines += [f"    candidate: {c}" for c in miss.candidates]
    counts = Counter(bool(o.candidates) for o in outcomes if o.predicted != POSITIVE)
    lines.append(f"\npairs without a conflict but with a candidate: {counts[True]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--table", type=Path, default=HERE / "dev_table.jsonl")
    parser.add_argument("--out", type=Path, help="also write every outcome as JSON here")
    parser.add_argument("--keep", type=Path, help="keep the pairs' stores in this folder")
    parser.add_argument("--reuse", type=Path, help="score the stores a --keep run built there")
    args = parser.parse_args(argv)
    pairs = read_table(args.table)
    folder = args.reuse or args.keep or Path(tempfile.mkdtemp(prefix="kgraph-conflicts-"))
    folder.mkdir(parents=True, exist_ok=True)
    outcomes = []
    for number, row in enumerate(pairs, 1):
        outcome = judge(row, folder, number, reuse=args.reuse is not None)
        mark = "ok  " if outcome.right else "MISS"
        print(f"{number:>3}/{len(pairs)} {mark} {outcome.id}", file=sys.stderr)
        outcomes.append(outcome)
    print(report(outcomes))
    if args.out:
        data = {"table": str(args.table), "scores": scores(outcomes),
                "outcomes": [asdict(o) for o in outcomes]}  # fmt: skip
        args.out.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    if not (args.keep or args.reuse):
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
