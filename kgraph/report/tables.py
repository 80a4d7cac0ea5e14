"""A store read into the small tables the report draws: a few SPARQL queries, no rendering.

Every table is a frozen dataclass of plain values, so the charts and the page
never see RDF terms, and tests can check the tables without a browser.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from rdflib.namespace import PROV, RDF

from kgraph.graph.analysis import AnalysisState, Conflict, analysis_state, read_conflicts
from kgraph.graph.results import rows
from kgraph.graph.store import KGStore
from kgraph.vocab import KG

__all__ = [
    "ArticleRow",
    "EntityRow",
    "HeldBackFact",
    "RelationRow",
    "ReportTables",
    "periods",
    "read_tables",
]

_ARTICLES = """
SELECT ?a ?id ?title ?issued ?publisher ?url ?origin WHERE {
  ?a a kg:Article .
  OPTIONAL { ?a dcterms:identifier ?id }
  OPTIONAL { ?a dcterms:title ?title }
  OPTIONAL { ?a dcterms:issued ?issued }
  OPTIONAL { ?a dcterms:publisher ?publisher }
  OPTIONAL { ?a dcterms:source ?url }
  OPTIONAL { ?a kg:origin ?origin }
}
"""
# The statements' properties are read one query per property and joined in Python, each
# read once for the entities, relations and confidences: the three GROUP BY queries of a join
# each took oxigraph longer than all these scans (ABC store: 1.0 s against 0.3 s of CPU).
_STATEMENTS = "SELECT ?f WHERE { ?f a rdf:Statement }"
_COLUMN = "SELECT ?f ?v WHERE {{ ?f <{iri}> ?v }}"
_COLUMNS = {
    "subject": RDF.subject,
    "predicate": RDF.predicate,
    "object": RDF.object,
    "article": PROV.wasDerivedFrom,
    "confidence": KG.confidence,
    "held": KG.heldBack,
}
#: The classes of the entities; kg:Concept (bare common nouns) is left out of the top entities.
_CLASSES = "SELECT ?e ?class WHERE {{ GRAPH <{graph}> {{ ?e a ?class }} }}"
_LABELS = """
SELECT ?e (SAMPLE(?name) AS ?label) WHERE {{
  VALUES ?e {{ {iris} }}
  OPTIONAL {{ GRAPH <{graph}> {{ ?e rdfs:label ?name }} }}
}} GROUP BY ?e
"""
_LABELS_OF = "SELECT ?x ?label WHERE {{ VALUES ?x {{ {iris} }} ?x rdfs:label ?label }}"
_HELD_BACK = """
SELECT ?f (SAMPLE(?c) AS ?confidence) (SAMPLE(?sentence) AS ?text) (SAMPLE(?a) AS ?article)
       (SAMPLE(COALESCE(?sl, STR(?s))) AS ?subject) (SAMPLE(COALESCE(?pl, STR(?p))) AS ?relation)
       (SAMPLE(COALESCE(?ol, STR(?o))) AS ?object) WHERE {{
  ?f kg:heldBack true ; kg:confidence ?c ; prov:wasDerivedFrom ?a ;
     rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL {{ ?f kg:sentence ?sentence }}
  OPTIONAL {{ ?s rdfs:label ?sl }} OPTIONAL {{ ?p rdfs:label ?pl }} OPTIONAL {{ ?o rdfs:label ?ol }}
}} GROUP BY ?f ORDER BY DESC(?confidence) ?f LIMIT {limit}
"""
_ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?(?!\d)")
_LIST_EXTENSIONS = (".jsonl", ".json", ".csv", ".tsv", ".xml")


@dataclass(frozen=True)
class ArticleRow:
    """An article: its identity, date and where it came from."""

    iri: str
    identifier: str
    title: str | None
    issued: str | None  # as stored: "2023", "2023-09", "2023-09-19" or a dateTime
    source: str  # publisher, else the URL's host, else the input file or folder


@dataclass(frozen=True)
class EntityRow:
    """A named entity, the articles and facts it is in, and the articles by their date."""

    iri: str
    label: str
    cls: str  # class IRI
    articles: int
    facts: int
    by_article: tuple[str, ...] = ()  # the article IRIs, sorted


@dataclass(frozen=True)
class RelationRow:
    """A relation and how many facts and articles use it."""

    iri: str
    label: str
    facts: int
    articles: int


@dataclass(frozen=True)
class HeldBackFact:
    """A fact under the build's ``--min-confidence``: provenance only, no plain triple."""

    iri: str
    confidence: float
    reads: str  # "Azerbaijan initiates military operation"
    sentence: str
    article: str


