"""What the words of a name and beside it say it is: a company, a product, a unit.

spaCy's small model calls "Pixar" and "Ryanair" people and "Cisco" a place; the
article often says better ("the animation company Pixar"). :func:`name_kind`
reads those words with the ``[kinds]`` and ``[organisations]`` tables of
``linking.toml``; :func:`unit_after_number` tells a unit ("a 16 GB") from a
country's code. The shapes of a name's words (a model number, camel case, a phrase's
head) are in :mod:`~kgraph.link.kinds.shapes`; the class a name takes from the phrase it
is set beside (a title, a naming noun, another name) in
:mod:`~kgraph.link.kinds.appositions`.
"""

from __future__ import annotations

import dataclasses
import re

from kgraph.link.kinds.appositions import APPOSITION_CLOSED, apposed_to_title, given_kind, line_kind
from kgraph.link.kinds.shapes import (
    CAMEL,
    MODEL_NUMBER,
    PREPOSITIONS,
    YEAR,
    own_kind,
    phrase_head,
)
from kgraph.link.words import display_name
from kgraph.model import Mention, Span
from kgraph.ontology import Linking, normalize_name

__all__ = [
    "brand_noun",
    "description_noun",
    "idiom",
    "introduced_noun",
    "name_kind",
    "own_kind",
    "phrase_head",
    "product_name",
    "proper_name",
    "relative_apposition",
    "unit_after_number",
    "with_model_number",
    "with_number_after",
]

#: A relative clause of place after a name: "Benares, where devout Hindus come".
_WHERE = re.compile(r",\s+where\b")
#: The word right after a name, and an adverb before it: "Ntini batted", "he only batted".
_VERB_AFTER = re.compile(r"\s+(?:[a-z]+ly\s+)?([a-z]+)\b")
#: The lowercase words right before a name, with a comma: "the animation company Pixar",
#: "low cost airline, Ryanair".
_WORDS_BEFORE = re.compile(r"(?:([a-z][a-z\-]*)\s+)?([a-z][a-z\-]*),?\s+$")
#: An apposition after a name, up to its head noun: "Tiger, the newest version of ...".
_APPOSITION = re.compile(
    r"(?:,|\s+(?:is|was|are|were|became|remains))"
    r"\s+(?:the|an?|its|their)\s+((?:[\w\-]+\s+){0,3}?[\w\-]+)"
    r"(?=\s+(?:of|that|which|who|for|from|in|with|by|at|on)\b|[,.;:)]|$)"
)


def name_kind(text: str, mention: Mention, rules: Linking) -> str | None:
    """The class the words of a name and beside it give it, or None.

    A model number or version ending the name makes a Product ("Boeing 787", "iPhone
    3GS"), a company suffix an Organization ("Cisco Systems Inc"); else the noun that
    names it ("a task manager named Mission Control") or the name it is another name of
    ("The Boeing 787, or Dreamliner"); a person's title or role it is apposed to ("Ryanair
    CEO, Michael O' Leary, said": a Person); a noun of ``rules.kinds`` right before the
    name ("the animation company Pixar", "airline, Ryanair") or heading its apposition
    ("Tiger, the newest version of Mac OS X"); a product it is a line of ("Mac OS X Lion"
    after "the Mac OS X operating system").

    >>> from kgraph.ontology import load_ontology
    >>> rules = load_ontology().linking
    >>> text = "Disney owns the animation studio Pixar."
    >>> name_kind(text, Mention("Pixar", 33, 38), rules)
    'Organization'
    >>> name_kind("Pixar", Mention("Pixar", 0, 5), rules) is None
    True
    """
    head = mention.key_span
    words = display_name(head.text).split()
    own = own_kind(display_name(head.text), mention.ner, rules)
    if own is not None:
        return own
    after = text[head.end : head.end + 80]
    following = after.split(maxsplit=1)[:1] if after[:1].isspace() else []
    if any(w in rules.organisation_suffixes for w in [*words[-1:], *following]):
        return "Organization"
    window = text[max(0, head.start - 120) : head.start]
    named = any(ch.isupper() for ch in head.text)  # not "better service, better pay"
    given = given_kind(window, rules) if named else None
    if given is not None:
        return given
    person_like = len(words) > 1 or mention.ner == "PERSON"  # "Mark Chandler", not "Apple"
    closed = APPOSITION_CLOSED.match(text, head.end) is not None
    if person_like and closed and apposed_to_title(window, rules):
        return "Person"
    before = _WORDS_BEFORE.search(window[-40:])
    if before is not None and named:
        pair = " ".join(w for w in before.groups() if w)
        kind = rules.kinds.get(normalize_name(pair)) or rules.kinds.get(before.group(2))
        if kind is not None:
            return kind
    context = _context_kind(after, rules)
    if context is not None:
        return context
    apposition = _APPOSITION.match(after)
    if apposition is None or _governed_copula(text, head, apposition.group(0)):
        return line_kind(text, words, rules)
    phrase = normalize_name(apposition.group(1)).split()
    return rules.kinds.get(" ".join(phrase[-2:])) or rules.kinds.get(phrase[-1]) if phrase else None


