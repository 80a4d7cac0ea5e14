"""Whose count it is: the side and the group a count counts, and where it happened.

A count's **side** (a country, people or armed group: "Armenian", "Russian",
"Hamas") comes from its own words ("six Azerbaijani soldiers"), else from its
speaker ("according to Armenian authorities, 23 injuries"), else from the
article's context: the side named with the same group elsewhere in the article
("Russian peacekeepers"), or the only side named in the count's sentence or the
sentence before it. Side words are the store's own names of countries, regions
and peoples, matched with their demonyms by a shared stem ("Armenian" is
Armenia).

A count's **group** is what kind of people were counted: troops, police,
civilians, children ... or *generic* ("people", "casualties", "six Azerbaijanis",
the kind itself), or *mixed* ("police and civilians"). Groups are compatible
when they are the same, or generic and mixed (a total of everyone); soldiers and
civilians are different, and "people" is never a wildcard for a named group.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from kgraph.graph.results import rows
from kgraph.graph.store import KGStore

__all__ = ["GENERIC", "MIXED", "Context", "compatible_groups", "group_of"]

GENERIC = "*"
_MAIN_PLACES = 3
MIXED = "+"
#: Words of a counted noun phrase that say who was counted, by group.
_GROUPS = {
    "troops": {"soldier", "troop", "peacekeeper", "serviceman", "servicemen", "servicemember",
               "force", "personnel", "reservist", "conscript", "army", "military", "marine",
               "sailor", "airman", "airmen", "paratrooper", "guardsman", "guardsmen"},
    "fighters": {"fighter", "militant", "rebel", "insurgent", "guerrilla", "militia",
                 "militiaman", "militiamen", "gunman", "gunmen", "separatist"},
    "police": {"police", "policeman", "policemen", "officer", "cop", "guard", "gendarme"},
    "civilians": {"civilian", "resident", "inhabitant", "citizen", "villager", "local"},
    "children": {"child", "children", "boy", "girl", "kid", "infant", "baby", "babies",
                 "minor", "student", "pupil", "schoolchildren"},
    "women": {"woman", "women"},
}  # fmt: skip
_GENERIC_WORDS = frozenset(
    {"people", "person", "persons", "individual", "casualty", "casualties", "victim", "death",
     "dead", "injury", "injuries", "injured", "wound", "wounded", "killed", "toll", "fatality",
     "fatalities", "number", "total", "life", "lives", "body", "bodies", "other", "others"}
)  # fmt: skip
_WORD_GROUP = {word: group for group, words in _GROUPS.items() for word in words}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NOT_SIDES = frozenset(
    {"ministry", "health", "defence", "defense", "foreign", "interior", "state", "news",
     "agency", "government", "department", "national", "federal", "republic", "united",
     "north", "south", "east", "west", "northern", "southern", "eastern", "western", "new",
     "the", "armed", "forces", "force", "army", "police", "people", "authorities", "city",
     "great", "union", "upper", "lower", "kingdom", "province", "federation", "socialist",
     "autonomous", "mountainous", "islamic", "democratic", "people's", "region", "central",
     "of", "and", "soviet", "arab", "emirates", "territory", "territories", "island",
     "islands", "ministry's", "president", "prime", "minister", "council", "court"}
)  # fmt: skip
#: Classes whose names are sides: countries, regions, peoples and armed groups.
_SIDES = """
SELECT DISTINCT ?label WHERE {{ GRAPH <{graph}> {{ ?e a ?class ; rdfs:label|skos:altLabel ?label }}
  VALUES ?class {{ kg:Country kg:Region kg:Group kg:MilitaryForce }} }}
"""
_PLACES = """
SELECT DISTINCT ?label WHERE {{ GRAPH <{graph}> {{ ?e a ?class ; rdfs:label ?label }}
  {{ VALUES ?class {{ kg:Place kg:Country kg:Region kg:City }} }}
  UNION {{ ?class rdfs:subClassOf+ kg:Place }} }}
