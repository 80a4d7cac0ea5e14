"""The linking rules of ``ontology/linking.toml``, parsed once, and the name analyses that use them.

:func:`read_linking` parses and checks the file into a frozen :class:`Linking`
(``Ontology.linking``), which :mod:`kgraph.link` reads.

>>> from kgraph.ontology import load_ontology
>>> rules = load_ontology().linking
>>> rules.strip_title("Prime Minister Nikol Pashinyan")
('Nikol Pashinyan', 'Prime Minister')
>>> rules.strip_title("Foreign Minister")
('Foreign Minister', None)
>>> rules.description("the ministry")
(('GovernmentBody',), 'Ministry', None)
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from kgraph.errors import OntologyError
from kgraph.ontology.names import normalize_name

__all__ = ["Description", "Linking", "read_linking"]

#: Words that open a definite description ("the country", "this region").
_DETERMINERS = frozenset({"the", "this", "that"})

#: Words that open a description of several ("both sides", "these nations"), and those
#: of them that mean two without a number.
_GROUP_OPENERS = frozenset({"the", "these", "those", "both"})
_TWO_UNLESS_NUMBERED = frozenset({"these", "those", "both"})

#: Number words of descriptions of several ("the two countries").
_NUMBERS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}

#: (classes, label_contains, role) of a definite description's antecedent.
Description = tuple[tuple[str, ...], str | None, str | None]


def _none() -> Any:
    """The default of a table the file leaves out: an empty, read-only mapping."""
    return field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Linking:
    """Thresholds, tables and word lists for entity resolution (``linking.toml``)."""

    fuzzy_threshold: float = 90.0
    fuzzy_min_length: int = 5
    city_population: int = 15000
    big_city_population: int = 1_000_000
    demonyms: Mapping[str, str] = _none()  # -> ISO code or catalog key
    heads: Mapping[str, str] = _none()  # head noun -> class or "state"
    people_prefixes: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()  # "widow" of "his widow Olivia"
    person_verbs: frozenset[str] = frozenset()  # "batted" of "Ntini batted"
    titles: tuple[tuple[str, ...], ...] = ()  # normalised title word sequences, longest first
    role_phrases: tuple[str, ...] = ()
    seats: Mapping[str, str] = _none()  # normalised seat -> ISO code
    place_relations: frozenset[str] = frozenset()
    actor_object_relations: frozenset[str] = frozenset()
    descriptions: Mapping[str, Description] = _none()
    pronoun_window: int = 3
    description_window: int = 6
    synonyms: Mapping[str, str] = _none()  # common noun -> its usual word
    groups: Mapping[str, tuple[str, ...]] = _none()  # plural noun -> classes
    armed_forces_heads: frozenset[str] = frozenset()  # "troops" of "Russian troops"
    armed_forces_labels: tuple[str, ...] = ()  # "{demonym} Armed Forces", ...
    generic_modifiers: frozenset[str] = frozenset()  # "two", "local" of "two men", "local police"
    generic_numbers: frozenset[str] = frozenset()  # "two" of "two men" (also a generic modifier)
    generic_heads: frozenset[str] = frozenset()  # "people" of "80 people", "local residents"
    kinds: Mapping[str, str] = _none()  # "company" of "the animation company Pixar" -> class
    organisation_suffixes: frozenset[str] = frozenset()  # "Inc", "Airlines", ...
    name_ends: Mapping[str, str] = _none()  # "Prize" of "Nobel Peace Prize" -> class
    idioms: frozenset[str] = frozenset()  # "in force", "on board": no entity

    def strip_title(self, name: str) -> tuple[str, str | None]:
        """A name without leading titles and roles, and the role text stripped (or None).

        Only strips when a capitalised name remains: "Foreign Minister" stays.
        """
        words = name.split()
        lowered = tuple(normalize_name(w) for w in words)  # once, not once per position
        position, role_end = 0, 0
        while position < len(words):
            matched = self._title_at(words, lowered, position)
            if matched == 0:
                break
            position += matched
            role_end = position
        rest = words[role_end:]
        if role_end == 0 or not rest or not rest[0][:1].isupper():
            return name, None
        return " ".join(rest), " ".join(words[:role_end])

    def is_title(self, word: str) -> bool:
        """Whether one word is a title ("President") or a person noun ("widow")."""
        single = (normalize_name(word),) in self._single_titles
        return single or word.casefold() in self.person_nouns

    @functools.cached_property
    def _single_titles(self) -> frozenset[tuple[str, ...]]:
        return frozenset(t for t in self.titles if len(t) == 1)

    @functools.cached_property
    def _titles_by_first(self) -> Mapping[str, tuple[tuple[str, ...], ...]]:
        """The titles by their first word, longest first as in :attr:`titles`."""
        index: dict[str, list[tuple[str, ...]]] = {}
        for title in self.titles:
            index.setdefault(title[0], []).append(title)
        return {word: tuple(found) for word, found in index.items()}

    @functools.cached_property
    def _role_phrases_by_first(self) -> Mapping[str, tuple[tuple[int, tuple[str, ...]], ...]]:
        """The role phrases' words by their first word, with their place in the file."""
        index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for place, phrase in enumerate(self.role_phrases):
            words = tuple(phrase.split())
            index.setdefault(words[0] if words else "", []).append((place, words))
        return {word: tuple(found) for word, found in index.items()}

    def description(self, text: str) -> Description | None:
        """The antecedent constraints of a definite description ("the country"), or None.

        "this" and "that" work as "the" does. Lowercase modifiers before the noun
        are passed over: "this mountainous enclave" is "the enclave" (a capitalised
        one is a name: "the Armenian army").
        """
        words = text.split()
        if len(words) < 2 or words[0].lower() not in _DETERMINERS:
            return None
        found = self.descriptions.get(normalize_name(" ".join(words[1:])))
        if found is None and len(words) > 2 and all(w.islower() for w in words[1:-1]):
            found = self.descriptions.get(normalize_name(words[-1]))
        return found

    def group(self, text: str) -> tuple[tuple[str, ...], int] | None:
        """The classes and number of a description of several ("the two countries"), or None.

        "both X", "the two X", "these (two) X", with lowercase modifiers allowed
        before the plural noun ("these neighboring nations"); without a number,
        "these" means two.
        """
        words = text.split()
        if not words:
            return None
        first, rest = words[0].lower(), words[1:]
        if first not in _GROUP_OPENERS:
            return None
        number = 2 if first in _TWO_UNLESS_NUMBERED else None
        if rest and rest[0].lower() in _NUMBERS:
            number, rest = _NUMBERS[rest[0].lower()], rest[1:]
        if number is None or not rest or not all(w.islower() for w in rest):
            return None
        classes = self.groups.get(rest[-1])
        return (classes, number) if classes else None

    def usual_wording(self, name: str) -> str:
        """A common-noun name with each word replaced by its usual synonym, if any.

        Capitalised words (names) are kept: only "mine blast" becomes "mine explosion".
        """
        words = name.split()
        return " ".join(self.synonyms.get(w, w) if w.islower() else w for w in words)

    def head_class(self, words: list[str]) -> str | None:
        """The class of a head noun phrase after a demonym ("forces" -> MilitaryForce)."""
        return self.heads.get(normalize_name(" ".join(words))) if words else None

    def _title_at(self, words: list[str], lowered: tuple[str, ...], position: int) -> int:
        """How many words from ``position`` form a title (0 if none); ``lowered``: the
        words normalised. Only the phrases and titles that start with the word there are
        tried, in the order of the full lists."""
        lowered = lowered[position:]
        first = lowered[0] if lowered else ""
        phrases = self._role_phrases_by_first
        candidates = phrases.get(first, ())
        if "" in phrases:  # an empty phrase matches anywhere: keep the file's order
            candidates = tuple(sorted((*phrases[""], *candidates)))
        # "spokesperson for the Foreign Ministry Maria ..."
        for _place, phrase in candidates:
            size = len(phrase)
            if lowered[:size] == phrase:
                # the role runs to the first word of a capitalised run that ends the name
                return _role_phrase_length(words, position + size) + size
        for title in self._titles_by_first.get(first, ()):
            if lowered[: len(title)] == title:
                return len(title)
        return 0


