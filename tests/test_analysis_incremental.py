"""Incremental analysis (issue 15, part 5): after random adds and removes, the analysis graph
equals a full refresh of the same store."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from kgraph.graph import KGStore
from kgraph.graph.analysis import (
    AnalysisScope,
    analysis_scope,
    refresh_analysis,
    update_analysis,
)
from kgraph.ontology import Ontology

from .analysis_corpus import BASE, Corpus

_SUBJECTS = [
    ("Armenia", "Country"), ("Azerbaijan", "Country"), ("people", "Group"),
    ("Red Cross", "Organization"), ("ceasefire", "Concept"), ("two men", "Group"),
]  # fmt: skip
_OBJECTS = [("Stepanakert", "City"), ("peace talks", "Concept"), ("civilians", "Group")]
_PREDICATES = ["kgrel:attacks", "kgrel:supports", "kgrel:locatedIn"]
_STORY = " ".join(f"word{i}" for i in range(80))


def _corpus(rng: random.Random, articles: int) -> Corpus:
    """Random articles: facts over a few shared nodes (some generic), negations and denials,
    counts of troops of one event, two publishers, and some syndicated copies of one story."""
    corpus = Corpus()
    for number in range(articles):
        key = f"a{number}"
        copy = rng.random() < 0.3
        text = _STORY + f" update {number}" if copy else f"other text {number} " * 20
        corpus.article(key, f"Title {number}", rng.choice(["ABC", "BBC", None]), text=text)
        for k in range(rng.randint(2, 5)):
            subject = corpus.entity(*_slug(rng.choice(_SUBJECTS)))
            obj = corpus.entity(*_slug(rng.choice(_OBJECTS)))
            mark = rng.random()
            corpus.fact(
                f"{key}-f{k}", key, subject, rng.choice(_PREDICATES), obj,
                negated=mark < 0.2, denied=0.2 <= mark < 0.3,
            )  # fmt: skip
        if rng.random() < 0.6:
            value = rng.choice([3, 5, 12])
            said = f"{value} Armenian soldiers died."
            corpus.quantity(f"{key}-q", key, "Armenian soldiers", "deaths", value,
                            about="mine explosion", sentence=said)  # fmt: skip
    return corpus


def _slug(entity: tuple[str, str]) -> tuple[str, str, str]:
    label, cls = entity
    return label.replace(" ", "_"), label, cls


def _analysis(kg: KGStore) -> set[ox.Quad]:
    graph = ox.NamedNode(str(kg.iris.analysis_graph))
    return set(kg.backend.quads(None, None, None, graph))


def _graphs(corpus: Corpus, keep: set[str]) -> Corpus:
    """The corpus with only the article graphs of ``keep`` (and every other graph)."""
    part = Corpus()
    for graph, lines in corpus.graphs.items():
        if not graph.startswith("article/") or graph.removeprefix("article/") in keep:
            part.graphs[graph] = list(lines)
    return part


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_analysis_incremental_equals_a_refresh_after_adds_and_removes(
    tmp_path: Path, ontology: Ontology, seed: int
) -> None:
    rng = random.Random(seed)
    corpus = _corpus(rng, 14)
    first = {f"a{n}" for n in range(8)}
    with _graphs(corpus, first).store(tmp_path / "kg") as kg:
        refresh_analysis(kg, ontology)
        added = {f"a{n}" for n in range(8, 14)}
        kg.backend.extend(list(ox.parse(_graphs(corpus, added).trig(), format=ox.RdfFormat.TRIG)))
        iris = frozenset(f"{BASE}article/{a}" for a in added)
        update_analysis(kg, ontology, AnalysisScope(iris))
        incremental = _analysis(kg)
        full = refresh_analysis(kg, ontology)
        assert _analysis(kg) == incremental
        assert sum(full.conflicts.values()) > 0  # the random store has conflicts to compare
        removed = rng.sample(sorted(first | added), 4)
        scope = analysis_scope(kg, [f"{BASE}article/{a}" for a in removed])
        assert scope.facts and scope.nodes and len(scope.texts) == 4
        for article in scope.articles:
            kg.remove_article(URIRef(article))
        update_analysis(kg, ontology, scope)
        incremental = _analysis(kg)
        refresh_analysis(kg, ontology)
        assert _analysis(kg) == incremental


def test_analysis_incremental_of_nothing_changes_nothing(
    tmp_path: Path, ontology: Ontology
) -> None:
    with _corpus(random.Random(5), 6).store(tmp_path / "kg") as kg:
        refresh_analysis(kg, ontology)
        before = _analysis(kg)
        report = update_analysis(kg, ontology, AnalysisScope())
        assert _analysis(kg) == before
        assert report.facts == 0  # no fact's counts recomputed
