"""Names to entities without context: catalog, demonyms, gazetteer, people, fuzzy.

>>> from kgraph.ontology import load_ontology
>>> from kgraph.link.gazetteer import Gazetteer
>>> ontology = load_ontology()
>>> names = NameResolver(ontology, ontology.linking, Gazetteer.of(ontology.linking))
>>> entity, method, score = names.lookup("Republic of Azerbaijan", Mention("", 0, 0))
>>> entity.key, method.value
('Azerbaijan', 'catalog')
>>> [names.lookup(n, Mention("", 0, 0, ner="GPE"))[0].label for n in ("Burma", "Swaziland")]
['Myanmar', 'Eswatini']
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from kgraph.link.gazetteer import Country, Gazetteer
from kgraph.link.kinds import phrase_head
from kgraph.model import Entity, LinkMethod, Mention
from kgraph.ontology import Linking, Ontology, normalize_name
from kgraph.vocab import slugify

if TYPE_CHECKING:
    from kgraph.link.context import ArticleContext

__all__ = ["NameResolver"]

#: (entity, method, score)
Found = tuple[Entity, LinkMethod, float]

_GENERIC_CLASS = "Concept"
_PLACE_LABELS = frozenset({"GPE", "LOC"})
#: A fuzzy score from which spaCy's entity label no longer restricts the class.
_CLASS_BLIND = 95.0
_CODE_LABELS = frozenset({"GPE", "ORG", "NORP", None})
#: How many names the resolver's caches keep (least recently used go first).
_CACHED_NAMES = 1 << 14


class NameResolver:
    """The context-free part of linking (cached per name: names repeat across articles)."""

    def __init__(self, ontology: Ontology, rules: Linking, gazetteer: Gazetteer) -> None:
        self.ontology = ontology
        self.rules = rules
        self.gazetteer = gazetteer  # read only: Gazetteer.of(rules) holds the rules' demonyms
        self._countries: dict[str, Entity] = {}
        #: Countries that demonym entities are affiliated with, by key (to describe them).
        self.affiliates: dict[str, Entity] = {}
        people = [e for e in ontology.entities if e.cls == "Person" and " " in e.label]
        surnames: dict[str, list[Entity]] = {}
        for person in people:
            surnames.setdefault(normalize_name(person.label.split()[-1]), []).append(person)
        self._catalog_surnames = {k: v[0] for k, v in surnames.items() if len(v) == 1}
        self._fuzzy_names, self._fuzzy_targets = self._fuzzy_index()
        self._compatible = _compatible_classes(ontology)
        # bounded caches: a name is stripped by every lookup of it, and recurs in many articles
        self._strip_cached = functools.lru_cache(maxsize=_CACHED_NAMES)(self._strip)
        self._fuzzy_cached = functools.lru_cache(maxsize=_CACHED_NAMES)(self._fuzzy)

    # ------------------------------------------------------------------ lookups
    def lookup(self, name: str, mention: Mention) -> Found | None:
        """Catalog, demonym phrase, gazetteer country or city: a known thing, or None."""
        stripped, _role = self.strip(name)
        for candidate in dict.fromkeys((name, mention.text, stripped)):
            found = self.ontology.lookup(candidate) if candidate else None
            if found is not None:
                return found, LinkMethod.CATALOG, 1.0
        demonym = self.demonym_phrase(name)
        if demonym is not None:
            return demonym
        if name[:1].isupper():
            country = self.gazetteer.country(name)
            if country is not None:
                return self.country_entity(country), LinkMethod.GAZETTEER, 1.0
            if mention.ner in _CODE_LABELS and name == mention.key_span.text.strip():
                country = self.gazetteer.country_by_code(name)
                if country is not None:
                    return self.country_entity(country), LinkMethod.GAZETTEER, 0.9
            city = self.gazetteer.city(name)
            big = self.rules.big_city_population
            if city is not None and (
                (mention.ner in _PLACE_LABELS and city.population >= self.rules.city_population)
                or city.population >= big
            ):
                entity = self.ontology.lookup(city.label) or Entity(
                    slugify(normalize_name(city.label)), city.label, "City"
                )
                return entity, LinkMethod.GAZETTEER, 1.0
        return None

    def strip(self, name: str) -> tuple[str, str | None]:
        """A name without its titles ("Armenian Prime Minister Nikol Pashinyan")."""
        return self._strip_cached(name)

    def _strip(self, name: str) -> tuple[str, str | None]:
        stripped, role = self.rules.strip_title(name)
        words = name.split()
        if role is None and len(words) > 2 and self._demonym_target(words[0]) is not None:
            rest, role = self.rules.strip_title(" ".join(words[1:]))
            if role is not None:
                return rest, role
        return stripped, role

    def full_person(self, name: str, ner: str | None) -> tuple[Entity, str, str | None] | None:
        """A person named in full: (entity, surname, role); None for anything else."""
        stripped, role = self.strip(name)
        words = stripped.split()
        if (ner != "PERSON" and role is None) or len(words) < 2 or len(words) > 4:
            return None
        if not all(w[:1].isupper() or _particle(w) for w in words) or _particle(words[0]):
            return None  # "Osama bin Laden", "Ludwig van Beethoven" keep their particle
        entity = self.ontology.lookup(stripped) or Entity(
            slugify(normalize_name(stripped)), stripped, "Person"
        )
        if entity.cls != "Person":
            return None
        return entity, words[-1], role

    def short_name(
        self, name: str, mention: Mention, context: ArticleContext | None
    ) -> Found | None:
        """A surname alone: the article's person of that surname, or a catalog person's."""
        stripped, _role = self.strip(name)
        surname = _surname(stripped)
        if surname is None:
            return None
        if context is not None:
            found = context.person(surname, mention.start)
            if found is not None and _ends_with(found[0].label, stripped):
                return found[0], LinkMethod.SHORT_NAME, found[1]
        person = self._catalog_surnames.get(normalize_name(surname))
        if person is not None and not _ends_with(person.label, stripped):
            person = None
        if person is not None and mention.ner in (None, "PERSON", "ORG", "GPE", "NORP"):
            return person, LinkMethod.SHORT_NAME, 0.85
        return None

    def fallback(self, name: str, mention: Mention, kind: str | None = None) -> Found:
        """A fuzzy match, else a new entity of spaCy's class (a person without titles), or
        of the ``kind`` the name's context gives ("the animation company Pixar")."""
        fuzzy = self.fuzzy(name, mention.ner) if kind is None else None
        if fuzzy is not None:
            return fuzzy
        stripped, role = self.strip(name)
        cls = kind or self.ontology.ner_classes.get(mention.ner or "")
        if _possessed(name) and (role is not None or cls == "Person"):
            cls, role = None, None  # "Yasser Arafat's bid" is a bid, not a person
        if cls is not None or role is not None:
            label = stripped if (role or cls == "Person") else name
            entity = Entity(slugify(normalize_name(label)), label, cls or "Person")
            return entity, LinkMethod.NER, 0.7
        words = phrase_head(name)  # "contract to supply the Royal Air Force": a contract
        head = self.rules.head_class(words[-2:]) or self.rules.head_class(words[-1:])
        cls = head if head not in (None, "state") else _GENERIC_CLASS
        usual = self.rules.usual_wording(name)  # "mine blast" and "mine explosion": one node
        return Entity(slugify(normalize_name(usual)), usual, cls), LinkMethod.NEW, 0.5

    # ------------------------------------------------------------------ demonyms
    def demonym_phrase(self, name: str) -> Found | None:
        """ "Azerbaijani forces", "Armenia's authorities", "(ethnic) Armenians"."""
        words = name.split()
        people = bool(words) and words[0].lower() in self.rules.people_prefixes
        if people:
            words = words[1:]
        if not words:
            return None
        if len(words) == 1:
            return self._people(words[0]) if words[0][:1].isupper() else None
        target = self._demonym_target(words[0])
        if target is None:
            return None
        rest = words[1:]
        cls = self.rules.head_class(rest)
        if cls is None:
            people_of = self._people(" ".join(rest)) if len(rest) == 1 else None
            if people_of is None:
                return None
            cls = "Group"
        if cls == "state":
            return target, LinkMethod.DEMONYM, 0.85
        adjective = self._demonym_label(target) or words[0].removesuffix("'s").removesuffix("’s")
        label = " ".join([adjective, *rest])
        known = self.ontology.lookup(label)
        if known is None and not people:  # "ethnic Armenian forces" are not the state's
            known = self._armed_forces(cls, rest, adjective, target)
        if known is not None:
            return known, LinkMethod.CATALOG, 1.0
        state_organ = cls in ("MilitaryForce", "GovernmentBody") and not people
        affiliation = target.key if state_organ else None
        self.affiliates[target.key] = target
        if people:  # "ethnic Armenian forces" are a people's, not the state's
            label = " ".join([name.split()[0], label])
        entity = Entity(slugify(normalize_name(label)), label, cls, affiliation=affiliation)
        return entity, LinkMethod.DEMONYM, 0.9

    def _armed_forces(
        self, cls: str, rest: list[str], adjective: str, target: Entity
    ) -> Entity | None:
        """The catalog's armed forces of a state for "Russian forces", "Russian troops"."""
        heads = self.rules.armed_forces_heads
        if cls != "MilitaryForce" or normalize_name(" ".join(rest)) not in heads:
            return None
        for pattern in self.rules.armed_forces_labels:
            found = self.ontology.lookup(pattern.format(demonym=adjective, country=target.label))
            if found is not None and found.cls == "MilitaryForce":
                return found
        return None

    def _people(self, word: str) -> Found | None:
        """A people named by a plural demonym ("Armenians"): a Group."""
        code = self.gazetteer.demonym(word)
        singular = word[:-1] if word.endswith("s") else None
        if code is None or singular is None or self.gazetteer.demonym(singular) != code:
            return None
        return Entity(slugify(normalize_name(word)), word, "Group"), LinkMethod.DEMONYM, 0.9

    def _demonym_target(self, word: str) -> Entity | None:
        """The country (or catalog place) of a singular demonym or a possessive name."""
        bare = word.removesuffix("'s").removesuffix("’s")
        if bare != word:  # "Azerbaijan's forces"
            found = self.ontology.lookup(bare)
            if found is not None and found.cls in ("Country", "Region"):
                return found
            country = self.gazetteer.country(bare)
            return self.country_entity(country) if country else None
        extra = self.rules.demonyms.get(word)
        if extra is not None and extra not in self.gazetteer.countries:
            return next((e for e in self.ontology.entities if e.key == extra), None)
        code = self.gazetteer.demonym(word)
        if code is None or (word.endswith("s") and self.gazetteer.demonym(word[:-1]) == code):
            return None  # a plural names a people, not the country's things
        return self.country_entity(self.gazetteer.countries[code])

    def _demonym_label(self, target: Entity) -> str | None:
        country = self.gazetteer.country(target.label)
        return self.gazetteer.demonym_label(country.code) if country else None

    # ------------------------------------------------------------------ countries
    def country_entity(self, country: Country) -> Entity:
        """The catalog entity of a gazetteer country, or a new Country entity."""
        known = self._countries.get(country.code)
        if known is None:
            found = map(self.ontology.lookup, (country.label, *country.names))
            known = next(
                (e for e in found if e is not None and e.cls == "Country"),
                Entity(slugify(normalize_name(country.label)), country.label, "Country"),
            )
            self._countries[country.code] = known
        return known

    def government_of_seat(self, entity: Entity) -> Entity | None:
        """The government a capital or seat of government stands for, or None."""
        code = self.rules.seats.get(normalize_name(entity.label))
        if code is None and entity.cls == "City":
            code = self.gazetteer.capital_of(entity.label)
        if code is None or code not in self.gazetteer.countries:
            return None
        state = self.country_entity(self.gazetteer.countries[code])
        return self.ontology.lookup(f"Government of {state.label}") or state

    # ------------------------------------------------------------------ fuzzy
    def fuzzy(self, name: str, ner: str | None) -> Found | None:
        """The closest catalog or gazetteer name of a compatible class above the threshold."""
        if len(name) < self.rules.fuzzy_min_length or not name[:1].isupper():
            return None
        return self._fuzzy_cached(normalize_name(name), ner)

    def _fuzzy(self, query: str, ner: str | None) -> Found | None:
        allowed = self._compatible.get(ner or "")
        matches = process.extract(
            query,
            self._fuzzy_names,
            scorer=fuzz.ratio,
            score_cutoff=self.rules.fuzzy_threshold,
            limit=5,
        )
        for matched, score, index in matches:
            entity = self._fuzzy_targets[index]
            if allowed is not None and entity.cls not in allowed and score < _CLASS_BLIND:
                continue  # spaCy's small model mislabels names, so a near-exact one may pass
            if _derived(matched, query):
                continue  # "Armenia" / "Armenian": a suffix makes another word
            if matched[:1] != query[:1]:
                continue  # a misspelling keeps the first letter: "Olivia" is not "Bolivia"
            return entity, LinkMethod.FUZZY, round(score / 100, 3)
        return None

    def _fuzzy_index(self) -> tuple[list[str], list[Entity]]:
        names: list[str] = []
        targets: list[Entity] = []
        for entity in self.ontology.entities:
            for name in (entity.label, *entity.aliases):
                names.append(normalize_name(name))
                targets.append(entity)
        for name, _cls, code in self.gazetteer.names():
            if _cls == "Country":
                names.append(name)
                targets.append(self.country_entity(self.gazetteer.countries[code]))
        return names, targets