"""


def group_of(words: str, kind: str = "") -> str:
    """The group a counted noun phrase names.

    >>> group_of("Russian peacekeepers"), group_of("people"), group_of("Azerbaijanis")
    ('troops', '*', '*')
    >>> group_of("Azerbaijani police and civilians"), group_of("asylum seekers")
    ('+', 'seeker')
    """
    tokens = [w.lower() for w in _WORD.findall(words)]
    groups = {_group_word(w) for w in tokens if _group_word(w)}
    if len(groups) > 1:
        return MIXED
    if groups:
        return str(groups.pop())
    nouns = [w for w in tokens if w not in {"and", "of", "the", "in", "on", "at"}]
    if not nouns or all(_stem(w) in _GENERIC_WORDS or w in _GENERIC_WORDS for w in nouns):
        return GENERIC
    head = nouns[-1]
    if head == kind or _stem(head) == _stem(kind) or words.split()[-1][:1].isupper():
        return GENERIC  # "six Azerbaijanis": a people, all of them
    return _stem(head)


def compatible_groups(a: str, b: str) -> bool:
    """Same group, or a total of everyone (generic) against a mixed one."""
    return a == b or {a, b} <= {GENERIC, MIXED}


def _group_word(word: str) -> str | None:
    return _WORD_GROUP.get(word) or _WORD_GROUP.get(_stem(word))


def _stem(word: str) -> str:
    word = re.sub(r"['’]s?$", "", word.lower())
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@dataclass(frozen=True)
class Context:
    """The store's names of sides and places, and each article's text, to place counts."""

    sides: tuple[str, ...]  # lowercased stems of side names, shortest first
    places: re.Pattern[str] | None
    texts: dict[str, str]
    known: dict[str, str | None] = field(default_factory=dict)  # stems already matched

    @classmethod
    def of(cls, store: KGStore) -> Context:
        graph = store.iris.entities_graph
        stems: set[str] = set()
        for row in rows(store.query(_SIDES.format(graph=graph))):
            for word in _WORD.findall(str(row["label"].value)):
                if word[:1].isupper() and word.lower() not in _NOT_SIDES and len(word) > 2:
                    stems.add(_stem(word))
        names = sorted(
            {str(row["label"].value) for row in rows(store.query(_PLACES.format(graph=graph)))
             if str(row["label"].value)[:1].isupper()},
            key=len, reverse=True,
        )  # fmt: skip
        places = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b") if names else None
        texts = {
            row["a"].value: str(row["t"].value)
            for row in rows(store.query("SELECT ?a ?t WHERE { ?a a kg:Article ; kg:text ?t }"))
        }
        return cls(tuple(sorted(stems, key=lambda s: (len(s), s))), places, texts)

    def sides_in(self, text: str) -> frozenset[str]:
        """The sides a text names ("Armenian authorities" -> armenia)."""
        found = set()
        for word in _WORD.findall(text):
            if word[:1].isupper() and word.lower() not in _NOT_SIDES:
                side = self._side(_stem(word))
                if side:
                    found.add(side)
        return frozenset(found)

    def _side(self, stem: str) -> str | None:
        if stem not in self.known:
            self.known[stem] = next((s for s in self.sides if _same_stem(stem, s)), None)
        return self.known[stem]

    def places_in(self, text: str) -> frozenset[str]:
        """The store's place names that occur in a text."""
        return frozenset(self.places.findall(text)) if self.places else frozenset()

    def main_places(self, article: str) -> frozenset[str]:
        """The places an article is about: the three it names most, ties kept."""
        counts = Counter(self.places.findall(self.texts.get(article, ""))) if self.places else {}
        if not counts:
            return frozenset()
        third = sorted(counts.values(), reverse=True)[:_MAIN_PLACES][-1]
        return frozenset(place for place, n in counts.items() if n >= third)

    def near_places(self, article: str, start: int, sentence: str) -> frozenset[str]:
        """The places of a count's sentence and the two before it."""
        return self.places_in(" ".join((*self._before(article, start, 2), sentence)))

    def _before(self, article: str, start: int, sentences: int) -> list[str]:
        text = self.texts.get(article, "")
        window = text[max(0, start - 600) : start].strip() if start > 0 else ""
        return re.split(r"(?<=[.!?])\s+", window)[-sentences:] if window else []

    def context_sides(self, article: str, start: int, words: Iterable[str]) -> frozenset[str]:
        """Sides from the article around a count: the same group named with a side elsewhere
        ("Russian peacekeepers"), else the only side of the count's sentence and the one
        before."""
        text = self.texts.get(article, "")
        heads = [w for w in words if _group_word(w.lower())]
        for head in heads:
            before = re.findall(r"([A-Z][\w'’-]+)\s+" + re.escape(head), text)
            sides = self.sides_in(" ".join(before))
            if len(sides) == 1:
                return sides
        if start < 0 or not text:
            return frozenset()
        previous = " ".join(self._before(article, start, 1))
        sentence_end = text.find(". ", start)
        sentence = text[start : sentence_end if sentence_end > 0 else len(text)]
        sides = self.sides_in(previous + " " + sentence)
        return sides if len(sides) == 1 else frozenset()


def _same_stem(x: str, y: str) -> bool:
    """Whether a word and a side name share their stem ("armenian", "armenia").

    >>> _same_stem("azerbaijani", "azerbaijan"), _same_stem("australian", "austria")
    (True, False)
    >>> _same_stem("palestinian", "palestine"), _same_stem("iran", "iraq")
    (True, False)
    """
    common = 0
    for a, b in zip(x, y, strict=False):
        if a != b:
            break
        common += 1
    return common >= max(4, min(len(x), len(y)) - 1)
