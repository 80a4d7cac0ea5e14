"""``kgraph timeline`` on a store of 10,000 articles: a built corpus repeated, then timed.

The TimeLine corpus_1 store (30 Wikinews articles, built by run.py's cache) is copied until the
store holds ``--articles`` articles: every copy gets its own article, fact and conflict IRIs, and
its own entities (labels, and the texts of the facts' subjects and objects, suffixed "#k"),
except one copy in ``--share`` that keeps the original entities. So a target entity is in
1/share of the articles (5 % by default: Boeing then has some 3,000 facts in 10,000 articles),
as a busy entity of a news archive is. The copies are written as one N-Quads file and
bulk-loaded at once. The command is timed as a user runs it (a new process, JSON to a pipe)
and as a library call, median of ``--runs``, for each ``--entity``.

    python benchmarks/timeline/scale.py --articles 10000 --store /tmp/kg10k \
        --entity Boeing --entity "Scott Carson"
"""

from __future__ import annotations

import argparse
import re
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
_TEXTS = {
    "https://w3id.org/kgraph/ns#subjectText",
    "https://w3id.org/kgraph/ns#objectText",
}
_LABELS = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#altLabel",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument(
        "--entity", action="append", help="the entity to time (repeat it; default Boeing)"
    )
    parser.add_argument("--share", type=int, default=20, help="1 copy in SHARE keeps the entities")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", type=Path, help="keep the store here (reused when it exists)")
    args = parser.parse_args()
    entities = args.entity or ["Boeing"]
    if args.store and args.store.exists():
        for entity in entities:
            _time(args.store, entity, args.runs)
        return 0
    folder = DEFAULT_WIKINEWS / "corpus_1"
    documents = [
        cat_document(p, title_in_text=True) for p in sorted((folder / "docs").glob("*.xml"))
    ]
    source = _build(documents, CACHE, 1, False, keep=True)
    with tempfile.TemporaryDirectory() as tmp:
        target = args.store or Path(tmp) / "kg"
        started = time.perf_counter()
        articles = _repeat(source, target, args.articles, args.share)
        print(f"store of {articles} articles written in {time.perf_counter() - started:.0f} s")
        for entity in entities:
            _time(target, entity, args.runs)
    return 0


def _repeat(source: Path, target: Path, articles: int, share: int) -> int:
    """Write the copies of ``source`` as one N-Quads file, then bulk-load it into ``target``
    (one load: building or extending the store copy by copy took hours on a shared machine)."""
    from kgraph.graph import KGStore

    with KGStore.open(source, read_only=True) as kg:
        base = kg.iris.base
        quads = list(kg.quads())
    originals = len({q.graph_name for q in quads if _is_article_graph(q, base)})
    copies = -(-articles // max(originals, 1))
    parts = _parts(quads, base)
    with KGStore.open(target, create=True, base_iri=base) as kg:
        nquads = target / "copies.nq"
        with nquads.open("w", encoding="utf-8") as out:
            for k in range(copies):
                out.writelines(_copy(parts, base, k, k % share == 0))
        kg.backend.db.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
        nquads.unlink()
        kg.backend.db.optimize()  # compacted, as a store is once built: 7x faster lookups
        count = len(list(kg.query("SELECT ?a WHERE { ?a a <https://w3id.org/kgraph/ns#Article> }")))
    return count


def _is_article_graph(quad: ox.Quad, base: str) -> bool:
    return isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value.startswith(
        base + "article/"
    )


def _parts(quads: list[ox.Quad], base: str) -> dict[str, str]:
    """The store's N-Quads by what a copy does with them: ``every`` copy has the article and
    analysis graphs (the ``texts`` of their facts' subjects and objects apart), a copy with its
    own entities has the ``entities`` (their ``names`` apart), ``once`` the runs and the
    ontology. A copy with its own entities suffixes the names and the texts."""
    kinds: dict[str, list[ox.Quad]] = {k: [] for k in ("every", "texts", "entities", "names")}
    kinds["once"] = []
    for q in quads:
        graph = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        if graph.startswith(base + "article/") or graph.endswith("graph/analysis"):
            kind = "texts" if q.predicate.value in _TEXTS else "every"
        elif not graph.endswith("graph/entities"):
            kind = "once"
        elif q.predicate.value in _LABELS and q.subject.value.startswith(base + "entity/"):
            kind = "names"
        else:
            kind = "entities"
        kinds[kind].append(q)
    nquads = ox.RdfFormat.N_QUADS
    return {kind: ox.serialize(found, format=nquads).decode() for kind, found in kinds.items()}


def _copy(parts: dict[str, str], base: str, k: int, shared: bool) -> list[str]:
    """Copy ``k`` of the store's N-Quads: its own article, fact and conflict IRIs, and unless
    ``shared`` its own entities (IRIs, names and the texts that name them suffixed "#k", so
    that the copy's "Boeing" is another entity, written so); the first copy is the original."""
    if k == 0:
        return list(parts.values())
    kinds = "article|fact|conflict" if shared else "article|fact|conflict|entity"
    iri = re.compile(rf"<({re.escape(base)}(?:{kinds})/[^>]*)>")
    copied = {kind: iri.sub(rf"<\1-{k}>", text) for kind, text in parts.items() if kind != "once"}
    if shared:
        return [copied["every"], copied["texts"]]
    suffixed = [_LITERAL.sub(rf'\1 #{k}"', copied[kind]) for kind in ("texts", "names")]
    return [copied["every"], copied["entities"], *suffixed]


#: The literal of an N-Quads line, up to its closing quote.
_LITERAL = re.compile(r'^(<[^>]*> <[^>]*> "(?:[^"\\]|\\.)*)"', re.MULTILINE)


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
