"""Hand the unjudged facts to blind judges and record their verdicts (docs/evaluation.md).

    python benchmarks/judging.py prepare DIR
        one numbered file per batch (asserted facts of each corpus, counts, times)
        from benchmarks/judged/pending/, with only what a judge may see, and
        DIR/BATCH.keys.json to map the item numbers back; and DIR/rubric.md.
    python benchmarks/judging.py record DIR BATCH --round 2 --judge NAME
        reads DIR/BATCH.verdicts.jsonl ({"item", "verdict", "category", "note"}
        per line, one for every item) and appends the verdicts to
        benchmarks/judged/round-N.jsonl.

A judge is briefed with DIR/rubric.md and DIR/BATCH.jsonl alone: no code, no rules.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from precision import EVALUATION, JUDGED, PENDING, VERDICTS

_SEEN = ("sample", "title", "date", "context", "sentence", "fact")


def batches() -> dict[str, list[Path]]:
    """The pending files of each batch: one per corpus for asserted facts, one for counts
    and one for times."""
    found: dict[str, list[Path]] = {}
    for path in sorted(PENDING.glob("*.jsonl")):
        corpus, _, kind = path.stem.rpartition("-")
        name = (
            f"{corpus}-asserted"
            if kind == "asserted"
            else {"quantity": "quantities"}.get(kind, "times")
        )
        found.setdefault(name, []).append(path)
    return found


def prepare(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(EVALUATION, folder / "rubric.md")
    for name, paths in batches().items():
        items = [json.loads(line) for p in paths for line in p.read_text().splitlines() if line]
        with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as out:
            for n, item in enumerate(items, 1):
                shown = {"item": n, **{k: item[k] for k in _SEEN}}
                out.write(json.dumps(shown, ensure_ascii=False) + "\n")
        (folder / f"{name}.keys.json").write_text(json.dumps(items, ensure_ascii=False))
        print(f"{folder / name}.jsonl: {len(items)} items")


def record(folder: Path, batch: str, round_: int, judge: str) -> None:
    keys = json.loads((folder / f"{batch}.keys.json").read_text(encoding="utf-8"))
    lines = (folder / f"{batch}.verdicts.jsonl").read_text(encoding="utf-8").splitlines()
    given = {v["item"]: v for v in map(json.loads, filter(str.strip, lines))}
    missing = sorted(set(range(1, len(keys) + 1)) - set(given))
    if missing:
        sys.exit(f"{batch}: no verdict for items {missing[:10]}; ask the judge to finish")
    rows = []
    for n, key in enumerate(keys, 1):
        v = given[n]
        if v["verdict"] not in VERDICTS:
            sys.exit(f"{batch}: item {n}: verdict {v['verdict']!r} is not one of {VERDICTS}")
        rows.append(
            {
                **{k: key[k] for k in ("corpus", "sample", "article", "sentence", "fact")},
                "verdict": v["verdict"],
                "category": v.get("category", ""),
                "note": v.get("note", ""),
                "judge": f"round-{round_}/{judge}",
            }
        )
    with (JUDGED / f"round-{round_}.jsonl").open("a", encoding="utf-8") as out:
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    print(f"{batch}: {len(rows)} verdicts recorded in round-{round_}.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("folder", type=Path)
    r = sub.add_parser("record")
    r.add_argument("folder", type=Path)
    r.add_argument("batch")
    r.add_argument("--round", type=int, required=True)
    r.add_argument("--judge", required=True)
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.folder)
    else:
        record(args.folder, args.batch, args.round, args.judge)


if __name__ == "__main__":
    main()
