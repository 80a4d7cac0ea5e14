"""Merge people named by surname alone into the one person of the store with that surname,
and names that differ only in case, hyphens or spaces ("al-Qaeda", "Al Qaeda") into one.

Within an article the linker already resolves "Pashinyan" after "Nikol
Pashinyan". Across articles it cannot (articles are linked in parallel), so after
every build this pass looks at the whole store: a person (or a capitalised name
spaCy gave another class) whose label is one word, when exactly one person of the
store has a full name ending in that word, becomes that person. Every quad naming the
short entity is rewritten, the short name becomes an ``skos:altLabel`` of the
full one, and the facts' link method becomes ``short-name``. Two people sharing
the surname ("Ilham Aliyev", "Heydar Aliyev") leave "Aliyev" alone. A surname
with its particles ("bin Laden") is a short name of "Osama bin Laden" too.

Names written alike but for case, hyphens and spaces, or transliterations of one
name ("Al Qaeda", "al-Qaida"; "Osama bin Laden", "Usama bin Ladin") are one name: of
such entities (with a capital letter: common nouns are each article's own) the one
named most often (a catalog one first) keeps its node and the others merge into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import cast

import pyoxigraph as ox
from rapidfuzz.distance import Levenshtein
from rdflib import RDF, RDFS, XSD, URIRef
from rdflib.namespace import SKOS

from kgraph.graph.store import KGStore
from kgraph.vocab import KG

__all__ = ["merge_short_names"]

_NAMES = """
SELECT ?e ?class ?label WHERE {
  GRAPH <%s> { ?e a ?class ; rdfs:label ?label }
  FILTER(?class NOT IN (kg:Country, kg:City, kg:Region, kg:Route, kg:Event))
}"""


def merge_short_names(kg: KGStore, keep: Iterable[URIRef] = ()) -> list[tuple[str, str]]:
    """Merge every surname-only entity into its unique full-name person: (short, full) IRIs.

    Entities in ``keep`` (the catalog's) are never merged away; short names
    spaCy mislabelled (an organisation, a work, a place) count as people here.
    """
    protected = {str(iri) for iri in keep}
    merges = _merge_spellings(kg, protected)
    people: dict[str, set[str]] = {}
    shorts: list[tuple[str, str]] = []
    for row in kg.query(_NAMES % kg.iris.entities_graph):
        iri, label = row["e"].value, row["label"].value
        person = row["class"].value == str(KG.Person)
        words = label.split()
        if len(words) >= 2 and person and not _surname_alone(words):
            people.setdefault(words[-1].casefold(), set()).add(iri)
        elif _surname_alone(words) and iri not in protected:
            shorts.append((iri, label))
    for iri, label in sorted(shorts):
        short = label.casefold().split()
        full = {
            p
            for p in people.get(short[-1], set())
            if _labels(kg, p) and _labels(kg, p)[0].casefold().split()[-len(short) :] == short
        }
        if len(full) == 1 and iri not in full:
            target = next(iter(full))
            _rename(kg, iri, target, label)
            merges.append((iri, target))
    return merges


def _surname_alone(words: list[str]) -> bool:
    """ "Pashinyan", "bin Laden": a capitalised word, after lowercase particles if any."""
    last = words[-1] if words else ""
    particles = words[:-1]
    return (
        last[:1].isupper()
        and last[1:2].islower()
        and all(w.isalpha() and w.islower() and len(w) <= 3 for w in particles)
    )


def _labels(kg: KGStore, iri: str) -> list[str]:
    entities = ox.NamedNode(str(kg.iris.entities_graph))
    quads = kg.backend.quads(ox.NamedNode(iri), _iri(RDFS.label), None, entities)
    return [q.object.value for q in quads if isinstance(q.object, ox.Literal)]


def _uses(kg: KGStore, iri: str) -> int:
    """How many quads name the entity as their object (its facts and mentions)."""
    return sum(1 for _ in kg.backend.quads(None, None, ox.NamedNode(iri), None))


def _spelling(label: str) -> str:
    """A label without case, hyphens and spaces: "al-Qaeda", "Al Qaeda" -> "alqaeda"."""
    return "".join(ch for ch in label.casefold() if ch.isalnum())


def _merge_spellings(kg: KGStore, protected: set[str]) -> list[tuple[str, str]]:
    """Merge entities whose labels differ only in case, hyphens and spaces, or are
    transliterations of one name ("al-Qaeda", "al-Qaida"; :func:`_variants`)."""
    groups: dict[str, dict[str, str]] = {}
    for row in kg.query(_NAMES % kg.iris.entities_graph):
        iri, label = row["e"].value, row["label"].value
        if any(ch.isupper() for ch in label) and _spelling(label):
            groups.setdefault(_spelling(label), {})[iri] = label
    merges = []
    for named in _transliterations(groups):
        if len(named) < 2:
            continue
        uses = {iri: _uses(kg, iri) for iri in named}
        target = max(sorted(named), key=lambda iri: (iri in protected, uses[iri]))
        for iri in sorted(named):
            if iri != target and iri not in protected:
                _rename(kg, iri, target, named[iri])
                merges.append((iri, target))
    return merges


#: Vowels that transliterations of one name swap ("Qaeda"/"Qaida", "Osama"/"Usama",
#: "Mohammed"/"Muhammad"); "a"/"o" is left out ("Martin" and "Morton" are two names).
_SWAPS = frozenset({frozenset("ei"), frozenset("ou"), frozenset("ae"), frozenset("iy")})
#: A swap only inside a word of at least this many letters ("Dan" and "Don" are two names),
#: two swaps only in a word of at least ``_TWO_SWAPS`` letters.
_SWAP_WORD = 5
_TWO_SWAPS = 7


def _transliterations(groups: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """The spelling groups, joined when their names are transliterations of one name."""
    by_skeleton: dict[str, list[str]] = {}
    for spelled in sorted(groups):
        by_skeleton.setdefault(_skeleton(spelled), []).append(spelled)
    joined: list[dict[str, str]] = []
    for spellings in by_skeleton.values():
        clusters: list[list[str]] = []
        for spelled in spellings:
            label = next(iter(groups[spelled].values()))
            fit = next((c for c in clusters if _variants(label, _first(groups, c))), None)
            if fit is None:
                clusters.append([spelled])
            else:
                fit.append(spelled)
        joined.extend({i: lb for s in c for i, lb in groups[s].items()} for c in clusters)
    return joined


def _first(groups: dict[str, dict[str, str]], cluster: list[str]) -> str:
    return next(iter(groups[cluster[0]].values()))


def _skeleton(spelled: str) -> str:
    """A spelling without vowels and doubled letters: "alqaeda", "alqaida" -> "lqd"."""
    consonants = [ch for ch in spelled if ch not in "aeiouy"]
    return "".join(ch for k, ch in enumerate(consonants) if k == 0 or ch != consonants[k - 1])


def _variants(one: str, other: str) -> bool:
    """Whether two labels are transliterations of one name: the same letters but for
    swapped vowels of long words and doubled consonants ("Osama bin Laden", "Usama bin
    Ladin"; "Hussein", "Husein"), not two names that happen to be close."""
    a, b = _spelling(one), _spelling(other)
    words_a, words_b = _words(one), _words(other)
    swaps: dict[int, int] = {}
    for op in Levenshtein.editops(a, b):
        tag, i, j = op.tag, op.src_pos, op.dest_pos
        if tag == "replace":
            (word, size), (_, other_size) = words_a[i], words_b[j]
            if frozenset((a[i], b[j])) not in _SWAPS or min(size, other_size) < _SWAP_WORD:
                return False
            swaps[word] = swaps.get(word, 0) + 1
            if swaps[word] > (2 if size >= _TWO_SWAPS else 1):
                return False
        elif not _doubled(a, i) if tag == "delete" else not _doubled(b, j):
            return False
    return True


def _doubled(spelled: str, position: int) -> bool:
    """Whether the letter at ``position`` doubles a consonant next to it."""
    ch = spelled[position]
    near = spelled[position - 1 : position] + spelled[position + 1 : position + 2]
    return ch not in "aeiouy" and ch in near


def _words(label: str) -> list[tuple[int, int]]:
    """For each letter of the label's spelling, its word's index and length."""
    letters: list[tuple[int, int]] = []
    for index, word in enumerate(re.split(r"[\s\-‐–]+", label.casefold())):
        size = sum(ch.isalnum() for ch in word)
        letters.extend([(index, size)] * size)
    return letters


def _rename(kg: KGStore, short: str, full: str, label: str) -> None:
    backend = kg.backend
    old, new = ox.NamedNode(short), ox.NamedNode(full)
    entities = ox.NamedNode(str(kg.iris.entities_graph))
    removed: list[ox.Quad] = []
    added: list[ox.Quad] = [
        ox.Quad(new, _iri(SKOS.altLabel), ox.Literal(label, language="en"), entities)
    ]
    for quad in backend.quads(old, None, None, None):
        removed.append(quad)
        if quad.graph_name == entities and quad.predicate in (_iri(RDF.type), _iri(RDFS.label)):
            continue
        added.append(ox.Quad(new, quad.predicate, quad.object, quad.graph_name))
    for quad in backend.quads(None, None, old, None):
        removed.append(quad)
        added.append(ox.Quad(quad.subject, quad.predicate, new, quad.graph_name))
        role = _ROLES.get(quad.predicate.value)
        if role is None:
            continue
        # a provenance node: its link is now a short name
        node = cast(ox.NamedNode, quad.subject)
        graph = cast(ox.NamedNode, quad.graph_name)
        for predicate, value in zip(role, _SHORT_NAME_LINK, strict=True):
            for link in backend.quads(node, predicate, None, graph):
                removed.append(link)
                added.append(ox.Quad(node, predicate, value, graph))
    backend.remove(removed)
    backend.extend(added)


def _iri(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


_DOUBLE = _iri(XSD.double)
_SHORT_NAME_LINK = (ox.Literal("short-name"), ox.Literal("0.85", datatype=_DOUBLE))
_ROLES = {
    str(RDF.subject): (_iri(KG.subjectLink), _iri(KG.subjectLinkScore)),
    str(RDF.object): (_iri(KG.objectLink), _iri(KG.objectLinkScore)),
}
