"""Synthetic view graphs of any size, for the interactivity benchmark and the browser tests.

A preferential-attachment graph (a few hubs, many small entities, like news
graphs), with facts from dated articles of a few sources, in the format of
:mod:`kgraph.view.subgraph`.

>>> graph = synthetic_graph(50)
>>> graph.number_of_nodes(), graph.number_of_edges() > 50
(50, True)
"""

from __future__ import annotations

import random

import networkx as nx

from kgraph.view.html import CLASS_COLOURS
from kgraph.view.subgraph import ArticleInfo, Fact
from kgraph.vocab import Iris

__all__ = ["synthetic_graph"]

_RELATIONS = ("initiates", "controls", "attacks", "regains", "blockades", "defends", "threatens")
_SOURCES = ("Example News", "Daily Example", "The Example Times", "Example Wire")


def synthetic_graph(nodes: int, seed: int = 0) -> nx.MultiDiGraph:
    """A view graph of ``nodes`` entities and about 1.6 facts per entity."""
    rng = random.Random(seed)
    iris = Iris()
    classes = {str(iris.ontology_class(name)): name.lower() for name in CLASS_COLOURS}
    relations = {str(iris.relation(key)): key for key in _RELATIONS}
    articles = [_article(iris, i) for i in range(max(1, nodes // 20))]
    graph = nx.MultiDiGraph(
        articles={a.iri: a for a in articles}, relations=relations, classes=classes
    )
    entities = [str(iris.entity(f"entity_{i}")) for i in range(nodes)]
    for i, entity in enumerate(entities):
        graph.add_node(entity, label=f"Entity {i}", cls=rng.choice(list(classes)), values=[])
    targets: list[int] = [0]
    for i in range(1, nodes):
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            j = rng.choice(targets)
            fact = _fact(iris, rng, graph, entities[i], entities[j], articles)
            graph.add_edge(fact.subject, fact.obj, key=fact.iri, fact=fact)
            targets.append(j)
        targets.append(i)
    return graph


def _article(iris: Iris, i: int) -> ArticleInfo:
    return ArticleInfo(
        iri=str(iris.article(f"{i:016x}")),
        identifier=f"{i:016x}",
        title=f"Synthetic report {i}",
        url=f"https://news.example/report-{i}",
        issued=f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
        publisher=_SOURCES[i % len(_SOURCES)],
    )


def _fact(
    iris: Iris,
    rng: random.Random,
    graph: nx.MultiDiGraph,
    subject: str,
    obj: str,
    articles: list[ArticleInfo],
) -> Fact:
    relation = rng.choice(list(graph.graph["relations"]))
    words = (graph.nodes[subject]["label"], graph.graph["relations"][relation])
    sentence = f"{words[0]} {words[1]} {graph.nodes[obj]['label']} again, officials said."
    start = len(words[0]) + 1
    marks = ((0, len(words[0]), "s"), (start, start + len(words[1]), "r"))
    return Fact(
        iri=str(iris.fact(subject, obj, rng.random())),
        subject=subject,
        predicate=relation,
        obj=obj,
        article=rng.choice(articles).iri,
        sentence=sentence,
        marks=marks,
        confidence=round(rng.uniform(0.4, 1.0), 2),
        extractor="svo",
        negated=rng.random() < 0.03,
    )
