"""The part of a store a view shows, read with SPARQL into a networkx graph.

The graph is a :class:`networkx.MultiDiGraph` whose nodes are entity IRIs and
whose edges are facts between two entities (key: the fact's provenance IRI,
attribute ``fact``: a :class:`Fact`). Node attributes are ``label``, ``cls``
(the class IRI), and ``values``: the facts whose object is a literal (a date,
a number, a role name), which are shown as evidence of their subject rather
than as nodes. ``graph.graph`` holds the lookup tables ``articles``
(IRI to :class:`ArticleInfo`), ``relations`` and ``classes`` (IRI to label).
Any code that builds such a graph (the interactivity benchmark does, with
synthetic data) can render it with :func:`kgraph.view.html.write_html`.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx
from pyoxigraph import Literal
from rdflib.namespace import PROV

from kgraph.errors import ConfigError, QueryError
from kgraph.graph import KGStore, QueryKind, kind, rows
from kgraph.view.memory import without_gc
from kgraph.vocab import KG

__all__ = [
    "ArticleInfo",
    "Fact",
    "Selection",
    "facts",
    "find_entity",
    "links",
    "neighbourhood",
    "select",
    "to_graph",
]


@dataclass(frozen=True)
class ArticleInfo:
    """What the evidence panel says about an article."""

    iri: str
    identifier: str
    title: str | None = None
    url: str | None = None
    issued: str | None = None  # ISO 8601, possibly partial ("2023", "2023-09")
    publisher: str | None = None


@dataclass(frozen=True)
class Fact:
    """One fact and its provenance, as the view shows it.

    Offsets in ``marks`` are relative to ``sentence``: (start, end, role) with
    role ``s``, ``r`` or ``o`` for the subject, relation and object words.
    """

    iri: str
    subject: str
    predicate: str
    obj: str  # an entity IRI, or a literal's lexical value when ``literal``
    article: str
    literal: bool = False
    sentence: str = ""
    marks: tuple[tuple[int, int, str], ...] = ()
    confidence: float | None = None
    extractor: str | None = None
    negated: bool = False
    contested: bool = False
    attributed_to: str | None = None


@dataclass(frozen=True)
class Selection:
    """Which part of the store to view; empty means everything."""

    article: str | None = None  # an article identifier or IRI
    query: str | None = None  # a CONSTRUCT or DESCRIBE query
    focus: str | None = None  # an entity label, key or IRI
    hops: int = 2


# The facts in three queries joined in Python: one query of OPTIONAL joins (and above all an
# OPTIONAL conflict join) takes oxigraph a minute on a 350-article store; these take a second.
_FACTS = """
SELECT ?f ?s ?p ?o ?article WHERE {
  ?f a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     prov:wasDerivedFrom ?article .
}"""

#: The optional provenance properties of a fact, by the name the view gives them.
_DETAILS = {
    **{
        name: KG[name]
        for name in (
            "sentence",
            "sentenceStart",
            "subjectStart",
            "subjectEnd",
            "relationStart",
            "relationEnd",
            "objectStart",
            "objectEnd",
            "confidence",
            "extractor",
            "negated",
        )
    },
    "by": PROV.wasAttributedTo,
}
# One query per property: a third faster than one query of them all (VALUES ?x { ... } ?f ?x ?v),
# which names the property in every solution. ``?f a rdf:Statement`` makes it twice as slow.
_DETAIL = """
SELECT ?f ?v WHERE { ?f <%s> ?v }"""

# The labels of the IRIs the facts and entities name (sources, relations, classes), looked up
# by value: matching every statement's relation again took as long as reading the facts.
_LABELS_OF = """
SELECT ?x ?label WHERE { VALUES ?x { %s } ?x rdfs:label ?label }"""

_CONFLICTED = """
SELECT DISTINCT ?f WHERE { ?conflict a kg:Conflict ; ?refersTo ?f . ?f a rdf:Statement }"""

_ARTICLES = """
SELECT ?a ?id ?title ?url ?issued ?publisher WHERE {
  ?a a kg:Article .
  OPTIONAL { ?a dcterms:identifier ?id } OPTIONAL { ?a dcterms:title ?title }
  OPTIONAL { ?a dcterms:source ?url } OPTIONAL { ?a dcterms:issued ?issued }
  OPTIONAL { ?a dcterms:publisher ?publisher }
}"""

_ENTITIES = """
SELECT ?e ?label ?class WHERE {
  GRAPH <%s> { ?e a ?class . OPTIONAL { ?e rdfs:label ?label } }
}"""


_ROLES = (("subject", "s"), ("relation", "r"), ("object", "o"))


def _value(term: Any) -> Any:
    return None if term is None else term.value


def _number(term: Any) -> int | None:
    return None if term is None else int(term.value)


def _marks(row: dict[str, Any]) -> tuple[tuple[int, int, str], ...]:
    base = _number(row.get("sentenceStart"))
    if base is None:
        return ()
    found = []
    for name, role in _ROLES:
        start, end = _number(row.get(f"{name}Start")), _number(row.get(f"{name}End"))
        if start is not None and end is not None:
            found.append((start - base, end - base, role))
    return tuple(sorted(found))


def _fact(row: dict[str, Any], by_labels: dict[str, str | None], conflicted: set[str]) -> Fact:
    confidence = _value(row.get("confidence"))
    by = _value(row.get("by"))
    return Fact(
        iri=row["f"].value,
        subject=row["s"].value,
        predicate=row["p"].value,
        obj=row["o"].value,
        literal=isinstance(row["o"], Literal),
        article=row["article"].value,
        sentence=_value(row.get("sentence")) or "",
        marks=_marks(row),
        confidence=None if confidence is None else float(confidence),
        extractor=_value(row.get("extractor")),
        negated=_value(row.get("negated")) in {"true", "1"},
        contested=row["f"].value in conflicted,
        attributed_to=(by_labels.get(by) or by) if by else None,
    )


def facts(store: KGStore) -> list[Fact]:
    """Every fact of the store with its provenance; a triple both stated and denied is contested.

    A fact is contested when a ``kg:Conflict`` node refers to it, or when one
    statement asserts the triple and another (``kg:negated``) denies it.
    """
    details: dict[str, dict[str, Any]] = defaultdict(dict)
    for name, iri in _DETAILS.items():
        for f, v in store.query(_DETAIL % iri):
            details[f.value].setdefault(name, v)
    sources = {row["by"].value for row in details.values() if "by" in row}
    by_labels = _labels_of(store, sources)
    conflicted = {f.value for (f,) in store.query(_CONFLICTED)}
    found: dict[str, Fact] = {}
    # solutions read as tuples: a dict per solution (results.rows) cost as much as the query
    for f, s, p, o, article in store.query(_FACTS):
        iri = f.value
        if iri not in found:
            row = {**details[iri], "f": f, "s": s, "p": p, "o": o, "article": article}
            found[iri] = _fact(row, by_labels, conflicted)
    return _mark_contradictions(found.values())


def _labels_of(store: KGStore, iris: Iterable[str]) -> dict[str, str | None]:
    """The first ``rdfs:label`` of each IRI, None for one without a label."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    found = _first_values(
        store.query(_LABELS_OF % " ".join(f"<{iri}>" for iri in wanted)), dict.fromkeys(wanted)
    )
    return found


