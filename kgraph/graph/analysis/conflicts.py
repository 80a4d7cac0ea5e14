"""Which facts of different articles disagree: counts, negations and denials.

Rules (``docs/news-facts.md`` explains them for users):

- **count**: two counts of the same kind, population and event whose values
  cannot both be true (:mod:`kgraph.graph.analysis.counts`). Pairs whose
  population, event or time window cannot be established are *candidates*
  (:func:`find_candidates`), not conflicts.
- **negation**: a fact with ``kg:negated true`` and a fact of another article
  with the same subject, predicate and object that is neither negated, denied nor
  modal, when subject and object are specific nodes
  (:mod:`kgraph.graph.analysis.specific`: "people", "the attack" of two articles
  are not one thing) and the fact is no count (counts disagree by value).
  A negation that says something changed ("no longer", "anymore") is none.
- **denial**: the same with ``kg:denied true``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from kgraph.graph.analysis.counts import (
    APPROXIMATE,
    Pair,
    Quantity,
    _local,
    _text,
    count_pairs,
    disagree,
)
from kgraph.graph.analysis.specific import specific_nodes
from kgraph.graph.results import rows
from kgraph.graph.store import KGStore

if TYPE_CHECKING:
    from kgraph.ontology import Ontology

__all__ = [
    "APPROXIMATE",
    "KINDS",
    "Candidate",
    "FoundConflict",
    "Quantity",
    "disagree",
    "find_candidates",
    "find_conflicts",
]

KINDS = ("count", "negation", "denial")

#: Pairs of facts of different articles with the same triple, one marked (negated or
#: denied), the other stating it plainly (possibly attributed).
_OPPOSED = """
SELECT DISTINCT ?marked ?plain ?ma ?pa ?s ?p ?o ?sl ?pl ?ol WHERE {{
  {{ SELECT ?marked ?s ?p ?o ?ma WHERE {{
      ?marked kg:{mark} true ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
              prov:wasDerivedFrom ?ma .
      FILTER NOT EXISTS {{ ?marked a kg:Quantity }}
      FILTER NOT EXISTS {{ ?marked kg:sentence ?said FILTER (REGEX(?said, "{changed}", "i")) }}
  }} }}  # the few marked facts first: Oxigraph then joins from them (8x faster at 10^4 facts)
  ?plain rdf:object ?o ; rdf:subject ?s ; rdf:predicate ?p ; prov:wasDerivedFrom ?pa .
  FILTER (?ma != ?pa)
  FILTER NOT EXISTS {{ ?plain kg:negated true }}
  FILTER NOT EXISTS {{ ?plain kg:denied true }}
  FILTER NOT EXISTS {{ ?plain kg:modality [] }}
  OPTIONAL {{ ?s rdfs:label ?sl }}
  OPTIONAL {{ ?p rdfs:label ?pl }}
  OPTIONAL {{ ?o rdfs:label ?ol }}
}}
"""


#: "X is no longer Y" says Y was true before: a change, not a contradiction of "X is Y".
_CHANGED = r"\\b(no longer|any longer|anymore|any more|ceased to|stopped being)\\b"


@dataclass(frozen=True)
class FoundConflict:
    """A conflict before it is written: its kind, the facts (IRIs, sorted) and a comment."""

    kind: str
    facts: tuple[URIRef, ...]
    comment: str


@dataclass(frozen=True)
class Candidate:
    """A near-conflict for a human to check: two counts, and why it is only a candidate."""

    facts: tuple[str, str]
    comment: str
    reasons: tuple[str, ...]


def find_conflicts(store: KGStore, specific: frozenset[str]) -> list[FoundConflict]:
    """Every conflict of the store, sorted by kind and IRIs (a stable order); ``specific``:
    the store's :func:`~kgraph.graph.analysis.specific.specific_nodes`."""
    pairs = [p for p in count_pairs(store, specific) if not p.unsure]
    found = list(_count_conflicts(store, pairs))
    found += _opposed(store, "negated", "negation", "negates", specific)
    found += _opposed(store, "denied", "denial", "denies", specific)
    return sorted(set(found), key=lambda c: (KINDS.index(c.kind), c.facts))


def find_candidates(store: KGStore, ontology: Ontology) -> list[Candidate]:
    """Pairs of disagreeing counts whose population, event or time window could not be
    established: not conflicts, but worth a human's look. Sorted by comment."""
    titles = _titles(store)
    found: dict[tuple[tuple[str, str], ...], Candidate] = {}
    for pair in count_pairs(store, specific_nodes(store, ontology)):
        if pair.unsure:
            said = _said(pair)
            if said not in found:
                facts = (pair.first.fact, pair.second.fact)
                found[said] = Candidate(facts, _comment(pair, titles), pair.unsure)
    return sorted(found.values(), key=lambda c: (c.comment, c.facts))


def _said(pair: Pair) -> tuple[tuple[str, str], ...]:
    """What the two articles said: an article that repeats its figure disagrees once."""
    return tuple(sorted((q.article, q.text) for q in (pair.first, pair.second)))


def _comment(pair: Pair, titles: dict[str, str]) -> str:
    first, second = pair.first, pair.second
    return (
        f"{first.kind} of {first.label or second.label}: "
        f"{first.text} ({titles.get(first.article, first.article)}) vs "
        f"{second.text} ({titles.get(second.article, second.article)})"
    )


def _count_conflicts(store: KGStore, pairs: list[Pair]) -> Iterator[FoundConflict]:
    titles = _titles(store)
    reported: set[tuple[tuple[str, str], ...]] = set()
    for pair in pairs:
        said = _said(pair)
        if said in reported:
            continue
        reported.add(said)
        facts = (URIRef(pair.first.fact), URIRef(pair.second.fact))
        yield FoundConflict("count", facts, _comment(pair, titles))


def _opposed(
    store: KGStore, mark: str, kind: str, verb: str, specific: frozenset[str]
) -> list[FoundConflict]:
    titles = _titles(store)
    found: dict[tuple[URIRef, ...], FoundConflict] = {}
    query = _OPPOSED.format(mark=mark, changed=_CHANGED)
    for row in rows(store.query(query)):
        if not all(_specific(row[term], specific) for term in ("s", "o")):
            continue  # "people" of one article are not those of another
        words = [_text(row[label]) or _local(_text(row[term])) for term, label in _ROLES]
        marked, plain = row["ma"].value, row["pa"].value
        comment = (
            f'"{" ".join(words)}": stated in {titles.get(plain, plain)}; '
            f"{titles.get(marked, marked)} {verb} it"
        )
        facts = tuple(sorted((URIRef(row["marked"].value), URIRef(row["plain"].value))))
        if facts not in found or comment < found[facts].comment:
            found[facts] = FoundConflict(kind, facts, comment)
    return list(found.values())


_ROLES = (("s", "sl"), ("p", "pl"), ("o", "ol"))


def _specific(term: Any, specific: frozenset[str]) -> bool:
    """A specific node, or a literal (a number, a date)."""
    return hasattr(term, "datatype") or str(term.value) in specific


def _titles(store: KGStore) -> dict[str, str]:
    """Each article's title, else its identifier, for the comments."""
    query = """SELECT ?a ?title ?id WHERE { ?a a kg:Article .
      OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:identifier ?id } }"""
    titles: dict[str, str] = {}
    for row in rows(store.query(query)):
        title = _text(row["title"]) or _text(row["id"]) or row["a"].value
        titles[row["a"].value] = min(title, titles.get(row["a"].value, title))
    return titles
