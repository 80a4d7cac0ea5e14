"""Finding an entity in the store: by label or alias, short names, modified names, appositions.

>>> short_names("Airbus A380")
['A380']
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kgraph.errors import ConfigError
from kgraph.timeline.labels import LabelIndex

if TYPE_CHECKING:
    from kgraph.graph import KGStore

__all__ = ["described", "find_entities", "literal", "short_names"]


def find_entities(
    store: KGStore, name: str, mentioned: bool = False
) -> tuple[str, tuple[str, ...]]:
    """The label and IRIs of the entities a name, alias or IRI names in the store.

    Besides the entities with that label or alias: those named by a short name of it or by
    it after modifiers (:func:`short_names`, "first Airbus A380"), and with ``mentioned`` any
    whose name contains it ("the test flight of the A380").

    Raises:
        ConfigError: nothing has that name; the message suggests close labels.
    """
    from kgraph.graph import rows

    wanted = name.strip()
    if wanted.startswith(("http://", "https://")):
        found = [r["e"].value for r in rows(store.query(_LABEL_OF.replace("?IRI", f"<{wanted}>")))]
        if found:
            wanted = _label(store, wanted)
    written = literal(wanted)
    query = _BY_NAME.replace("?NAMES", f"{written}@en {written}")
    iris = list(dict.fromkeys(r["e"].value for r in rows(store.query(query))))
    index = LabelIndex.of(store)
    if not iris:
        iris = index.lowered(wanted.casefold())
    iris.sort(key=lambda iri: (_label(store, iri).casefold() != wanted.casefold(), iri))
    label = _label(store, iris[0]) if iris else wanted
    iris = list(dict.fromkeys([*iris, *_variants(store, index, label, mentioned)]))
    if not iris:
        labels = sorted(index.labels())
        close = difflib.get_close_matches(wanted, labels, n=5)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise ConfigError(
            f"no entity named {name!r} in the store (by label or alias){hint}; "
            "list names with: kgraph query STORE 'SELECT ?l WHERE { ?e rdfs:label ?l }'"
        )
    return label, tuple(iris)


def short_names(label: str, person: bool = False) -> list[str]:
    """The trailing parts of a name that can stand for it: a surname ("Gallois" for "Louis
    Gallois", ``person``), a model without its maker ("A380", "787 Dreamliner"), a name of two
    words or more ("Air Force"); never a single plain word ("Airlines").

    >>> short_names("Boeing 787 Dreamliner")
    ['787 Dreamliner']
    >>> short_names("Louis Gallois", person=True), short_names("Singapore Airlines")
    (['Gallois'], [])
    """
    words = label.split()
    tails = [" ".join(words[i:]) for i in range(1, len(words))]
    return [t for t in tails if " " in t or person or any(c.isdigit() for c in t)]


def _variants(store: KGStore, index: LabelIndex, label: str, mentioned: bool) -> list[str]:
    """Entities named by a short name of ``label`` or by it after lower-case modifiers ("first
    Airbus A380", "double-decker A380"); with ``mentioned``, every entity whose name contains
    it or a short name as whole words ("test flight of the new Airbus A380 superjumbo")."""
    from kgraph.graph import rows

    literals = f"{literal(label)}@en {literal(label)}"
    person = bool(list(rows(store.query(_IS_PERSON.replace("?NAME", literals)))))
    names = [label, *short_names(label, person)]
    found = []
    for name in names:
        words = re.compile(rf"(?<!\w){re.escape(name)}s?(?!\w)", re.IGNORECASE)
        for entity, other in _containing(store, index, name):
            if not words.search(other):
                continue
            if other.casefold() == name.casefold() or _modified(other, name) or mentioned:
                found.append(entity)
    return found


def _containing(store: KGStore, index: LabelIndex, name: str) -> list[tuple[str, str]]:
    """(node, name) of the names whose lower-cased text contains ``name`` case-folded: from
    the index, else (a name without a word) by reading every name."""
    from kgraph.graph import rows

    folded = name.casefold()
    found = index.containing(name)
    if found is None:
        query = _CONTAINING.replace("?WORD", literal(folded))
        found = [(r["e"].value, r["l"].value) for r in rows(store.query(query))]
    return [(entity, other) for entity, other in found if folded in other.lower()]


def described(store: KGStore, iris: Iterable[str]) -> dict[str, set[str]]:
    """The descriptions an apposition gives the entities ("the Airbus A380, the world's largest
    passenger aircraft"), each with the articles where it stands for them: a node of a common
    noun phrase (a lower-case label) is the entity only where the text says so."""
    from kgraph.graph import rows

    values = " ".join(f"<{iri}>" for iri in iris)
    described: dict[str, set[str]] = {}
    for r in rows(store.query(_APPOSITIONS.replace("?VALUES", values))):
        if r["l"].value[:1].islower():
            described.setdefault(r["d"].value, set()).add(r["a"].value)
    return described


def _modified(label: str, name: str) -> bool:
    """Whether ``label`` is ``name`` (or its plural) after lower-case modifiers only ("first
    Airbus A380", "new Boeing 787 Dreamliners"), not after a preposition ("plans for the A380")."""
    folded, name = label.casefold(), name.casefold()
    end = len(folded) - (len(name) + 1 if folded.endswith(name + "s") else len(name))
    if folded[end:].rstrip("s") != name.rstrip("s") or (end and folded[end - 1] != " "):
        return False
    before = label[:end].split()
    return all(word[:1].islower() and word not in _NOT_MODIFIERS for word in before)


_NOT_MODIFIERS = frozenset(
    {"of", "for", "by", "with", "to", "in", "on", "at", "from", "into", "about", "against"}
    | {"between", "and", "or", "but", "than", "as"}
)


def _label(store: KGStore, iri: str) -> str:
    from kgraph.graph import rows

    found = [r["l"].value for r in rows(store.query(_LABEL_OF.replace("?IRI", f"<{iri}>")))]
    return found[0] if found else iri.rpartition("/")[2]


def literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


_PREFIXES = """\
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_BY_NAME = _PREFIXES + "SELECT ?e WHERE { VALUES ?n { ?NAMES } ?e rdfs:label|skos:altLabel ?n }"
_CONTAINING = _PREFIXES + (
    "SELECT DISTINCT ?e ?l WHERE { ?e rdfs:label|skos:altLabel ?l "
    "FILTER(CONTAINS(LCASE(STR(?l)), ?WORD)) }"
)
_APPOSITIONS = _PREFIXES + (
    "PREFIX kg: <https://w3id.org/kgraph/ns#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
    "SELECT DISTINCT ?d ?l ?a WHERE { VALUES ?e { ?VALUES } "
    '?f kg:extractor "apposition" ; prov:wasDerivedFrom ?a . '
    "{ ?f rdf:subject ?e ; rdf:object ?d } UNION { ?f rdf:object ?e ; rdf:subject ?d } "
    "?d rdfs:label ?l }"
)
_IS_PERSON = _PREFIXES + (
    "PREFIX kg: <https://w3id.org/kgraph/ns#>\n"
    "SELECT ?e WHERE { VALUES ?l { ?NAME } ?e rdfs:label ?l ; a kg:Person } LIMIT 1"
)
_LABEL_OF = _PREFIXES + "SELECT ?e ?l WHERE { BIND(?IRI AS ?e) ?e rdfs:label ?l } LIMIT 1"