def _mark_contradictions(found: Iterable[Fact]) -> list[Fact]:
    polarity: dict[tuple[str, str, str], set[bool]] = defaultdict(set)
    listed = list(found)
    for fact in listed:
        polarity[fact.subject, fact.predicate, fact.obj].add(fact.negated)
    return [
        replace(fact, contested=True)
        if len(polarity[fact.subject, fact.predicate, fact.obj]) > 1
        else fact
        for fact in listed
    ]


def _articles(store: KGStore) -> dict[str, ArticleInfo]:
    found: dict[str, ArticleInfo] = {}
    for row in rows(store.query(_ARTICLES)):
        iri = row["a"].value
        found.setdefault(
            iri,
            ArticleInfo(
                iri=iri,
                identifier=_value(row["id"]) or iri.rsplit("/", 1)[-1],
                title=_value(row["title"]),
                url=_value(row["url"]),
                issued=_value(row["issued"]),
                publisher=_value(row["publisher"]),
            ),
        )
    return found


def _first_values(
    pairs: Iterable[Any], found: dict[str, str | None] | None = None
) -> dict[str, str | None]:
    """Each key's first value that is not None, from solutions of two terms (key, value)."""
    found = {} if found is None else found
    for key, value in pairs:
        if found.get(key.value) is None:
            found[key.value] = _value(value)
    return found


