"""What an article tells the linker about its own names: aliases, people, antecedents.

Before the facts of an article are linked, one pass over its named entities and
noun chunks (in text order; extraction hands them over as
:attr:`~kgraph.model.ParsedArticle.mentions`) collects

- aliases the text introduces: "the UN Security Council (UNSC)", "Stepanakert,
  known as Khankendi", "X, also called Y", "X, which Azerbaijan calls Y";
- the people named in full, by surname, for later short names ("Pashinyan");
- a discourse model: every linked mention with its position, class, number and
  whether it is a subject, for pronouns ("it", "they", "he") and definite
  descriptions ("the country", "the ministry").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from kgraph.link.descriptions import (
    COORDINATION,
    apposition_head,
    branded,
    earlier_it,
    introduce,
    introduced_as,
    names_a_thing,
)
from kgraph.link.descriptions import group_antecedents as _group_antecedents
from kgraph.link.kinds import name_kind, with_number_after
from kgraph.link.words import (
    display_name,
    personal_noun,
    plausible_alias,
    pronoun_agrees,
    salient,
)
from kgraph.model import Entity, Mention, NameMention, Span
from kgraph.ontology import Linking, Ontology, normalize_name

if TYPE_CHECKING:
    from kgraph.link import Link, Linker

__all__ = ["ArticleContext", "Named", "Pronouns", "pronoun_classes"]

_NAME = (
    r"(?:the\s+)?([A-Z][\w\-’'.]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w\-’'.]*){0,5}"
    r"(?:\s+[a-z]+(?=[,.;:)]))?)"  # a last common noun before punctuation: "Syunik route,"
)
_ALIAS_AFTER = (
    re.compile(r"^\s*\(\s*" + _NAME.replace("(?:the\\s+)?", "") + r"\s*\)"),
    re.compile(r"^,?\s+(?:also\s+|better\s+|formerly\s+)?(?:known|referred\s+to)\s+as\s+" + _NAME),
    re.compile(r"^,?\s+(?:also\s+)?called\s+" + _NAME),
    re.compile(r"^,\s+which\s+(?:[\w’'\-]+\s+){1,4}?calls?\s+" + _NAME),
)
#: A proper name set beside a description: "the capital, Kabul", "both sides, Israel and ...".
_APPOSED_NAME = re.compile(r"[\"”’']?\s*,?\s+[\"“]?(?=[A-Z])")
_QUALIFIER = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?[A-Z][\w\-’']+(?:\s+[A-Z][\w\-’']+)?")
#: The classes an antecedent of a pronoun may have, and its number ("s" singular, "p" plural).
Pronouns = Mapping[str, tuple[frozenset[str], str]]


def pronoun_classes(ontology: Ontology) -> Pronouns:
    """What each pronoun may stand for, from the class tree of ``kgraph.ttl``.

    "he"/"she" a person; "they" a group, an organization or people; "it" any other
    entity (a place, an organization, an event, a work, a concept).
    """
    people, groups = ontology.subclasses_of("Person"), ontology.subclasses_of("Group")
    organizations = ontology.subclasses_of("Organization")
    things = ontology.subclasses_of("Entity") - people - groups - {"Entity"}
    return MappingProxyType(
        {
            **dict.fromkeys(("he", "him", "she", "her"), (people, "s")),
            "it": (things, "s"),
            **dict.fromkeys(("they", "them"), (organizations | groups | people, "p")),
        }
    )


@dataclass(frozen=True)
class Named:
    """A linked mention in the discourse."""

    start: int
    end: int
    sentence: int
    entity: Entity
    plural: bool
    subject: bool
    text: str = ""
    #: a common noun naming a person or a generic head ("the poor man", "a spokesman",
    #: "the total"): never what "it" stands for
    personal: bool = False

    @property
    def span(self) -> Span:
        """The mention's words and offsets."""
        return Span(self.text, self.start, self.end)


