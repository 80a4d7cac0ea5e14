"""The store at 10^4, 10^5 and 10^6 triples: kgraph's default (Oxigraph) against rdflib Memory.

A synthetic news-shaped graph (articles with facts, provenance nodes and entity
descriptions, made by kgraph's own RDF code) is loaded into each engine in a
fresh process, which reports the load time (time spent in the engine's writes:
one transaction per article for the default store, as ``kgraph build`` does),
the on-disk size, the peak memory and the median latency of five typical
queries. Targets (issue 3) at 10^6 triples: each query under 250 ms on the
default store, the aggregate and regex queries at least 20x faster than rdflib
Memory, loading under 10 s, peak memory under 1.5 GB.

    python benchmarks/store.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from common import markdown_table, report

from kgraph.graph import article_triples, entity_descriptions
from kgraph.graph.store import KGStore
from kgraph.model import (
    Article,
    Entity,
    LinkedFact,
    LinkMethod,
    Mention,
    Provenance,
    Relation,
    RelationMention,
    Span,
    SurfaceTriple,
)
from kgraph.vocab import Iris

FACTS_PER_ARTICLE = 40
TRIPLES_PER_FACT = 25  # plain triple + provenance node + entity descriptions, roughly
QUERIES = {
    "facts about an entity": """
        SELECT ?p ?o ?sentence ?article ?title WHERE {{
          ?f rdf:subject <{a}> ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?sentence ;
             prov:wasDerivedFrom ?article . OPTIONAL {{ ?article dcterms:title ?title }} }}""",
    "count facts per relation": """
        SELECT ?p (COUNT(?f) AS ?n) WHERE {{ ?f rdf:predicate ?p }}
        GROUP BY ?p ORDER BY DESC(?n)""",
    "two-hop paths": """SELECT ?p1 ?m ?p2 WHERE {{ <{a}> ?p1 ?m . ?m ?p2 <{b}> }}""",
    "label regex": """
        SELECT ?e ?l WHERE {{ ?e rdfs:label ?l FILTER(REGEX(?l, "^ka", "i")) }}""",
    "facts of one article": """
        SELECT ?s ?p ?o WHERE {{ GRAPH <{article}> {{
          ?f rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }} }}""",
}
_WORDS = [
    "forces",
    "shelling",
    "ceasefire",
    "ministry",
    "corridor",
    "talks",
    "offensive",
    "residents",
    "peacekeepers",
    "border",
    "village",
    "statement",
    "casualties",
    "officials",
    "region",
    "agreement",
    "attack",
]
_SYLLABLES = ["ka", "ra", "sho", "vi", "men", "dor", "al", "iy", "ev", "ov", "yan", "ar", "bek"]


def synthetic_articles(triples: int, seed: int = 3) -> Iterator[tuple[Article, list[LinkedFact]]]:
    """Articles with linked facts adding up to about ``triples`` triples."""
    rng = random.Random(seed)
    facts_total = max(1, triples // TRIPLES_PER_FACT)
    entities = [_entity(rng, i) for i in range(max(10, facts_total // 8))]
    relations = [Relation(f"rel{i}", f"relation {i}", canonical=False) for i in range(60)]
    for n in range(max(1, facts_total // FACTS_PER_ARTICLE)):
        sentences = [" ".join(rng.choices(_WORDS, k=20)) + "." for _ in range(FACTS_PER_ARTICLE)]
        text = " ".join(sentences)
        article = Article(
            id=f"{n:016x}",
            text=text,
            title=f"Report {n}",
            url=f"https://synthetic.example/{n}",
            published="2023-09-19",
        )
        facts, start = [], 0
        for sentence in sentences:
            span = Span.of(text, start, start + len(sentence))
            start += len(sentence) + 1
            facts.append(_fact(rng, article.id, span, entities, relations))
        yield article, facts


def _entity(rng: random.Random, i: int) -> Entity:
    name = "".join(rng.choices(_SYLLABLES, k=3)).capitalize() + f" {i}"
    return Entity(f"e{i}", name, rng.choice(["Person", "Country", "City", "Organization"]))


def _fact(
    rng: random.Random, article: str, span: Span, entities: list[Entity], relations: list[Relation]
) -> LinkedFact:
    # names in news follow a Zipf-like law: a log-uniform rank gives the top entity ~8% of facts
    subject = entities[int(len(entities) ** rng.random()) - 1]
    obj = rng.choice(entities)
    mention = Mention(span.text[:5], span.start, span.start + 5)
    relation = RelationMention(span.text[6:11], span.start + 6, span.start + 11, lemma="x")
    surface = SurfaceTriple(mention, relation, mention, span, "svo", rng.random())
    return LinkedFact(
        subject,
        rng.choice(relations),
        obj,
        surface,
        Provenance(article, span, "svo", surface.confidence),
        LinkMethod.NER,
        LinkMethod.NER,
        ((subject, subject.label),),
    )


def load_oxigraph(triples: int, folder: Path) -> tuple[KGStore, float]:
    """The default store loaded through kgraph's write path, and the seconds spent writing."""
    store, spent = KGStore.open(folder, create=True), 0.0
    run = store.iris.run("bench")
    for article, facts in synthetic_articles(triples):
        quads = article_triples(store.iris, article, (), facts, run)
        entities = entity_descriptions(store.iris, facts)
        began = time.perf_counter()
        store.add_article(store.iris.article(article.id), quads, entities)
        spent += time.perf_counter() - began
    return store, spent