@without_gc
def select(store: KGStore, selection: Selection | None = None) -> nx.MultiDiGraph:
    """The graph of the selected part of ``store`` (see the module docstring).

    Raises:
        ConfigError: the article or focus entity is not in the store.
        QueryError: the query is not a CONSTRUCT or DESCRIBE query, or fails.
    """
    selection = selection or Selection()
    chosen = facts(store)
    articles = _articles(store)
    if selection.article:
        wanted = _find_article(articles, selection.article)
        chosen = [fact for fact in chosen if fact.article == wanted]
    if selection.query:
        chosen = _matching(chosen, store.query(selection.query))
    described = list(store.query(_ENTITIES % store.iris.entities_graph))
    entities = _first_values((e, label) for e, label, _ in described)
    classes = _first_values((e, cls) for e, _, cls in described)
    named = {fact.predicate for fact in chosen} | {cls for cls in classes.values() if cls}
    graph = to_graph(chosen, entities, classes, _labels_of(store, named), articles)
    if selection.focus:
        graph = neighbourhood(graph, selection.focus, selection.hops)
    return graph


def to_graph(
    chosen: Iterable[Fact],
    entity_labels: dict[str, str | None],
    entity_classes: dict[str, str | None],
    labels: dict[str, str | None],
    articles: dict[str, ArticleInfo],
) -> nx.MultiDiGraph:
    """The view graph of some facts, with the labels and classes of what they mention."""
    graph = nx.MultiDiGraph()
    used: set[str] = set()
    for fact in chosen:
        for node in (fact.subject, *(() if fact.literal else (fact.obj,))):
            if node not in graph:
                label = entity_labels.get(node) or _local_name(node)
                graph.add_node(node, label=label, cls=entity_classes.get(node), values=[])
        if fact.literal:
            graph.nodes[fact.subject]["values"].append(fact)
        else:
            graph.add_edge(fact.subject, fact.obj, key=fact.iri, fact=fact)
        used.update((fact.predicate, fact.article))
    graph.graph["articles"] = {iri: info for iri, info in articles.items() if iri in used}
    graph.graph["relations"] = {p: labels.get(p) or _local_name(p) for p in used if p in labels}
    in_use = {data["cls"] for _, data in graph.nodes(data=True)}
    graph.graph["classes"] = {c: labels.get(c) or _local_name(c) for c in in_use if c}
    return graph


def links(graph: nx.MultiDiGraph) -> dict[tuple[str, str], list[Fact]]:
    """The facts of ``graph`` grouped by (subject, object): one link, drawn as one edge, each."""
    grouped: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for subject, obj, fact in graph.edges(data="fact"):
        grouped[subject, obj].append(fact)
    return grouped


def neighbourhood(graph: nx.MultiDiGraph, entity: str, hops: int) -> nx.MultiDiGraph:
    """The entity and everything within ``hops`` facts of it, in either direction."""
    if hops < 0:
        raise ConfigError(f"--hops must be 0 or more, not {hops}")
    center = find_entity(graph, entity)
    near = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), center, hops)
    sub = graph.subgraph(near).copy()
    sub.graph.update(focus=center, hops=hops)
    return sub


def find_entity(graph: nx.MultiDiGraph, entity: str) -> str:
    """The node an entity name, key or IRI refers to.

    Raises:
        ConfigError: nothing matches; the message suggests close labels.
    """
    wanted = entity.casefold()
    for node, data in graph.nodes(data=True):
        if wanted in {node.casefold(), str(data["label"]).casefold(), _local_name(node).casefold()}:
            return str(node)
    names = sorted({str(data["label"]) for _, data in graph.nodes(data=True)})
    close = difflib.get_close_matches(entity, names, n=5)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    raise ConfigError(f"no entity {entity!r} in the facts of this view{hint}")


def _find_article(articles: dict[str, ArticleInfo], wanted: str) -> str:
    for iri, info in articles.items():
        if wanted in {iri, info.identifier}:
            return iri
    some = ", ".join(sorted(info.identifier for info in articles.values())[:5])
    raise ConfigError(f"no article {wanted!r} in the store; article ids look like: {some}")


def _matching(chosen: list[Fact], result: Any) -> list[Fact]:
    """The facts a CONSTRUCT result names: by their triple, or by their provenance node."""
    if kind(result) is not QueryKind.GRAPH:
        raise QueryError(
            "--query needs a CONSTRUCT or DESCRIBE query (SELECT and ASK show no graph)"
        )
    triples, subjects = set(), set()
    for triple in _triples(result):
        triples.add(triple)
        subjects.add(triple[0])
    return [
        fact
        for fact in chosen
        if fact.iri in subjects or (fact.subject, fact.predicate, fact.obj) in triples
    ]


def _triples(result: Any) -> Iterator[tuple[str, str, str]]:
    for triple in result:
        yield triple.subject.value, triple.predicate.value, triple.object.value


def _local_name(iri: str) -> str:
    """The readable end of an IRI (labels are preferred; this is the fallback)."""
    tail = iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return tail.replace("_", " ") or iri
