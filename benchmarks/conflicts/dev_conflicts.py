"""The conflicts of the dev stores, one JSON per line, for a blind judge.

Each line names the corpus and the kind, and gives both sides as they read, with
their sentence, article identifier and the article's text (what the judge reads),
in the shape of ``judged-dev-1.jsonl`` without the verdict::

    python benchmarks/conflicts/dev_conflicts.py seed=/tmp/conf/seed.kg \\
        wikinews=/tmp/conf/wikinews.kg abc=/tmp/conf/abc.kg > /tmp/conf/dev_conflicts.jsonl

Each store's analysis must be current (``kgraph conflicts STORE --refresh``).
"""

from __future__ import annotations

import json
import sys

from kgraph.graph import KGStore
from kgraph.graph.analysis import read_conflicts
from kgraph.graph.analysis.copies import article_texts


def lines(corpus: str, path: str) -> list[str]:
    """The conflicts of one store as JSON lines."""
    with KGStore.open(path, read_only=True) as kg:
        texts = article_texts(kg)
        found = read_conflicts(kg)
    out = []
    for conflict in found:
        sides = [
            {"reads": f.value, "sentence": f.sentence, "article": f.identifier or f.article,
             "title": f.title, "issued": f.issued, "text": texts.get(f.article, "")}
            for f in conflict.facts
        ]  # fmt: skip
        row = {"corpus": corpus, "kind": conflict.kind, "a": sides[0], "b": sides[-1]}
        out.append(json.dumps(row, ensure_ascii=False))
    return out


def main(argv: list[str]) -> int:
    if not argv or not all("=" in a for a in argv):
        sys.exit("usage: dev_conflicts.py CORPUS=STORE ...")
    for arg in argv:
        corpus, path = arg.split("=", 1)
        for line in lines(corpus, path):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
