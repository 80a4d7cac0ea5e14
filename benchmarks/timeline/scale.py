"""``kgraph timeline`` on a store of 10,000 articles: a built corpus repeated, then timed.

The TimeLine corpus_1 store (30 Wikinews articles, built by run.py's cache) is copied until the
store holds ``--articles`` articles: every copy gets its own article, fact and conflict IRIs, and
its own entities (labels suffixed "#k"), except one copy in ``--share`` that keeps the original
entities. So a target entity is in 1/share of the articles (5 % by default: Boeing then has some
3,000 facts in 10,000 articles), as a busy entity of a news archive is. The command is timed as a
user runs it (a new process, JSON to a pipe) and as a library call, median of ``--runs``.

    python benchmarks/timeline/scale.py --articles 10000 --entity Boeing --store /tmp/kg10k
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpora import DEFAULT_WIKINEWS, cat_document

from timeline.run import CACHE, _build

_KINDS = ("article/", "fact/", "conflict/")
_LABELS = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#altLabel",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--entity", default="Boeing")
    parser.add_argument("--share", type=int, default=20, help="1 copy in SHARE keeps the entities")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", type=Path, help="keep the store here (reused when it exists)")
    args = parser.parse_args()
    if args.store and args.store.exists():
        _time(args.store, args.entity, args.runs)
        return 0
    folder = DEFAULT_WIKINEWS / "corpus_1"
    documents = [
        cat_document(p, title_in_text=True) for p in sorted((folder / "docs").glob("*.xml"))
    ]
    source = _build(documents, CACHE, 1, False)
    with tempfile.TemporaryDirectory() as tmp:
        target = args.store or Path(tmp) / "kg"
        started = time.perf_counter()
        articles = _repeat(source, target, args.articles, args.share)
        print(f"store of {articles} articles written in {time.perf_counter() - started:.0f} s")
        _time(target, args.entity, args.runs)
    return 0


def _repeat(source: Path, target: Path, articles: int, share: int) -> int:
    from kgraph.graph import KGStore

    with KGStore.open(source, read_only=True) as kg:
        base = kg.iris.base
        quads = list(kg.quads())
    originals = len({q.graph_name for q in quads if _is_article_graph(q, base)})
    copies = -(-articles // max(originals, 1))
    with KGStore.open(target, create=True, base_iri=base) as kg:
        for k in range(copies):
            kg.backend.db.bulk_extend(_copy(quads, base, k, k % share == 0))
        count = len(list(kg.query("SELECT ?a WHERE { ?a a <https://w3id.org/kgraph/ns#Article> }")))
    return count


def _is_article_graph(quad: ox.Quad, base: str) -> bool:
    return isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value.startswith(
        base + "article/"
    )


def _copy(quads: list[ox.Quad], base: str, k: int, shared: bool):
    def term(t):
        if isinstance(t, ox.NamedNode) and t.value.startswith(base):
            local = t.value[len(base) :]
            if local.startswith(_KINDS) or (local.startswith("entity/") and not shared):
                return ox.NamedNode(f"{t.value}-{k}")
        return t

    for q in quads:
        graph = q.graph_name
        if isinstance(graph, ox.NamedNode) and not graph.value.startswith(base + "article/"):
            if k and not graph.value.endswith(("graph/entities", "graph/analysis")):
                continue  # runs and ontology: once
            if k and shared and graph.value.endswith("graph/entities"):
                continue
        obj = term(q.object)
        if (
            not shared
            and isinstance(obj, ox.Literal)
            and q.predicate.value in _LABELS
            and isinstance(q.subject, ox.NamedNode)
            and q.subject.value.startswith(base + "entity/")
        ):
            obj = ox.Literal(f"{obj.value} #{k}", language=obj.language)
        yield ox.Quad(term(q.subject), q.predicate, obj, term(graph))


def _time(store: Path, entity: str, runs: int) -> None:
    from kgraph.graph import KGStore
    from kgraph.timeline import entity_timeline

    kgraph = str(Path(sys.executable).with_name("kgraph"))
    command = [kgraph, "timeline", str(store), entity, "--format", "json"]
    wall = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        wall.append(time.perf_counter() - started)
    calls, events, mentions = [], 0, 0
    with KGStore.open(store, read_only=True) as kg:
        for _ in range(runs):
            started = time.perf_counter()
            found = entity_timeline(kg, entity)
            calls.append(time.perf_counter() - started)
        events = len(found.events)
        mentions = sum(len(e.mentions) for e in found.events)
    print(
        f"kgraph timeline {entity!r}: {events} events, {mentions} mentions; "
        f"command median {statistics.median(wall):.2f} s "
        f"(runs {', '.join(f'{t:.2f}' for t in wall)}); "
        f"library call median {statistics.median(calls):.2f} s"
    )


if __name__ == "__main__":
    sys.exit(main())