def _governed_copula(text: str, head: Span, apposition: str) -> bool:
    """A copula after a name that a preposition governs says what the sentence's subject
    is, not the name: "The iPhone developed by Cisco is a device" (not "Cisco is")."""
    return not apposition.startswith(",") and _governed(text, head)


def _context_kind(after: str, rules: Linking) -> str | None:
    """The class the words right after a name give it: a place's relative clause
    ("Benares, where ..."), a verb only people do ("Ntini batted")."""
    if _WHERE.match(after):
        return "Place"
    verb = _VERB_AFTER.match(after)
    return "Person" if verb is not None and verb.group(1) in rules.person_verbs else None


def with_model_number(mention: Mention) -> Mention:
    """The mention with its head name running on over the model number after it.

    spaCy often tags only "Boeing" of "the Boeing 787" and "iPhone" of "iPhone 4": the
    product is the name with its number, never the company. A number that counts the
    word after it ("iPhone 4 users") or a year is no model number.

    >>> from kgraph.model import Span
    >>> with_model_number(Mention("the Boeing 787", 0, 14, head=Span("Boeing", 4, 10))).key_span
    Span(text='Boeing 787', start=4, end=14)
    >>> m = Mention("fewer iPhone 4 users", 0, 20, head=Span("iPhone", 6, 12))
    >>> with_model_number(m).key_span.text
    'iPhone'
    """
    head = mention.key_span
    if head.end >= mention.end or not head.text[:1].isalpha() or head.text.islower():
        return mention
    after = mention.text[head.end - mention.start :]
    if not after[:1].isspace():
        return mention
    number, *rest = after.split(maxsplit=2)
    if not MODEL_NUMBER.fullmatch(number) or YEAR.fullmatch(number) or number.isalpha():
        return mention
    if rest and rest[0][:1].islower():
        return mention  # "iPhone 4 users": four users, or users of the iPhone 4
    end = head.end + after.index(number) + len(number)
    name = mention.text[head.start - mention.start : end - mention.start]
    return dataclasses.replace(mention, head=Span(name, head.start, end))


#: A model number right after a mention's last word: "The Boeing| 787, or Dreamliner".
_NUMBER_AFTER = re.compile(r"[ \t]+(" + MODEL_NUMBER.pattern + r")(?=[,.;:)]|\s+[^a-z\s]|\s*$)")


def with_number_after(mention: Mention, text: str) -> Mention:
    """The mention run on over a model number the text has right after it, when spaCy's
    chunk stops at the name: "The Boeing" of "The Boeing 787, or Dreamliner, is ..." is
    the plane. A year ("Boeing 2007"), a number counting the word after it ("Boeing 787
    orders") and a mention that does not end in a name are left alone.

    >>> text = "The Boeing 787, or Dreamliner, is an airliner."
    >>> with_number_after(Mention("The Boeing", 0, 10, head=Span("Boeing", 4, 10)), text).text
    'The Boeing 787'
    >>> with_number_after(Mention("Boeing", 0, 6), "Boeing 2007 profits fell.").text
    'Boeing'
    """
    head = mention.key_span
    if head.end != mention.end or not head.text[:1].isupper():
        return mention
    match = _NUMBER_AFTER.match(text, mention.end)
    if match is None or YEAR.fullmatch(match.group(1)):
        return mention
    end = match.end(1)
    extra = text[mention.end : end]
    grown = Span(head.text + extra, head.start, end)
    return dataclasses.replace(mention, text=mention.text + extra, end=end, head=grown)


