"""What the words of a name look like: a model number, camel case, a phrase's head.

The shared shapes of :mod:`kgraph.link.kinds`: a model number or version ends a
product's name, camel case from a lowercase letter makes a product line, the words of a
noun phrase end before its complement.
"""

from __future__ import annotations

import re

from kgraph.ontology import Linking

__all__ = [
    "CAMEL",
    "COMPLEMENT_OPENERS",
    "MODEL_NUMBER",
    "PREPOSITIONS",
    "YEAR",
    "own_kind",
    "phrase_head",
]

#: A model number or version that ends a product's name: "787", "A380", "3GS", "10.4".
MODEL_NUMBER = re.compile(r"[A-Z]{0,3}\d{1,4}[A-Za-z]{0,3}|\d+(?:\.\d+)+")
#: A four-digit year, never a model number ("Boeing 2007 profits").
YEAR = re.compile(r"(?:1[89]|20)\d\d")
#: Words that open a noun's complement or modifier clause: the head of "13 billion contract
#: to supply the Royal Air Force" or "claims of shelling by Armenian forces" is before them.
COMPLEMENT_OPENERS = frozenset(
    {
        "of", "to", "for", "by", "with", "on", "in", "from", "among", "against", "at", "into",
        "over", "after", "before", "between", "about", "under", "during", "through", "toward",
        "towards", "across", "near", "behind", "without", "within", "that", "which", "who",
        "whom", "whose", "where", "when", "as", "than", "like", "via", "amid", "since",
    }
)  # fmt: skip
#: A name in camel case from a lowercase letter: "iPhone", "iTunes", "eReader".
CAMEL = re.compile(r"[a-z][A-Z][a-z]")
#: spaCy labels a name's last word does not override ("World Cup" is an event).
_OWN_LABELS = frozenset({"EVENT"})
#: Prepositions that open a fronted phrase of place or time: "Outside Sydney, the storms".
PREPOSITIONS = COMPLEMENT_OPENERS | {
    "outside", "inside", "beyond", "around", "throughout", "along", "despite", "upon",
    "beside", "besides", "below", "above", "beneath", "until", "across", "near", "following",
}  # fmt: skip


def own_kind(name: str, ner: str | None, rules: Linking) -> str | None:
    """The class the last word of a name of several words gives it, or None.

    A model number or version makes a Product ("Boeing 787", "iPhone 3GS"); a word of
    ``rules.name_ends`` its class ("Nobel Peace Prize": Award, "Hume Highway": Route),
    unless spaCy calls the name an event ("World Cup"). A name written in camel case
    from a lowercase letter is a product ("iPhone", "iTunes").

    >>> from kgraph.ontology import load_ontology
    >>> rules = load_ontology().linking
    >>> [own_kind(n, "PERSON", rules) for n in ("Jules Verne Trophy", "iPhone 4", "Jules Verne")]
    ['Award', 'Product', None]
    >>> own_kind("hopes that sales will exceed 700", None, rules) is None  # a phrase, no name
    True
    >>> own_kind("", None, rules) is None  # a mention with no name left ("Die", a German text)
    True
    """
    words = name.split()
    numbered = len(words) > 1 and MODEL_NUMBER.fullmatch(words[-1]) is not None
    if numbered and not YEAR.fullmatch(words[-1]) and _named_before(words):
        return "Product"
    named = all(w[:1].isupper() or CAMEL.match(w) for w in words[1:])  # not "iPhone users"
    if CAMEL.match(name) and named and ner not in _OWN_LABELS:
        return "Product"  # "iPhone", "iTunes", "iPod Nano": a brand's product line
    if len(words) < 2:
        return None
    if ner in _OWN_LABELS or not words[0][:1].isupper():
        return None
    return rules.name_ends.get(words[-1])


def _named_before(words: list[str]) -> bool:
    """Every word before the last is a name's ("Boeing 787"), not a phrase's ("orders for 14")."""
    return all(w[:1].isupper() or CAMEL.match(w) for w in words[:-1])


def phrase_head(name: str) -> list[str]:
    """The words of a noun phrase up to its head: before a complement or a clause.

    >>> phrase_head("13 billion contract to supply the Royal Air Force")
    ['13', 'billion', 'contract']
    >>> phrase_head("new force")
    ['new', 'force']
    """
    words: list[str] = []
    for word in name.split():
        if word.lower() in COMPLEMENT_OPENERS and words:
            break
        words.append(word.rstrip(",;:"))
        if word[-1:] in ",;:(":
            break
    return words
