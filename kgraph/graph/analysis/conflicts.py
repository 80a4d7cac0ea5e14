"""Which facts of different articles disagree: counts, negations and denials.

Rules (``docs/news-facts.md`` explains them for users):

- **count**: two ``kg:Quantity`` facts of different articles with the same
  ``kg:quantityKind``, the same counted thing (the same ``rdf:subject``; or a
  name of one, its label or its text in the sentence, ends with a name of the
  other: "Russian peacekeepers" and "peacekeepers"; or a generic subject such as
  "people"), a compatible ``kg:about`` (the same, or one missing) and a
  compatible ``kg:time`` (the same, one a prefix of the other such as ``2023-09``
  and ``2023-09-19``, or one missing), whose values cannot both be true: each
  value with its qualifier is an interval ("at least 2" is [2, ∞), "up to 5" is
  [0, 5], "about 2,000" is 2,000 ± 10 %), and they conflict when the intervals
  are disjoint. Negated, denied and modal quantities are not compared.
- **negation**: a fact with ``kg:negated true`` and a fact of another article
  with the same subject, predicate and object that is neither negated, denied nor
  modal.
- **denial**: a fact with ``kg:denied true`` and a fact of another article with
  the same subject, predicate and object that is neither negated, denied nor modal.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from rdflib import URIRef

from kgraph.graph.results import rows
from kgraph.graph.store import KGStore

__all__ = ["APPROXIMATE", "KINDS", "FoundConflict", "Quantity", "disagree", "find_conflicts"]

KINDS = ("count", "negation", "denial")

#: Half-width of the interval of an approximate count ("about 2,000"): 10 % of it.
APPROXIMATE = 0.10
_LOWER_BOUNDS = frozenset(
    {"at least", "more than", "over", "above", "no fewer than", "no less than", "upwards of",
     "in excess of", "exceeding", "at minimum", "a minimum of", "+"}
)  # fmt: skip
_UPPER_BOUNDS = frozenset(
    {"up to", "at most", "less than", "fewer than", "under", "below", "no more than",
     "as many as", "a maximum of", "at maximum"}
)  # fmt: skip
_EXACT = frozenset({"", "exactly", "precisely", "just", "only"})

#: Quantities that can conflict; one row per combination of optional values (usually one).
_QUANTITIES = """
SELECT ?q ?a ?s ?kind ?count ?label ?text ?qualifier ?about ?time WHERE {
  ?q a kg:Quantity ; rdf:subject ?s ; kg:quantityKind ?kind ; kg:count ?count ;
     prov:wasDerivedFrom ?a .
  FILTER NOT EXISTS { ?q kg:negated true }
  FILTER NOT EXISTS { ?q kg:denied true }
  FILTER NOT EXISTS { ?q kg:modality [] }
  OPTIONAL { ?s rdfs:label ?label }
  OPTIONAL { ?q kg:subjectText ?text }
  OPTIONAL { ?q kg:qualifier ?qualifier }
  OPTIONAL { ?q kg:about ?about }
  OPTIONAL { ?q kg:time ?time }
}
"""

#: Pairs of facts of different articles with the same triple, one marked (negated or
#: denied), the other stating it plainly (possibly attributed).
_OPPOSED = """
SELECT DISTINCT ?marked ?plain ?ma ?pa ?s ?p ?o ?sl ?pl ?ol WHERE {{
  {{ SELECT ?marked ?s ?p ?o ?ma WHERE {{
      ?marked kg:{mark} true ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
              prov:wasDerivedFrom ?ma .
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

#: Subjects whose label says nothing about who was counted: they match any subject.
_GENERIC = frozenset(
    {"people", "persons", "person", "individuals", "casualties", "victims", "deaths", "dead",
     "injuries", "injured", "wounded", "killed", "toll", "death toll", "number", "total"}
)  # fmt: skip


@dataclass(frozen=True)
class FoundConflict:
    """A conflict before it is written: its kind, the facts (IRIs, sorted) and a comment."""

    kind: str
    facts: tuple[URIRef, ...]
    comment: str


@dataclass(frozen=True)
class Quantity:
    """A count as the conflict rules see it."""

    fact: str
    article: str
    subject: str
    label: str
    kind: str
    value: float
    qualifier: str = ""
    about: str = ""
    time: str = ""
    names: tuple[str, ...] = ()  # lowercased: the subject's label and its text in the sentence

    @property
    def bounds(self) -> tuple[float, float]:
        """The values the count allows, given its qualifier.

        >>> Quantity("f", "a", "s", "x", "deaths", 2000, "about").bounds
        (1800.0, 2200.0)
        """
        qualifier = self.qualifier.lower().strip()
        if qualifier in _EXACT:
            return (self.value, self.value)
        if qualifier in _LOWER_BOUNDS:
            return (self.value, math.inf)
        if qualifier in _UPPER_BOUNDS:
            return (0.0, self.value)
        spread = abs(self.value) * APPROXIMATE  # about, around, nearly, ... and unknown ones
        return (self.value - spread, self.value + spread)

    @property
    def text(self) -> str:
        """How the count reads: ``at least 2 deaths``."""
        number = f"{self.value:,g}" if self.value != int(self.value) else f"{int(self.value):,}"
        return " ".join(part for part in (self.qualifier, number, self.kind) if part)


def disagree(a: Quantity, b: Quantity) -> bool:
    """Whether two counts of the same thing cannot both be true.

    >>> q = lambda v, qual="": Quantity("f", "a", "s", "x", "deaths", v, qual)
    >>> disagree(q(5), q(2, "at least")), disagree(q(1), q(2, "at least"))
    (False, True)
    """
    (low_a, high_a), (low_b, high_b) = a.bounds, b.bounds
    return high_a < low_b or high_b < low_a


def find_conflicts(store: KGStore) -> list[FoundConflict]:
    """Every conflict of the store, sorted by kind and IRIs (a stable order)."""
    found = list(_count_conflicts(store))
    found += _opposed(store, "negated", "negation", "negates")
    found += _opposed(store, "denied", "denial", "denies")
    return sorted(set(found), key=lambda c: (KINDS.index(c.kind), c.facts))


def _count_conflicts(store: KGStore) -> Iterator[FoundConflict]:
    titles = _titles(store)
    reported: set[tuple[tuple[str, str], ...]] = set()
    for a, b in _comparable_pairs(_quantities(store)):
        if disagree(a, b):
            first, second = sorted((a, b), key=lambda q: q.fact)
            # an article that repeats its figure disagrees once, not once per repetition
            said = tuple(sorted(((first.article, first.text), (second.article, second.text))))
            if said in reported:
                continue
            reported.add(said)
            comment = (
                f"{first.kind} of {first.label or second.label}: "
                f"{first.text} ({titles.get(first.article, first.article)}) vs "
                f"{second.text} ({titles.get(second.article, second.article)})"
            )
            yield FoundConflict("count", (URIRef(first.fact), URIRef(second.fact)), comment)


def _quantities(store: KGStore) -> list[Quantity]:
    found: dict[str, Quantity] = {}
    for row in rows(store.query(_QUANTITIES)):
        try:
            value = float(row["count"].value)
        except ValueError:
            continue  # not a number: nothing to compare
        label = _text(row["label"]) or _local(row["s"].value)
        quantity = Quantity(
            fact=row["q"].value,
            article=row["a"].value,
            subject=row["s"].value,
            label=label,
            kind=row["kind"].value.lower(),
            value=value,
            qualifier=_text(row["qualifier"]),
            about=_text(row["about"]),
            time=_text(row["time"]),
            names=tuple(sorted({label.lower(), _text(row["text"]).lower()} - {""})),
        )
        if quantity.fact not in found or _order(quantity) < _order(found[quantity.fact]):
            found[quantity.fact] = quantity  # several values of an option: the least, stably
    return sorted(found.values(), key=lambda q: q.fact)


def _order(quantity: Quantity) -> tuple[str, ...]:
    return (quantity.label, quantity.kind, quantity.qualifier, quantity.about, quantity.time,
            *quantity.names)  # fmt: skip


def _comparable_pairs(quantities: list[Quantity]) -> Iterator[tuple[Quantity, Quantity]]:
    """Pairs of counts of the same kind of the same thing, from different articles.

    Counts are bucketed by kind and the last word of each of the subject's names,
    so that only counts that may be comparable are paired; generic subjects
    ("people") are paired with every count of their kind.
    """
    buckets: dict[tuple[str, str], list[Quantity]] = defaultdict(list)
    by_kind: dict[str, list[Quantity]] = defaultdict(list)
    for quantity in quantities:
        for head in _heads(quantity):
            buckets[quantity.kind, head].append(quantity)
        if quantity.about:  # counts of one event may name who was counted differently
            buckets[quantity.kind, "@" + quantity.about].append(quantity)
        by_kind[quantity.kind].append(quantity)
    seen: set[tuple[str, str]] = set()
    for (kind, head), members in sorted(buckets.items()):
        candidates = list(combinations(members, 2))
        if head == "*":
            candidates += [(a, b) for a in members for b in by_kind[kind] if not _generic(b)]
        for a, b in candidates:
            key = (min(a.fact, b.fact), max(a.fact, b.fact))
            if key not in seen and _comparable(a, b):
                seen.add(key)
                yield a, b


def _names(quantity: Quantity) -> tuple[str, ...]:
    return quantity.names or (quantity.label.lower(),)


def _generic(quantity: Quantity) -> bool:
    return any(name in _GENERIC or name == quantity.kind for name in _names(quantity))


def _heads(quantity: Quantity) -> set[str]:
    if _generic(quantity):
        return {"*"}
    return {name.rsplit(" ", 1)[-1] for name in _names(quantity)}


def _comparable(a: Quantity, b: Quantity) -> bool:
    return (
        a.article != b.article
        and _same_thing(a, b)
        and _compatible(a.about, b.about)
        and _compatible(a.time, b.time, prefix=True)
    )


def _same_thing(a: Quantity, b: Quantity) -> bool:
    if a.subject == b.subject or _generic(a) or _generic(b):
        return True
    if any(_ends_with(x, y) for x in _names(a) for y in _names(b)):
        return True
    # of one event, "Azerbaijanis" and "Azerbaijani police and civilians" are the same toll
    same_event = bool(a.about) and a.about == b.about
    return same_event and any(_words_within(x, y) for x in _names(a) for y in _names(b))


def _words_within(x: str, y: str) -> bool:
    """Whether the words of one name, plurals made singular, are all words of the other.

    >>> _words_within("azerbaijanis", "azerbaijani police and civilians")
    True
    >>> _words_within("armenian soldiers", "armenian civilians")
    False
    """
    short, long = sorted((_singular_words(x), _singular_words(y)), key=len)
    return bool(short) and short <= long


def _singular_words(name: str) -> frozenset[str]:
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in name.split())


def _ends_with(x: str, y: str) -> bool:
    short, long = sorted((x, y), key=len)
    return long == short or long.endswith(" " + short)


def _compatible(x: str, y: str, prefix: bool = False) -> bool:
    if not x or not y or x == y:
        return True
    return prefix and (x.startswith(y) or y.startswith(x))


def _opposed(store: KGStore, mark: str, kind: str, verb: str) -> list[FoundConflict]:
    titles = _titles(store)
    found: dict[tuple[URIRef, ...], FoundConflict] = {}
    for row in rows(store.query(_OPPOSED.format(mark=mark))):
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


def _local(iri: str) -> str:
    """The readable end of an IRI: ``entity/Russian_peacekeepers`` -> ``Russian peacekeepers``."""
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1].replace("_", " ")


def _titles(store: KGStore) -> dict[str, str]:
    """Each article's title, else its identifier, for the comments."""
    query = """SELECT ?a ?title ?id WHERE { ?a a kg:Article .
      OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:identifier ?id } }"""
    titles: dict[str, str] = {}
    for row in rows(store.query(query)):
        title = _text(row["title"]) or _text(row["id"]) or row["a"].value
        titles[row["a"].value] = min(title, titles.get(row["a"].value, title))
    return titles


def _text(term: Any) -> str:
    return "" if term is None else str(term.value)