#: The words between a name and its apposition, or a description and its name: ", ".
_APPOSITION_COMMA = re.compile(r"\s*,\s+")
#: Determiners that open an apposition: "iCloud, a service that ...".
_APPOSITION_OPENERS = ("a ", "an ", "the ")
#: A relative clause right after a mention: "an enclave that belongs to Azerbaijan".
_RELATIVE_AFTER = re.compile(r",?\s+(?:that|which|who|whose)\b")


def description_noun(text: str) -> str | None:
    """The head noun of a description in lowercase words, or None: "a service" of "a
    service that syncs data", "version" of "the new version of Mac OS X", "offering" of
    "Apple's new cloud services offering"; None for a name ("the Mac OS X").

    >>> [description_noun(t) for t in ("the new version of Mac OS X", "Aer Lingus", "an enclave")]
    ['version', None, 'enclave']
    """
    words = phrase_head(display_name(text))
    head = words[-1] if words else ""
    return head.lower() if head.isalpha() and head.islower() else None


def introduced_noun(text: str, name: Span, other: Span) -> str | None:
    """The noun a mention ``other`` next to a name says the name is, or None.

    Three ways: the name ends a noun phrase with the noun right before it ("Irish national
    airline Aer Lingus", "his widow Olivia"); an apposition after the name ("iCloud, a
    service that ...", "Lion, the new version of ..."); an apposition before it ("Apple's
    new cloud services offering, iCloud"). A name only modifying a noun ("the Air Canada
    deal") is not said to be that noun.

    >>> text = "Irish airline Aer Lingus and iCloud, a service that syncs data."
    >>> introduced_noun(text, Span("Aer Lingus", 14, 24), Span("Irish airline Aer Lingus", 0, 24))
    'airline'
    >>> introduced_noun(text, Span("iCloud", 29, 35), Span("a service", 37, 46))
    'service'
    >>> introduced_noun(text, Span("iCloud", 29, 35), Span("data", 57, 61)) is None
    True
    """
    if other.start < name.start and other.end == name.end:  # "airline Aer Lingus"
        before = text[other.start : name.start].split()
        word = before[-1] if before else ""
        return word if word.isalpha() and word.islower() else None
    if _APPOSITION_COMMA.fullmatch(text[name.end : other.start]):  # "iCloud, a service"
        opened = other.text.lower().startswith(_APPOSITION_OPENERS)
        return description_noun(other.text) if opened and not _governed(text, name) else None
    if _APPOSITION_COMMA.fullmatch(text[other.end : name.start]):  # "... offering, iCloud"
        closed = _CLOSED.match(text, name.end) is not None  # not "This week, Apple said"
        return description_noun(other.text) if closed else None
    return None


#: Punctuation that closes an apposition right after its name.
_CLOSED = re.compile(r"\s*(?:[,.;:)]|$)")


def _governed(text: str, name: Span) -> bool:
    """Whether a preposition comes right before the name ("In Kabul, the official said")."""
    before = text[max(0, name.start - 20) : name.start].split()[-1:]
    return bool(before) and before[0].lower() in PREPOSITIONS


#: A brand name before a final common noun in one noun phrase: "a new iCloud service".
_BRAND_NOUN = re.compile(r"(?:^|\s)((?:[A-Z]|[a-z]+[A-Z])[\w\-]*(?:\s+[A-Z][\w\-]*)*)\s+([a-z]+)$")


def brand_noun(text: str) -> tuple[str, str] | None:
    """The name and the noun of a phrase that ends in a name and a common noun ("a new
    iCloud service": iCloud, service), or None. The name may be only a modifier ("the
    Air Canada deal"): :meth:`~kgraph.link.context.ArticleContext.introduced_as` takes
    it for the noun only when the name is a product's or a work's.

    >>> brand_noun("a new iCloud service"), brand_noun("the new service")
    (('iCloud', 'service'), None)
    """
    match = _BRAND_NOUN.search(display_name(text))
    return (match.group(1), match.group(2)) if match else None


def product_name(name: str) -> bool:
    """A name that reads as a product's: a model number or version at its end, or camel
    case ("A380", "Trent 900", "iPhone"); not a company's ("Airbus") nor a year.

    >>> [product_name(n) for n in ("A380", "iPhone", "Airbus", "Boeing 2007")]
    [True, True, False, False]
    """
    words = name.split()
    last = words[-1] if words else ""
    numbered = MODEL_NUMBER.fullmatch(last) is not None and not YEAR.fullmatch(last)
    return bool(words) and (numbered or CAMEL.match(name) is not None)


