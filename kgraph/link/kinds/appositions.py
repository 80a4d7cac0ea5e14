"""The class a name takes from the phrase it is set beside: a title, a noun, another name.

"Ryanair CEO, Michael O' Leary," is a person (a name apposed to a title or role); "a
dynamic task manager named Mission Control" a program (the noun that names it); "The
Boeing 787, or Dreamliner" the plane (the name it is another name of); "Mac OS X Lion"
after "the Mac OS X operating system" a product (a line of a product). Used by
:func:`kgraph.link.kinds.name_kind`.
"""

from __future__ import annotations

import re

from kgraph.link.kinds.shapes import CAMEL, PREPOSITIONS, own_kind, phrase_head
from kgraph.ontology import Linking, normalize_name

__all__ = ["APPOSITION_CLOSED", "apposed_to_title", "given_kind", "line_kind"]


def line_kind(text: str, words: list[str], rules: Linking) -> str | None:
    """Product when the name is a product line of a name of several words the article
    calls a product: "Mac OS X Lion" after "the Mac OS X operating system". A company's
    name ("Singapore Airlines", "Boeing") is never such a name."""
    if len(words) < 3 or any(w in rules.organisation_suffixes for w in words):
        return None
    if not all(w[:1].isupper() or w[:1].isdigit() or CAMEL.match(w) for w in words):
        return None  # a phrase ("drug reference service"), no name
    for size in range(len(words) - 1, 1, -1):
        prefix = r"\s+".join(map(re.escape, words[:size]))
        for match in re.finditer(_DETERMINED + prefix + r"\s+([a-z]+(?:\s+[a-z]+)?)\b", text):
            nouns = match.group(1).split()
            kind = rules.kinds.get(" ".join(nouns)) or rules.kinds.get(nouns[0])
            if kind == "Product":
                return kind
    return None


#: A determiner or a possessive right before a noun phrase: "the", "their", "Apple's".
_DETERMINED = r"(?:\b(?:the|a|an|its|their|his|her|our|this|that)|'s|’s)\s+"


#: A name given to the noun before it: "a dynamic task manager named Mission Control".
_NAMING = re.compile(
    r"(?:([a-z][a-z\-]*)\s+)?([a-z][a-z\-]*)\s+"
    r"(?:named|called|dubbed|nicknamed|(?:also\s+)?known\s+as)\s+[\"“']?$"
)
#: Another name of the thing named right before, after "or": "The Boeing 787, or Dreamliner".
_OR_NAME = re.compile(r"(?:^|\s)([\w\-]+(?:\s+[\w\-]+){0,3}),\s+or\s+$")
#: The comma that closes an apposed name, then the sentence going on ("Ryanair CEO, Michael
#: O'Leary, justified"), not a list's next item ("Burger King, Taco Bell, Pizza Hut and").
APPOSITION_CLOSED = re.compile(r"\s*,\s+(?!(?:and|or|nor)\b)[a-z]")
#: Words that open a clause or a phrase of time, never a noun phrase apposed to a name.
_CLAUSE_OPENERS = frozenset(
    {"after", "before", "when", "while", "if", "as", "because", "although", "though", "since",
     "until", "unless", "once", "whereas", "but", "and", "so", "yet", "then", "meanwhile"}
)  # fmt: skip


def given_kind(window: str, rules: Linking) -> str | None:
    """The class a name takes from the noun that names it ("a dynamic task manager named
    Mission Control": a program, no person) or from the name it is another name of ("The
    Boeing 787, or Dreamliner": the plane), or None."""
    naming = _NAMING.search(window)
    if naming is not None:
        pair = " ".join(w for w in naming.groups() if w)
        return rules.kinds.get(normalize_name(pair)) or rules.kinds.get(naming.group(2))
    alternative = _OR_NAME.search(window)
    if alternative is None:
        return None
    other = alternative.group(1).split()
    if other[-1].islower():  # "the airliner, or Dreamliner"
        return rules.kinds.get(normalize_name(" ".join(other[-2:]))) or rules.kinds.get(other[-1])
    start = next((i for i, w in enumerate(other) if w[:1].isupper()), len(other))
    return own_kind(" ".join(other[start:]), None, rules)


def apposed_to_title(window: str, rules: Linking) -> bool:
    """Whether a person's name follows, between commas, the title or role it holds:
    "Ryanair CEO, Michael O'Leary, said", "The Vice President and general counsel of the
    company, Mark Chandler, explained" (the head of the phrase, not "company"). The
    caller asks it only of a name that may be a person's (several words, or spaCy's
    PERSON): "The chairman of the firm, Apple, said" may name the firm."""
    if not window.rstrip().endswith(","):
        return False
    phrase = _phrase_before_comma(window)
    if _ends_in_title(phrase, rules):  # "... by the Israeli Foreign Minister, Shimon Peres,"
        return True
    if not phrase or phrase[0].lower() in _CLAUSE_OPENERS or phrase[0].lower() in PREPOSITIONS:
        return False  # "After meeting the head of the company, ...": a clause, no apposition
    head = phrase_head(" ".join(phrase))  # "The Vice President and general counsel" of ...
    conjuncts = re.split(r"\s+(?:and|or|&)\s+", " ".join(head))
    return len(head) < len(phrase) and any(_ends_in_title(c.split(), rules) for c in conjuncts)


def _phrase_before_comma(window: str) -> list[str]:
    """The words from the last punctuation up to the comma that ends ``window``."""
    return re.split(r"[.;:!?,()\"“”]", window.rstrip()[:-1])[-1].split()


def _ends_in_title(words: list[str], rules: Linking) -> bool:
    """Whether a phrase ends in a title or a person's role: "Ryanair CEO", "his lawyer"."""
    if words and words[-1].casefold() in rules.person_nouns:
        return True
    ends = (tuple(normalize_name(" ".join(words[-k:])).split()) for k in range(1, 5))
    return any(end in rules.titles for end in ends if end)