def load_rdflib(triples: int) -> tuple[object, float]:
    """An rdflib Memory dataset with the same triples, and the seconds spent adding them."""
    from rdflib import Dataset

    iris, dataset, spent = Iris(), Dataset(default_union=True), 0.0
    run = iris.run("bench")
    for article, facts in synthetic_articles(triples):
        quads = [
            (*map(_rdflib, t), dataset.graph(iris.article(article.id)))
            for t in article_triples(iris, article, (), facts, run)
        ]
        entity_graph = dataset.graph(iris.entities_graph)
        quads += [
            (*t, entity_graph)
            for d in entity_descriptions(iris, facts)
            for t in (*d.core, *d.names)
        ]
        began = time.perf_counter()
        dataset.addN(quads)  # type: ignore[arg-type]
        spent += time.perf_counter() - began
    return dataset, spent


def _rdflib(term: object) -> object:
    """rdflib's term for a pyoxigraph term (the hot path builds those), else the term."""
    from kgraph.graph.backends import from_oxigraph

    return term if isinstance(term, str) else from_oxigraph(term)


def measure(engine: str, triples: int) -> dict[str, object]:
    """Load and query one engine at one size (run in its own process)."""
    from kgraph.vocab import PREFIXES

    with tempfile.TemporaryDirectory() as tmp:
        store, dataset, load = None, None, 0.0
        if engine == "oxigraph":
            store, load = load_oxigraph(triples, Path(tmp) / "kg")
        else:
            dataset, load = load_rdflib(triples)
        iris = Iris()
        ids = {"a": iris.entity("e0"), "b": iris.entity("e1"), "article": iris.article(f"{1:016x}")}
        size = store.quad_count() if store else len(dataset)  # type: ignore[arg-type]
        run = (
            (lambda q: list(store.query(q)))
            if store
            else (lambda q: list(dataset.query(q, initNs=PREFIXES)))
        )  # type: ignore[union-attr]
        latencies = {name: _median_ms(run, q.format(**ids)) for name, q in QUERIES.items()}
        disk = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file()) if store else 0
        if store:
            store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB
    return {
        "engine": engine,
        "triples": size,
        "load_s": load,
        "disk_mib": disk / 2**20,
        "peak_mib": peak,
        "latency_ms": latencies,
    }


def _median_ms(run: object, query: str) -> float:
    times = []
    for _ in range(5):
        began = time.perf_counter()
        run(query)  # type: ignore[operator]
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--engines", nargs="+", default=["oxigraph", "rdflib"])
    parser.add_argument("--one", nargs=2, metavar=("ENGINE", "TRIPLES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]))))
        return
    results = []
    for size in args.sizes:
        for engine in args.engines:
            out = subprocess.run(
                [sys.executable, __file__, "--one", engine, str(size)],
                capture_output=True,
                text=True,
                check=True,
            )
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"measured {engine} at {size:,} triples", file=sys.stderr)
    report("Store: load, size, memory and query latency", _table(results), _speedups(results))


def _table(results: list[dict]) -> str:
    header = ["engine", "triples", "load s", "disk MiB", "peak MiB", *QUERIES]
    rows = [
        [
            r["engine"],
            f"{r['triples']:,}",
            f"{r['load_s']:.1f}",
            f"{r['disk_mib']:.0f}" if r["disk_mib"] else "-",
            f"{r['peak_mib']:.0f}",
            *(f"{r['latency_ms'][q]:.1f} ms" for q in QUERIES),
        ]
        for r in results
    ]
    return markdown_table(header, rows)


def _speedups(results: list[dict]) -> str:
    lines = []
    for ox in (r for r in results if r["engine"] == "oxigraph"):
        other = next(
            (
                r
                for r in results
                if r["engine"] == "rdflib"
                and abs(r["triples"] - ox["triples"]) < ox["triples"] * 0.2
            ),
            None,
        )
        if other:
            ratios = ", ".join(
                f"{q} {other['latency_ms'][q] / max(ox['latency_ms'][q], 1e-3):.0f}x"
                for q in QUERIES
            )
            lines.append(f"Oxigraph vs rdflib Memory at {ox['triples']:,} triples: {ratios}.")
    return "\n\n".join(lines)


if __name__ == "__main__":
    main()