def relative_apposition(text: str, mention: Span, name: Span) -> bool:
    """Whether an indefinite ``mention`` is the apposition of the ``name`` before it, with
    a relative clause: "Nagorno-Karabakh, an enclave that belongs to Azerbaijan" (the
    clause is said of Nagorno-Karabakh); not after a preposition ("In Kabul, a bomb that
    ...": the bomb is no Kabul).

    >>> text = "It is Nagorno-Karabakh, an enclave that belongs to Azerbaijan."
    >>> relative_apposition(text, Span("an enclave", 24, 34), Span("Nagorno-Karabakh", 6, 22))
    True
    >>> text = "In Kabul, a bomb that was hidden in a car exploded."
    >>> relative_apposition(text, Span("a bomb", 10, 16), Span("Kabul", 3, 8))
    False
    """
    if not mention.text.lower().startswith(("a ", "an ")):
        return False
    if not _APPOSITION_COMMA.fullmatch(text[name.end : mention.start]) or _governed(text, name):
        return False
    return _RELATIVE_AFTER.match(text, mention.end) is not None


def proper_name(name: str, rules: Linking) -> str:
    """A name without the plain lowercase words before it: "final Boeing" is Boeing,
    "confidential Singapore Airlines" Singapore Airlines ("will be kept confidential
    Singapore Airlines is ..."). A particle ("al Qaeda", "bin Laden"), a people's prefix
    ("ethnic Armenians"), a number ("two Britons") and a phrase that ends in a common noun
    ("new iPhone model") stay.

    >>> from kgraph.ontology import load_ontology
    >>> rules = load_ontology().linking
    >>> [proper_name(n, rules) for n in ("final Boeing", "ethnic Armenians", "al Qaeda")]
    ['Boeing', 'ethnic Armenians', 'al Qaeda']
    """
    words = name.split()
    lead = 0
    while lead < len(words) and words[lead].isalpha() and words[lead].islower():
        if len(words[lead]) <= 3 or words[lead] in rules.people_prefixes | rules.generic_numbers:
            return name  # "al Qaeda", "bin Laden": a particle of the name
        lead += 1
    rest = words[lead:]
    if not lead or not rest or not all(w[:1].isupper() or CAMEL.match(w) for w in rest):
        return name
    return " ".join(rest)


def idiom(mention: Mention, text: str, rules: Linking) -> bool:
    """A bare noun that only makes an idiom with the preposition before it ("remained in
    force", "is in place", "on board"): no entity of its class.

    >>> from kgraph.ontology import load_ontology
    >>> rules = load_ontology().linking
    >>> idiom(Mention("force", 26, 31), "The sanctions remained in force.", rules)
    True
    >>> idiom(Mention("force", 18, 23), "Russia deployed a force in Syria.", rules)
    False
    """
    head = mention.key_span
    words = phrase_head(head.text)  # "force in the ACT" of "a ban is in force in the ACT"
    if len(words) != 1 or not words[0].islower():
        return False
    before = text[max(0, head.start - 12) : head.start].split()[-1:]
    return bool(before) and normalize_name(f"{before[0]} {words[0]}") in rules.idioms


def unit_after_number(mention: Mention, text: str = "") -> bool:
    """A unit after a number ends the mention ("a 16 GB", "the 8GB"): no name, not the UK.

    ``text`` is the article's, for a mention of the unit alone ("GB" of "4GB"). "3 US
    soldiers" goes on after its head and keeps it.

    >>> from kgraph.model import Span
    >>> unit_after_number(Mention("a 16 GB", 0, 7, head=Span("GB", 5, 7)))
    True
    >>> unit_after_number(Mention("GB", 1, 3), "4GB")
    True
    >>> unit_after_number(Mention("3 US soldiers", 0, 13, head=Span("US", 2, 4)))
    False
    """
    head = mention.key_span
    before = mention.text[: head.start - mention.start].rstrip()
    if not before and text:
        before = text[max(0, head.start - 12) : head.start].rstrip()
    short = len(head.text) <= 3 and head.text.isalpha()
    return short and head.end == mention.end and before[-1:].isdigit()