def _role_phrase_length(words: list[str], start: int) -> int:
    """Words of "the Russian Foreign Ministry" before a two-word-or-longer final name."""
    end = len(words) - 2  # keep at least a two-word name
    return max(0, end - start)


def _description(rule: Mapping[str, Any]) -> Description:
    wanted = rule.get("class", ())
    classes = (wanted,) if isinstance(wanted, str) else tuple(wanted)
    return classes, rule.get("label_contains"), rule.get("role")


def read_linking(path: Path, classes: Collection[str]) -> Linking:
    """The rules of ``linking.toml``; its classes must be declared in the Turtle files.

    Raises:
        OntologyError: the file is missing, not TOML or names an unknown class.
    """
    raw = _read_toml(path)
    heads = raw.get("heads", {}).values()
    _check_classes(path, [h for h in heads if h != "state"], classes)
    _check_classes(path, list(raw.get("kinds", {}).values()), classes)
    _check_classes(path, list(raw.get("name_ends", {}).values()), classes)
    for rule in (*raw.get("descriptions", {}).values(), *raw.get("groups", {}).values()):
        wanted = rule.get("class", [])
        _check_classes(path, [wanted] if isinstance(wanted, str) else wanted, classes)
    fuzzy, gazetteer = raw.get("fuzzy", {}), raw.get("gazetteer", {})
    titles = raw.get("titles", {})
    metonymy, coreference = raw.get("metonymy", {}), raw.get("coreference", {})
    armed_forces, generic = raw.get("armed_forces", {}), raw.get("generic", {})
    words = {tuple(normalize_name(t).split()) for t in titles.get("words", ())}
    return Linking(
        fuzzy_threshold=float(fuzzy.get("threshold", 90)),
        fuzzy_min_length=int(fuzzy.get("min_length", 5)),
        city_population=int(gazetteer.get("city_population", 15000)),
        big_city_population=int(gazetteer.get("big_city_population", 1_000_000)),
        demonyms=MappingProxyType(dict(raw.get("demonyms", {}))),
        heads=MappingProxyType({normalize_name(k): v for k, v in raw.get("heads", {}).items()}),
        people_prefixes=frozenset(p.lower() for p in raw.get("people", {}).get("prefixes", ())),
        person_nouns=frozenset(p.casefold() for p in raw.get("people", {}).get("nouns", ())),
        person_verbs=frozenset(v.casefold() for v in raw.get("people", {}).get("verbs", ())),
        titles=tuple(sorted((w for w in words if w), key=len, reverse=True)),
        role_phrases=tuple(normalize_name(p) for p in titles.get("role_phrases", ())),
        seats=MappingProxyType({normalize_name(k): v for k, v in raw.get("seats", {}).items()}),
        place_relations=frozenset(metonymy.get("place_relations", ())),
        actor_object_relations=frozenset(metonymy.get("actor_object_relations", ())),
        descriptions=MappingProxyType(
            {
                normalize_name(noun): _description(rule)
                for noun, rule in raw.get("descriptions", {}).items()
            }
        ),
        pronoun_window=int(coreference.get("pronoun_window", 3)),
        description_window=int(coreference.get("description_window", 6)),
        synonyms=MappingProxyType(
            {k.casefold(): v.casefold() for k, v in raw.get("synonyms", {}).items()}
        ),
        groups=MappingProxyType(
            {noun.casefold(): _description(rule)[0] for noun, rule in raw.get("groups", {}).items()}
        ),
        armed_forces_heads=frozenset(map(normalize_name, armed_forces.get("heads", ()))),
        armed_forces_labels=tuple(armed_forces.get("labels", ())),
        generic_modifiers=frozenset(
            m.casefold() for m in (*generic.get("numbers", ()), *generic.get("modifiers", ()))
        ),
        generic_numbers=frozenset(m.casefold() for m in generic.get("numbers", ())),
        generic_heads=frozenset(m.casefold() for m in generic.get("heads", ())),
        kinds=MappingProxyType({normalize_name(k): v for k, v in raw.get("kinds", {}).items()}),
        organisation_suffixes=frozenset(raw.get("organisations", {}).get("suffixes", ())),
        name_ends=MappingProxyType(dict(raw.get("name_ends", {}))),
        idioms=frozenset(map(normalize_name, raw.get("idioms", {}).get("phrases", ()))),
    )


def _read_toml(path: Path) -> Mapping[str, Any]:
    if not path.is_file():
        raise OntologyError(f"{path}: missing from the ontology folder")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise OntologyError(f"{path}: not valid TOML: {exc}") from exc


def _check_classes(path: Path, values: Collection[str], classes: Collection[str]) -> None:
    for value in values:
        if value not in classes:
            raise OntologyError(
                f"{path}: unknown class {value!r}; declare it in the ontology's Turtle files"
            )