@dataclass(frozen=True)
class ReportTables:
    """Everything the report shows, read from one store."""

    articles: tuple[ArticleRow, ...]
    entities: tuple[EntityRow, ...]  # most articles first
    relations: tuple[RelationRow, ...]  # most facts first
    confidences: tuple[float, ...]  # of asserted facts
    held_back_confidences: tuple[float, ...]
    held_back: tuple[HeldBackFact, ...]  # the most confident first
    conflicts: tuple[Conflict, ...]
    analysis: AnalysisState
    facts: int = 0
    kinds: dict[str, int] = field(default_factory=dict)  # conflicts by kind

    @property
    def dated(self) -> tuple[ArticleRow, ...]:
        return tuple(a for a in self.articles if a.issued)

    @property
    def sources(self) -> Counter[str]:
        return Counter(a.source for a in self.articles)


def read_tables(store: KGStore, *, top: int = 15, listed: int = 20) -> ReportTables:
    """Read what the report shows: ``top`` entities and relations, ``listed`` held-back facts."""
    columns = _statement_columns(store)
    confidences = _confidences(columns)
    analysis = analysis_state(store)
    conflicts = tuple(read_conflicts(store)) if analysis is AnalysisState.CURRENT else ()
    return ReportTables(
        articles=_articles(store),
        entities=_entities(store, columns, top),
        relations=_relations(store, columns, top),
        confidences=tuple(c for c, held in confidences if c is not None and not held),
        held_back_confidences=tuple(c for c, held in confidences if c is not None and held),
        held_back=_held_back(store, listed),
        conflicts=conflicts,
        analysis=analysis,
        facts=len(confidences),
        kinds=dict(Counter(c.kind for c in conflicts)),
    )


def _articles(store: KGStore) -> tuple[ArticleRow, ...]:
    seen: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows(store.query(_ARTICLES)):
        values = seen[row["a"].value]
        for name, term in row.items():
            if term is not None and name != "a":
                values.setdefault(name, str(term.value))
    return tuple(
        ArticleRow(
            iri=iri,
            identifier=values.get("id") or iri.rsplit("/", 1)[-1],
            title=values.get("title"),
            issued=_date(values.get("issued")),
            source=source_of(values),
        )
        for iri, values in sorted(seen.items())
    )


def source_of(values: dict[str, str]) -> str:
    """An article's source: its publisher, else its URL's host, else its input file or folder.

    >>> source_of({"url": "https://www.example.org/a", "origin": "news/a.txt"})
    'example.org'
    >>> source_of({"origin": "prec5/abc.jsonl:138"}), source_of({"origin": "data/000.txt"})
    ('file prec5/abc.jsonl', 'folder data/')
    """
    if values.get("publisher"):
        return values["publisher"]
    host = urlsplit(values.get("url") or "").hostname
    if host:
        return host.removeprefix("www.")
    origin = values.get("origin") or ""
    name = origin.rsplit(":", 1)[0] if origin.rsplit(":", 1)[-1].isdigit() else origin
    if name.endswith(_LIST_EXTENSIONS):
        return f"file {name}"
    folder = posixpath.dirname(name)
    return f"folder {folder}/" if folder else "unknown source"


#: A property's values per statement (statement IRI to the values' lexical forms).
_Column = dict[str, list[str]]


def _statement_columns(store: KGStore) -> dict[str, _Column]:
    """The values of each property of :data:`_COLUMNS` per statement (``rdf:Statement``)."""
    statements = {f.value for (f,) in store.query(_STATEMENTS)}
    found: dict[str, _Column] = {}
    for name, iri in _COLUMNS.items():
        column: _Column = defaultdict(list)
        for f, value in store.query(_COLUMN.format(iri=iri)):
            if f.value in statements:
                column[f.value].append(value.value)
        found[name] = column
    found["statement"] = {f: [] for f in statements}
    return found


def _entities(store: KGStore, columns: dict[str, _Column], top: int) -> tuple[EntityRow, ...]:
    """The named entities whose facts (as subject or object) are in the most articles."""
    classes: dict[str, list[str]] = defaultdict(list)
    for e, cls in store.query(_CLASSES.format(graph=store.iris.entities_graph)):
        if cls.value != str(KG.Concept) and cls.value not in classes[e.value]:
            classes[e.value].append(cls.value)
    articles: dict[str, set[str]] = defaultdict(set)
    facts: Counter[str] = Counter()
    for f in columns["statement"]:
        sources = set(columns["article"].get(f, ()))
        for entity in {*columns["subject"].get(f, ()), *columns["object"].get(f, ())}:
            if classes.get(entity) and sources:
                articles[entity].update(sources)
                facts[entity] += len(sources) * len(classes[entity])  # per (article, class)
    ranked = sorted(articles, key=lambda e: (-len(articles[e]), -facts[e], e))[:top]
    labels = _labels(store, ranked)
    return tuple(
        EntityRow(
            e, labels[e], classes[e][0], len(articles[e]), facts[e], tuple(sorted(articles[e]))
        )
        for e in ranked
    )