@dataclass
class ArticleContext:
    """An article's aliases, people and discourse, built by :meth:`collect`."""

    sentence_starts: list[int]
    text: str = ""
    aliases: dict[str, Link] = field(default_factory=dict)
    alias_forms: list[tuple[Entity, str]] = field(default_factory=list)
    people: dict[str, list[tuple[int, Entity]]] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)  # entity key -> titles seen
    kinds: dict[str, str] = field(default_factory=dict)  # normalised name -> class, from context
    discourse: list[Named] = field(default_factory=list)
    pronoun_window: int = 3
    description_window: int = 6
    pronouns: Pronouns = field(default_factory=dict)
    rules: Linking | None = field(default=None, repr=False)
    #: the discourse's mentions of each entity, and the entities each name word occurs in
    #: (:meth:`partial_antecedent` looks up these instead of reading the whole discourse)
    _mentions: dict[Entity, list[tuple[int, int, int, Named]]] = field(
        default_factory=dict, repr=False
    )
    _names: dict[Entity, list[set[str]]] = field(default_factory=dict, repr=False)
    _word_entities: dict[str, set[Entity]] = field(default_factory=dict, repr=False)
    #: the names the article says are a noun ("airline" -> {"aer lingus"}), and whether
    #: only as a name before the noun ("a new iCloud service"): see
    #: :func:`~kgraph.link.descriptions.introduced_as`
    introduced: dict[str, dict[str, bool]] = field(default_factory=dict, repr=False)

    @classmethod
    def collect(
        cls,
        linker: Linker,
        text: str,
        sentences: Iterable[Span],
        mentions: Iterable[NameMention] = (),
    ) -> ArticleContext:
        """One pass over the article's names (its entities and noun chunks, from extraction)."""
        rules = linker.rules
        context = cls(
            sorted(s.start for s in sentences),
            text,
            pronoun_window=rules.pronoun_window,
            description_window=rules.description_window,
            pronouns=linker.pronouns,
            rules=rules,
        )
        spans = sorted(mentions, key=lambda m: (m.mention.start, -m.mention.end))
        for named in spans:  # people first: "Pashinyan" may come early
            linker.remember_person(context, named.mention)
            context.remember_kind(named.mention, rules)
        for named in spans:
            mention, plural, subject = named.mention, named.plural, named.subject
            mention = with_number_after(mention, text)  # "The Boeing" 787
            link = linker.resolve(mention, context)
            if link is None:
                continue
            context.find_alias(linker, text, mention, link)
            entity = branded(context, linker, mention) if link.entity.cls == "Concept" else None
            context.add(mention, entity or link.entity, plural, subject)
        return context

    def remember_kind(self, mention: Mention, rules: Linking) -> None:
        """Note what the words beside a name say it is, for all its mentions in the article."""
        name = display_name(mention.key_span.text)
        kind = name_kind(self.text, mention, rules)
        if kind is not None and normalize_name(name):
            self.kinds.setdefault(normalize_name(name), kind)

    def kind(self, name: str) -> str | None:
        """The class the article's words give a name ("Pixar" after "animation company")."""
        return self.kinds.get(normalize_name(name))

    def qualified(self, mention: Span) -> str | None:
        """The mention with the place phrase after it: "Ministry of Defense" + " in Baku"."""
        match = _QUALIFIER.match(self.text, mention.end)
        return mention.text + match.group(0) if match else None

    def sentence_initial(self, offset: int) -> bool:
        """Whether only punctuation comes before ``offset`` in its sentence."""
        if not self.sentence_starts:
            return False
        start = self.sentence_starts[self.sentence_of(offset)]
        return start <= offset and not any(ch.isalnum() for ch in self.text[start:offset])

    def sentence_of(self, offset: int) -> int:
        """The index of the sentence holding a character offset."""
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def add(self, mention: Span, entity: Entity, plural: bool, subject: bool) -> None:
        """Remember a linked mention as a possible antecedent."""
        sentence = self.sentence_of(mention.start)
        personal = self.rules is not None and personal_noun(entity, self.rules)
        named = Named(
            mention.start, mention.end, sentence, entity, plural, subject, mention.text, personal
        )
        if all((n.start, n.end) != (named.start, named.end) for n in self.discourse[-8:]):
            bisect.insort(self.discourse, named, key=lambda n: (n.start, n.end))
            self._index(named)
            introduce(self, named)

    def _index(self, named: Named) -> None:
        entity = named.entity
        if entity not in self._names:
            labels = (entity.label, *entity.aliases)
            names = [set(normalize_name(label).split()) for label in labels]
            self._names[entity] = names
            for word in set().union(*names):
                self._word_entities.setdefault(word, set()).add(entity)
        # (start, end, then the order of adding): the discourse's own order
        entry = (named.start, named.end, len(self.discourse), named)
        bisect.insort(self._mentions.setdefault(entity, []), entry, key=lambda e: e[:3])

    def before(self, offset: int) -> Iterator[Named]:
        """The discourse's mentions that end by ``offset``, latest first."""
        k = bisect.bisect_left(self.discourse, offset, key=lambda n: n.start)
        for i in range(k - 1, -1, -1):
            if self.discourse[i].end <= offset:
                yield self.discourse[i]

    def _latest_mention(self, entity: Entity, offset: int) -> tuple[int, int, int, Named] | None:
        """The entity's last mention in the discourse that ends by ``offset``."""
        entries = self._mentions.get(entity, [])
        k = bisect.bisect_left(entries, offset, key=lambda e: e[0])
        return next((entries[i] for i in range(k - 1, -1, -1) if entries[i][1] <= offset), None)

    def add_person(self, surname: str, start: int, entity: Entity, role: str | None) -> None:
        """Remember a person named in full, for their surname alone later."""
        entries = self.people.setdefault(normalize_name(surname), [])
        if all(known.key != entity.key or at != start for at, known in entries):
            bisect.insort(entries, (start, entity), key=lambda e: e[0])
        if role:
            self.roles.setdefault(entity.key, set()).add(normalize_name(role))

    def person(self, surname: str, offset: int) -> tuple[Entity, float] | None:
        """The person a surname at ``offset`` refers to, and how sure (0.9 unique, 0.7 not)."""
        entries = self.people.get(normalize_name(surname))
        if not entries:
            return None
        before = [entity for start, entity in entries if start <= offset]
        entity = before[-1] if before else entries[0][1]
        distinct = {e.key for _, e in entries}
        return entity, 0.9 if len(distinct) == 1 else 0.7

    def find_alias(self, linker: Linker, text: str, mention: Span, link: Link) -> None:
        """Register "X (Y)", "X, known as Y", ... when ``mention`` is the X."""
        after = text[mention.end : mention.end + 120]
        for pattern in _ALIAS_AFTER:
            match = pattern.match(after)
            if match is None:
                continue
            alias = match.group(1).strip(" .,")
            if plausible_alias(linker, mention.text, alias, link):
                self.aliases.setdefault(normalize_name(alias), link)
                self.alias_forms.append((link.entity, alias))
            return

    def antecedent(
        self, mention: Mention, *, avoid: str | None = None, subject: bool = True
    ) -> tuple[Named, float] | None:
        """The entity a pronoun refers to, if a plausible one precedes: the most salient
        one that agrees (:func:`~kgraph.link.words.salient`)."""
        word = mention.text.lower()
        if word not in self.pronouns:
            return None
        first = earlier_it(self, mention) if word == "it" else None
        if first is not None:  # "Tie it into a creek so that it's contained": one thing
            return self.antecedent(first, avoid=avoid, subject=subject)
        classes, number = self.pronouns[word]
        here = self.sentence_of(mention.start)
        window = here - self.pronoun_window
        fits = []
        for n in self.before(mention.start):
            if n.sentence < window:
                break  # the discourse is in text order: all earlier ones are out too
            if n.entity.key != avoid and pronoun_agrees(n, classes, number == "p", here):
                fits.append(n)
        fits.reverse()
        chosen = salient(fits, subject, here)
        return (chosen, 0.8 if chosen.sentence == here else 0.65) if chosen else None

    def head_antecedent(self, mention: Mention) -> Named | None:
        """ "the peacekeepers" after "Russian peacekeepers": a longer earlier name, same head;
        "the CEO" after "Apple CEO Steve Jobs": the person of that title (never a node named
        by the title: "interim CEO")."""
        words = normalize_name(mention.text).split()
        if mention.text.lower().startswith(("a ", "an ")):
            return apposition_head(self, mention)
        if not mention.text.lower().startswith("the ") or not words:
            return None
        if self.rules is not None and tuple(words) in self.rules.titles:
            return self._title_holder(words, mention.start)
        introduced = introduced_as(self, mention)
        if introduced is not None:
            return introduced
        found = self._longer_name_ending(words, mention.start)
        return found if found is not None and names_a_thing(found) else None

    def _title_holder(self, title: list[str], offset: int) -> Named | None:
        """The latest person of the window before ``offset`` named with ``title`` ("Apple
        CEO Steve Jobs": the name inside) or known to hold it."""
        window = self.sentence_of(offset) - self.description_window
        role, size = " ".join(title), len(title)
        for named in self.before(offset):
            if named.sentence < window:
                break
            words = normalize_name(named.text).split()
            titled = any(words[i : i + size] == title for i in range(len(words)))
            if named.entity.cls != "Person" or not (
                titled or role in self.roles.get(named.entity.key, ())
            ):
                continue
            inside = [n for n in self._people_within(named.start, named.end) if n != named]
            return inside[-1] if inside else named
        return None

    def _people_within(self, start: int, end: int) -> list[Named]:
        """The people named within ``start``-``end`` ("Steve Jobs" of "Apple CEO Steve Jobs")."""
        k = bisect.bisect_left(self.discourse, start, key=lambda n: n.start)
        found = []
        for named in self.discourse[k:]:
            if named.start >= end:
                break
            if named.end <= end and named.entity.cls == "Person":
                found.append(named)
        return found

    def _longer_name_ending(
        self, words: list[str], offset: int, classes: frozenset[str] | None = None
    ) -> Named | None:
        """The latest name of the window before ``offset`` (of ``classes``) that is longer
        than ``words`` and ends with them."""
        window = self.sentence_of(offset) - self.description_window
        for named in self.before(offset):
            if named.sentence < window:
                break
            if classes is not None and named.entity.cls not in classes:
                continue
            earlier = normalize_name(named.text).split()
            if len(earlier) > len(words) and earlier[-len(words) :] == words:
                return named
        return None

    def partial_antecedent(self, name: str, offset: int, classes: frozenset[str]) -> Named | None:
        """ "the Ministry of Defense" after "the Ministry of Defense of Azerbaijan" (named)."""
        words = set(normalize_name(name).split())
        if len(words) == 1:  # "the Commission" after "the European Commission"
            return self._longer_name_ending(list(words), offset, classes)
        if not words:
            return None
        # the latest mention of an entity of ``classes`` with a longer name holding the words
        holding = set.intersection(*(self._word_entities.get(w, set()) for w in words))
        latest = [
            self._latest_mention(entity, offset)
            for entity in holding
            if entity.cls in classes and any(words < other for other in self._names[entity])
        ]
        found = max((e for e in latest if e is not None), default=None, key=lambda e: e[:3])
        return found[3] if found else None

    def description_antecedent(
        self, classes: tuple[str, ...], contains: str | None, role: str | None, offset: int
    ) -> Named | None:
        """The most recent entity of ``classes`` (labelled ``contains``) before ``offset``;
        of a name and a shorter name inside it that both fit ("Azerbaijan's Foreign Ministry",
        "Foreign Ministry"), the whole name."""
        window = self.sentence_of(offset) - self.description_window
        found: Named | None = None
        for named in self.before(offset):
            if named.sentence < window or (found and named.sentence != found.sentence):
                break
            if found and not (named.start <= found.start and found.end <= named.end):
                continue  # only a mention around the one found can replace it
            if named.entity.cls not in classes:
                continue
            if contains and contains.lower() not in named.entity.label.lower():
                continue
            if role and normalize_name(role) not in self.roles.get(named.entity.key, set()):
                continue
            found = named
        return found

    def apposed(self, mention: Span) -> tuple[bool, list[Named]]:
        """Whether a proper name follows the mention as its apposition ("the capital, Kabul",
        "both sides", Israel and Palestine), and the discourse's entities named there, in
        order (one, or several written as "X and Y")."""
        match = _APPOSED_NAME.match(self.text, mention.end)
        if match is None:
            return False, []
        found: list[Named] = []
        at = match.end()
        while True:
            k = bisect.bisect_left(self.discourse, at, key=lambda n: n.start)
            named = self.discourse[k] if k < len(self.discourse) else None
            if named is None or named.start != at:
                return True, found
            found.append(named)
            joined = COORDINATION.match(self.text, named.end)
            if joined is None:
                return True, found
            at = joined.end()
            if self.text[at : at + 4].lower() == "the ":
                at += 4

    def apposed_person(self, mention: Span) -> Named | None:
        """The person named right after a role, as its apposition: "The former Chief
        Operating Officer, Tim Cook will ...", "Israeli Prime Minister, Ariel Sharon,
        returns" (a title word in the mention, one person after it; not "some 400 guests,
        including the Prime Minister, Mr. Lee": a list is no role)."""
        rules = self.rules
        if rules is None or "," in mention.text:
            return None
        if not any(rules.is_title(w) for w in mention.text.split()):
            return None
        within = self._people_within(mention.start, mention.end)
        if any((n.start, n.end) != (mention.start, mention.end) for n in within):
            return None  # "Foreign Minister Joschka Fischer, Colin Powell said": named already
        apposed, names = self.apposed(mention)
        if apposed and len(names) == 1 and names[0].entity.cls == "Person":
            return names[0]
        return None

    def group_antecedents(
        self, classes: tuple[str, ...], number: int, offset: int
    ) -> list[Named] | None:
        """The ``number`` entities of ``classes`` that "the two countries" at ``offset``
        means (:func:`~kgraph.link.descriptions.group_antecedents`)."""
        return _group_antecedents(self, classes, number, offset)
