"""A store's conflicts with all it takes to judge them: what ``kgraph conflicts`` prints."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kgraph.errors import QueryError
from kgraph.graph.analysis.conflicts import KINDS, find_candidates
from kgraph.graph.results import rows
from kgraph.graph.store import KGStore

if TYPE_CHECKING:
    from kgraph.ontology import Ontology

__all__ = ["Conflict", "ConflictFact", "read_candidates", "read_conflicts"]

_CONFLICTS = """
SELECT ?c ?kind ?comment ?f ?article ?id ?title ?publisher ?issued ?url ?sentence
       ?s ?subject ?p ?predicate ?o ?object ?count ?qualifier ?quantityKind
       ?negated ?denied ?modality ?speaker ?speakerLabel ?cue ?quote ?time ?timeText
       ?articles ?sources ?literal
WHERE {{
  {selection}
  ?f rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?article .
  BIND (isLiteral(?o) AS ?literal)
  OPTIONAL {{ ?article dcterms:title ?title }}
  OPTIONAL {{ ?article dcterms:identifier ?id }}
  OPTIONAL {{ ?article dcterms:publisher ?publisher }}
  OPTIONAL {{ ?article dcterms:issued ?issued }}
  OPTIONAL {{ ?article dcterms:source ?url }}
  OPTIONAL {{ ?f kg:sentence ?sentence }}
  OPTIONAL {{ ?s rdfs:label ?subject }}
  OPTIONAL {{ ?p rdfs:label ?predicate }}
  OPTIONAL {{ ?o rdfs:label ?object }}
  OPTIONAL {{ ?f kg:count ?count }}
  OPTIONAL {{ ?f kg:qualifier ?qualifier }}
  OPTIONAL {{ ?f kg:quantityKind ?quantityKind }}
  OPTIONAL {{ ?f kg:negated ?negated }}
  OPTIONAL {{ ?f kg:denied ?denied }}
  OPTIONAL {{ ?f kg:modality ?modality }}
  OPTIONAL {{ ?f prov:wasAttributedTo ?speaker OPTIONAL {{ ?speaker rdfs:label ?speakerLabel }} }}
  OPTIONAL {{ ?f kg:attributionCue ?cue }}
  OPTIONAL {{ ?f kg:quote ?quote }}
  OPTIONAL {{ ?f kg:time ?time }}
  OPTIONAL {{ ?f kg:timeText ?timeText }}
}}
"""


_STORED = """
  GRAPH <{graph}> {{
    ?c a kg:Conflict ; kg:conflictKind ?kind ; kg:involves ?f .
    OPTIONAL {{ ?c rdfs:comment ?comment }}
    OPTIONAL {{ ?f kg:supportingArticles ?articles ; kg:supportingSources ?sources }}
  }}
  {kind_filter}
"""
#: Candidates are computed when asked for: the pair's facts by number.
_CANDIDATES = """
  VALUES (?c ?f) {{ {pairs} }}
  BIND ("candidate" AS ?kind)
  OPTIONAL {{ GRAPH <{graph}> {{ ?f kg:supportingArticles ?articles ;
                                   kg:supportingSources ?sources }} }}
"""


@dataclass(frozen=True)
class ConflictFact:
    """One side of a conflict: the fact, how it reads, where it comes from, who says it."""

    iri: str
    value: str  # how the fact reads: "at least 2 deaths", "Armenia report casualties"
    sentence: str | None = None
    article: str = ""
    identifier: str | None = None
    title: str | None = None
    publisher: str | None = None
    issued: str | None = None
    url: str | None = None
    speaker: str | None = None
    cue: str | None = None
    quote: str | None = None
    negated: bool = False
    denied: bool = False
    modality: str | None = None
    time: str | None = None
    time_text: str | None = None
    supporting_articles: int | None = None
    supporting_sources: int | None = None


@dataclass(frozen=True)
class Conflict:
    """A ``kg:Conflict`` and the facts it involves."""

    iri: str
    kind: str
    comment: str
    facts: tuple[ConflictFact, ...] = field(default_factory=tuple)
    reasons: tuple[str, ...] = ()  # of a candidate: why it is not a conflict


def read_conflicts(store: KGStore, kind: str | None = None) -> list[Conflict]:
    """The store's conflicts (of one ``kind``, or all), sorted by kind and comment."""
    if kind is not None and kind not in KINDS:
        raise QueryError(f"no conflict kind {kind!r}; use one of {', '.join(KINDS)}")
    kind_filter = f'FILTER (?kind = "{kind}")' if kind else ""
    graph = store.iris.analysis_graph
    selection = _STORED.format(graph=graph, kind_filter=kind_filter)
    return _read(store, _CONFLICTS.format(selection=selection), {})


