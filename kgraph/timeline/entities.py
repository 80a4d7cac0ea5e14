"""Finding an entity in the store: by label or alias, short names, modified names, appositions.

>>> short_names("Airbus A380")
['A380']
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.errors import ConfigError
from kgraph.timeline.labels import LabelIndex

if TYPE_CHECKING:
    from collections.abc import Iterable

    from kgraph.graph import KGStore

__all__ = ["described", "find_entities", "short_names"]


def find_entities(
    store: KGStore | Path | LabelIndex, name: str, mentioned: bool = False
) -> tuple[str, tuple[str, ...]]:
    """The label and IRIs of the entities a name, alias or IRI names in the store.

    Besides the entities with that label or alias: those named by a short name of it or by
    it after modifiers (:func:`short_names`, "first Airbus A380"), and with ``mentioned`` any
    whose name contains it ("the test flight of the A380"). ``store`` is an open store, its
    folder or its index (:class:`~kgraph.timeline.labels.LabelIndex`).

    Raises:
        ConfigError: nothing has that name; the message suggests close labels.
    """
    index = LabelIndex.of(store)
    wanted = name.strip()
    if wanted.startswith(("http://", "https://")):
        wanted = index.label_of([wanted]).get(wanted, wanted)
    iris = index.named(wanted)
    if not iris:
        iris = index.lowered(wanted.casefold())
    labels = index.label_of(iris)
    label_of = lambda iri: labels.get(iri) or iri.rpartition("/")[2]  # noqa: E731
    iris.sort(key=lambda iri: (label_of(iri).casefold() != wanted.casefold(), iri))
    label = label_of(iris[0]) if iris else wanted
    iris = list(dict.fromkeys([*iris, *_variants(index, label, mentioned)]))
    if not iris:
        close = difflib.get_close_matches(wanted, sorted(index.labels()), n=5)
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


def _variants(index: LabelIndex, label: str, mentioned: bool) -> list[str]:
    """Entities named by a short name of ``label`` or by it after lower-case modifiers ("first
    Airbus A380", "double-decker A380"); with ``mentioned``, every entity whose name contains
    it or a short name as whole words ("test flight of the new Airbus A380 superjumbo")."""
    person = index.facts.is_person(index.named(label))
    names = [label, *short_names(label, person)]
    found = []
    for name in names:
        words = re.compile(rf"(?<!\w){re.escape(name)}s?(?!\w)", re.IGNORECASE)
        for entity, other in _containing(index, name, ending=not mentioned):
            if not words.search(other):
                continue
            if other.casefold() == name.casefold() or _modified(other, name) or mentioned:
                found.append(entity)
    return found


def _containing(index: LabelIndex, name: str, ending: bool) -> list[tuple[str, str]]:
    """(node, name) of the names whose lower-cased text contains ``name`` case-folded (with
    ``ending``, ends with it or its plural, as a modified name does; a name without a word:
    none)."""
    folded = name.casefold()
    found = index.containing(name, ending) or []
    return [(entity, other) for entity, other in found if folded in other.lower()]


def described(
    store: KGStore | Path | LabelIndex,
    iris: Iterable[str],
    rows: list[dict[str, str]] | None = None,
) -> dict[str, set[str]]:
    """The descriptions an apposition gives the entities ("the Airbus A380, the world's largest
    passenger aircraft"), each with the articles where it stands for them: a node of a common
    noun phrase (a lower-case label) is the entity only where the text says so. ``rows`` are
    the entities' rows of the index when the caller has read them already."""
    index = LabelIndex.of(store)
    sides = {"subject": "o", "object": "s"}
    facts = [
        (row[sides[row["role"]]], row["article"])
        for row in (index.facts.of_entities(iris) if rows is None else rows)
        if row.get("extractor") == "apposition" and row["role"] in sides
    ]
    labels = index.label_of([other for other, _ in facts])
    described: dict[str, set[str]] = {}
    for other, article in facts:
        if labels.get(other, "")[:1].islower():
            described.setdefault(other, set()).add(article)
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