def _possessed(name: str) -> bool:
    """A thing a possessive names ("Yasser Arafat's bid", "the workers' union")."""
    return _POSSESSIVE.search(name) is not None


_POSSESSIVE = re.compile(r"\w(?:'s|’s|s'|s’)\s+\w")


def _particle(word: str) -> bool:
    """A short lowercase word inside a person's name: "bin", "van", "de", "al"."""
    return word.isalpha() and word.islower() and len(word) <= 3


def _surname(name: str) -> str | None:
    """The last word of a surname alone: "Pashinyan", or one with lowercase particles
    before it ("bin Laden", "van Gogh", "al-Assad"); None for anything else."""
    words = name.split()
    if not words or not words[-1][:1].isupper():
        return None
    if len(words) > 1 and not all(_particle(w) for w in words[:-1]):
        return None  # "Nikol Pashinyan": a full name
    return words[-1]


def _ends_with(label: str, name: str) -> bool:
    """Whether a full name ends with the (shorter) name: "Osama bin Laden", "bin Laden"."""
    full, short = normalize_name(label).split(), normalize_name(name).split()
    return len(full) > len(short) and full[-len(short) :] == short


#: Endings that make another word of a name: a demonym or a plural.
_DERIVING_SUFFIXES = ("n", "ns", "i", "is", "s", "es", "an", "ans", "ian", "ians", "ese", "ish")


def _derived(one: str, other: str) -> bool:
    """Whether one name is the other plus a demonym or plural ending."""
    short, long = sorted((one, other), key=len)
    return long.startswith(short) and long[len(short) :] in _DERIVING_SUFFIXES


def _compatible_classes(ontology: Ontology) -> dict[str, frozenset[str]]:
    """spaCy labels and the classes a fuzzy match may have for them (from the class tree)."""
    places = ontology.subclasses_of("Place")
    routes, facilities = ontology.subclasses_of("Route"), ontology.subclasses_of("Facility")
    return {
        "PERSON": ontology.subclasses_of("Person"),
        "GPE": places - routes - facilities,  # a country, region or city
        "LOC": places - facilities,
        "ORG": ontology.subclasses_of("Organization"),
        "NORP": ontology.subclasses_of("Group"),
        "FAC": facilities | routes | {"Place"},
        "EVENT": ontology.subclasses_of("Event"),
    }
