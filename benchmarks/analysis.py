"""Conflicts and corroboration on a synthetic store: how long ``refresh_analysis`` takes.

A synthetic store of N fact nodes (25 per article, subjects, relations and
objects drawn with a skew so that triples recur across articles; 5 % negated,
2 % denied, 3 % modal, 10 % counts of six kinds with qualifiers, 60 publishers)
is written to a fresh Oxigraph store, then the analysis is computed twice: the
first run writes the analysis graph, the second finds it unchanged. Prints the
time of each part (the conflict queries, the corroboration queries, the write).

With ``--add K`` (repeatable), it also times the analysis after adding K articles:
the K last articles' graphs are taken out of the store, its analysis refreshed, then
they are written back and the analysis brought up to date both ways, incrementally
(``update_analysis``) and in full (``refresh_analysis``), the median of ``--runs``
(the two results are checked to be equal). ``--store`` does this on a copy of a real
store instead of a synthetic one:

    python benchmarks/analysis.py --facts 100000
    python benchmarks/analysis.py --store /tmp/analysis/abc.kg --add 1 --add 10 --runs 3
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kgraph.graph import KGStore
from kgraph.graph.analysis import (
    AnalysisScope,
    analysis_triples,
    refresh_analysis,
    update_analysis,
)
from kgraph.graph.analysis.conflicts import find_conflicts
from kgraph.graph.analysis.corroboration import corroboration
from kgraph.graph.analysis.specific import specific_nodes
from kgraph.ontology import Ontology, load_ontology
from kgraph.vocab import KG, Iris

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
_KINDS = ["deaths", "injuries", "casualties", "troops", "displaced", "detained"]
_QUALIFIERS = [None, None, "at least", "about", "over", "up to"]


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def synthetic_quads(iris: Iris, facts: int, seed: int = 8) -> list[ox.Quad]:
    """The quads of a store with ``facts`` fact nodes, 25 per article."""
    rng = random.Random(seed)
    quads: list[ox.Quad] = []
    entities = [str(iris.entity(f"e{i}")) for i in range(max(200, facts // 50))]
    predicates = [str(Iris.relation(n)) for n in ("initiates", "attacks", "claims", "states")] + [
        f"https://w3id.org/kgraph/rel/r{i}" for i in range(46)
    ]
    graph = _n(str(iris.entities_graph))
    for i, entity in enumerate(entities):
        label = ox.Literal(f"group {i % 300} of {i}", language="en")
        quads.append(ox.Quad(_n(entity), _n(RDF_LABEL), label, graph))
    skew = [1 / (rank + 1) for rank in range(len(entities))]
    for number in range(0, facts, 25):
        article = str(iris.article(f"a{number // 25}"))
        g = _n(article)
        quads.append(ox.Quad(_n(article), _n(RDF + "type"), _n(str(KG.Article)), g))
        publisher = ox.Literal(f"Publisher {rng.randrange(60)}")
        quads.append(ox.Quad(_n(article), _n(DCT + "publisher"), publisher, g))
        for k in range(number, min(number + 25, facts)):
            quads += _fact(iris, rng, k, g, entities, predicates, skew)
    return quads


RDF_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _fact(
    iris: Iris,
    rng: random.Random,
    k: int,
    g: ox.NamedNode,
    entities: list[str],
    predicates: list[str],
    skew: list[float],
) -> list[ox.Quad]:
    node = _n(str(iris.fact("bench", k)))
    subject = _n(rng.choices(entities, skew)[0])
    quantity = rng.random() < 0.10
    if quantity:
        predicate, obj = _n(str(KG.count)), ox.Literal(str(rng.choice([2, 5, 23, 80, 192, 2000])))
    else:
        predicate, obj = _n(rng.choice(predicates)), _n(rng.choices(entities, skew)[0])
    out = [
        ox.Quad(node, _n(RDF + "type"), _n(RDF + "Statement"), g),
        ox.Quad(node, _n(RDF + "subject"), subject, g),
        ox.Quad(node, _n(RDF + "predicate"), predicate, g),
        ox.Quad(node, _n(RDF + "object"), obj, g),
        ox.Quad(node, _n(PROV + "wasDerivedFrom"), g, g),
        ox.Quad(node, _n(str(KG.sentence)), ox.Literal(f"sentence {k}"), g),
    ]
    mark = rng.random()
    true = ox.Literal("true", datatype=_n("http://www.w3.org/2001/XMLSchema#boolean"))
    if mark < 0.05:
        out.append(ox.Quad(node, _n(str(KG.negated)), true, g))
    elif mark < 0.07:
        out.append(ox.Quad(node, _n(str(KG.denied)), true, g))
    elif mark < 0.10:
        out.append(ox.Quad(node, _n(str(KG.modality)), ox.Literal("may"), g))
    elif not quantity:
        out.append(ox.Quad(subject, predicate, obj, g))
    if quantity:
        out.append(ox.Quad(node, _n(RDF + "type"), _n(str(KG.Quantity)), g))
        out.append(ox.Quad(node, _n(str(KG.count)), obj, g))
        out.append(ox.Quad(node, _n(str(KG.quantityKind)), ox.Literal(rng.choice(_KINDS)), g))
        qualifier = rng.choice(_QUALIFIERS)
        if qualifier:
            out.append(ox.Quad(node, _n(str(KG.qualifier)), ox.Literal(qualifier), g))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--store", type=Path, help="time adds on a copy of this store instead")
    parser.add_argument("--add", type=int, action="append", default=[], help="articles added")
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (median)")
    args = parser.parse_args()
    rules = load_ontology()
    with tempfile.TemporaryDirectory() as folder:
        if args.store:
            shutil.copytree(args.store, Path(folder) / "kg")
            with KGStore.open(Path(folder) / "kg") as kg:
                refresh_analysis(kg, rules)
                _adds(kg, rules, args.add, args.runs)
            return
        with KGStore.open(Path(folder) / "kg", create=True) as kg:
            quads = synthetic_quads(kg.iris, args.facts)
            kg.backend.extend(quads)
            print(f"{args.facts} facts, {len(quads)} quads")
            _parts(kg, rules)
            _adds(kg, rules, args.add, args.runs)


def _parts(kg: KGStore, rules: Ontology) -> None:
    began = time.perf_counter()
    specific = specific_nodes(kg, rules)
    found = find_conflicts(kg, specific)
    conflicts_s = time.perf_counter() - began
    began = time.perf_counter()
    support = corroboration(kg, specific)
    support_s = time.perf_counter() - began
    began = time.perf_counter()
    kg.replace_graph(kg.iris.analysis_graph, analysis_triples(kg, found, support))
    write_s = time.perf_counter() - began
    again = refresh_analysis(kg, rules)
    print(f"| part | seconds |\n| --- | --- |\n| conflicts ({len(found)}) | {conflicts_s:.2f} |")
    print(f"| corroboration ({len(support)} facts) | {support_s:.2f} |")
    print(f"| write the analysis graph | {write_s:.2f} |")
    print(f"| refresh again (unchanged) | {again.seconds:.2f} |")
    print("conflicts by kind:", again.conflicts)


def _adds(kg: KGStore, rules: Ontology, adds: list[int], runs: int) -> None:
    """Median analysis seconds after adding K articles: incremental and full."""
    if adds:
        print("| articles added | incremental (s) | full refresh (s) |\n| --- | --- | --- |")
    articles = sorted(str(r["a"].value) for r in kg.query("SELECT ?a WHERE { ?a a kg:Article }"))
    for k in adds:
        chosen = articles[-k:]
        graphs = {a: list(kg.backend.quads(None, None, None, _n(a))) for a in chosen}
        timed: dict[str, list[float]] = {"update": [], "refresh": []}
        for _ in range(runs):
            for way in timed:
                kg.backend.replace([_n(a) for a in chosen], [])
                refresh_analysis(kg, rules)
                kg.backend.extend([q for quads in graphs.values() for q in quads])
                if way == "update":
                    report = update_analysis(kg, rules, AnalysisScope(frozenset(chosen)))
                    after = set(kg.quads(kg.iris.analysis_graph))
                else:
                    report = refresh_analysis(kg, rules)
                    assert set(kg.quads(kg.iris.analysis_graph)) == after, "not a refresh's"
                timed[way].append(report.seconds)
        update, refresh = (statistics.median(timed[w]) for w in ("update", "refresh"))
        print(f"| {k} | {update:.2f} | {refresh:.2f} |")


if __name__ == "__main__":
    main()