def read_candidates(store: KGStore, ontology: Ontology) -> list[Conflict]:
    """The store's near-conflicts (:func:`~kgraph.graph.analysis.conflicts.find_candidates`),
    computed now by the rules of ``ontology``, with both facts and why each is only a
    candidate; sorted by comment."""
    found = find_candidates(store, ontology)
    if not found:
        return []
    pairs = " ".join(f"({number} <{fact}>)" for number, c in enumerate(found) for fact in c.facts)
    selection = _CANDIDATES.format(graph=store.iris.analysis_graph, pairs=pairs)
    notes = {str(number): (c.comment, c.reasons) for number, c in enumerate(found)}
    return _read(store, _CONFLICTS.format(selection=selection), notes)


def _read(
    store: KGStore, query: str, notes: dict[str, tuple[str, tuple[str, ...]]]
) -> list[Conflict]:
    values: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    heads: dict[str, tuple[str, str]] = {}
    for row in rows(store.query(query)):
        conflict, fact = str(row["c"].value), row["f"].value
        heads[conflict] = (row["kind"].value, _value(row["comment"]) or "")
        for name, term in row.items():
            if term is not None:
                values[conflict, fact][name].add(str(term.value))
    facts: dict[str, list[ConflictFact]] = defaultdict(list)
    for (conflict, fact), seen in values.items():
        facts[conflict].append(_fact(fact, seen))
    found = []
    for iri, (kind_, comment) in heads.items():
        note, reasons = notes.get(iri, (comment, ()))
        ordered = tuple(sorted(facts[iri], key=lambda f: f.iri))
        found.append(Conflict("" if iri in notes else iri, kind_, note, ordered, reasons))
    return sorted(found, key=lambda c: (c.kind, c.comment, c.iri))


def _fact(iri: str, seen: dict[str, set[str]]) -> ConflictFact:
    def one(name: str) -> str | None:
        return min(seen[name]) if seen.get(name) else None

    def number(name: str) -> int | None:
        text = one(name)
        return int(text) if text is not None else None

    return ConflictFact(
        iri=iri,
        value=_reads(one, iri),
        sentence=one("sentence"),
        article=one("article") or "",
        identifier=one("id"),
        title=one("title"),
        publisher=one("publisher"),
        issued=one("issued"),
        url=one("url"),
        speaker=one("speakerLabel") or one("speaker"),
        cue=one("cue"),
        quote=one("quote"),
        negated=one("negated") in {"true", "1"},
        denied=one("denied") in {"true", "1"},
        modality=", ".join(sorted(seen["modality"])) or None,
        time=one("time"),
        time_text=one("timeText"),
        supporting_articles=number("articles"),
        supporting_sources=number("sources"),
    )


def _reads(one: Any, iri: str) -> str:
    """How a fact reads: its count with qualifier and kind, or its triple's labels."""
    if one("count") is not None:
        count = one("count")
        count = f"{int(count):,}" if count.isdigit() else count
        parts = (one("qualifier"), count, one("quantityKind"), "of", one("subject"))
        return " ".join(part for part in parts if part)
    words = [one(label) or _local(one(term)) for label, term in _ROLES[:2]]
    words.append(one("object") or (one("o") if one("literal") == "true" else _local(one("o"))))
    prefix = "NOT " if one("negated") in {"true", "1"} else ""
    return prefix + " ".join(words)


_ROLES = (("subject", "s"), ("predicate", "p"), ("object", "o"))


def _local(iri: str | None) -> str:
    return "" if iri is None else iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1].replace("_", " ")


def _value(term: Any) -> str | None:
    return None if term is None else str(term.value)