def _labels(store: KGStore, iris: list[str]) -> dict[str, str]:
    if not iris:
        return {}
    values = " ".join(f"<{iri}>" for iri in iris)
    query = _LABELS.format(iris=values, graph=store.iris.entities_graph)
    found = {row["e"].value: _text(row["label"]) for row in rows(store.query(query))}
    return {iri: found.get(iri) or _local(iri) for iri in iris}


def _relations(store: KGStore, columns: dict[str, _Column], top: int) -> tuple[RelationRow, ...]:
    """The ``top`` relations with the most facts (then by IRI), with their articles."""
    facts: dict[str, set[str]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    for f, predicates in columns["predicate"].items():
        sources = columns["article"].get(f)
        for predicate in predicates if sources else ():  # a fact is counted with its article
            facts[predicate].add(f)
            articles[predicate].update(sources or ())
    ranked = sorted(facts, key=lambda p: (-len(facts[p]), p))[:top]
    labels: dict[str, str] = {}
    if ranked:
        query = _LABELS_OF.format(iris=" ".join(f"<{p}>" for p in ranked))
        for p, label in store.query(query):
            labels.setdefault(p.value, label.value)
    return tuple(
        RelationRow(
            iri=p, label=labels.get(p) or _local(p), facts=len(facts[p]), articles=len(articles[p])
        )
        for p in ranked
    )


def _confidences(columns: dict[str, _Column]) -> list[tuple[float | None, bool]]:
    """Every fact's confidence (None without one) and whether it is held back."""
    found = []
    for f in columns["statement"]:
        held = any(value in {"true", "1"} for value in columns["held"].get(f, ()))
        confidence = columns["confidence"].get(f)
        found.append((float(confidence[-1]) if confidence else None, held))
    return found


def _held_back(store: KGStore, listed: int) -> tuple[HeldBackFact, ...]:
    found = []
    for row in rows(store.query(_HELD_BACK.format(limit=int(listed)))):
        words = [_readable(_text(row[role])) for role in ("subject", "relation", "object")]
        found.append(
            HeldBackFact(
                iri=row["f"].value,
                confidence=float(row["confidence"].value),
                reads=" ".join(w for w in words if w),
                sentence=_text(row["text"]) or "",
                article=row["article"].value,
            )
        )
    return tuple(found)


def periods(issued: list[str]) -> tuple[str, list[str]]:
    """The unit and every period from the first date to the last, for dates as stored.

    The unit is the finest that all dates have (day, month, year), coarser when a day
    axis would be longer than 120 days or a month axis than 120 months.

    >>> periods(["2023-09-19", "2023-09-21T10:00:00Z"])
    ('day', ['2023-09-19', '2023-09-20', '2023-09-21'])
    >>> periods(["2023-09-19", "2023-11"])
    ('month', ['2023-09', '2023-10', '2023-11'])
    >>> periods([])
    ('day', [])
    """
    if not issued:
        return "day", []
    width = min(_precision(text) for text in issued)
    keys = sorted({text[:width] for text in issued})
    if width == 10 and (_day(keys[-1]) - _day(keys[0])).days > 120:
        width, keys = 7, sorted({k[:7] for k in keys})
    if width == 7 and _month_index(keys[-1]) - _month_index(keys[0]) > 120:
        width, keys = 4, sorted({k[:4] for k in keys})
    return {10: "day", 7: "month", 4: "year"}[width], _fill(keys[0], keys[-1], width)


def period_of(issued: str, unit: str) -> str:
    """The period of a stored date in ``unit`` (as :func:`periods` names them)."""
    return issued[: {"day": 10, "month": 7, "year": 4}[unit]]


def _date(text: str | None) -> str | None:
    """A stored date that starts as ISO 8601 does (``2023``, ``2023-09``, ``2023-09-19...``)."""
    return text if text and _ISO_DATE.match(text) else None


def _precision(text: str) -> int:
    return 10 if len(text) >= 10 else 7 if len(text) >= 7 else 4


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _month_index(text: str) -> int:
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def _fill(first: str, last: str, width: int) -> list[str]:
    if width == 10:
        start, days = _day(first), (_day(last) - _day(first)).days
        return [(start + timedelta(days=n)).isoformat() for n in range(days + 1)]
    if width == 7:
        months = range(_month_index(first), _month_index(last) + 1)
        return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in months]
    return [f"{y:04d}" for y in range(int(first), int(last) + 1)]


def _text(term: Any) -> str | None:
    return None if term is None else str(term.value)


def _readable(text: str | None) -> str:
    """A label as it is; an IRI (of a node without a label) as its last part."""
    return _local(text) if text and "://" in text else text or ""


def _local(iri: str | None) -> str:
    return "" if iri is None else iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1].replace("_", " ")
