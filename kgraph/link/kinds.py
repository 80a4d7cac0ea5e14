"""What the words of a name and beside it say it is: a company, a product, a unit.

spaCy's small model calls "Pixar" and "Ryanair" people and "Cisco" a place; the
article often says better ("the animation company Pixar"). :func:`name_kind`
reads those words with the ``[kinds]`` and ``[organisations]`` tables of
``linking.toml``; :func:`unit_after_number` tells a unit ("a 16 GB") from a
country's code.
"""

from __future__ import annotations

import re

from kgraph.link.words import display_name
from kgraph.model import Mention
from kgraph.ontology import Linking, normalize_name

__all__ = ["name_kind", "unit_after_number"]

#: A model number or version that ends a product's name: "787", "A380", "3GS", "10.4".
_MODEL_NUMBER = re.compile(r"[A-Z]{0,3}\d{1,4}[A-Za-z]{0,3}|\d+(?:\.\d+)+")
#: The lowercase words right before a name, with a comma: "the animation company Pixar",
#: "low cost airline, Ryanair".
_WORDS_BEFORE = re.compile(r"(?:([a-z][a-z\-]*)\s+)?([a-z][a-z\-]*),?\s+$")
#: An apposition after a name, up to its head noun: "Tiger, the newest version of ...".
_APPOSITION = re.compile(
    r",\s+(?:the|an?|its|their)\s+((?:[\w\-]+\s+){0,3}?[\w\-]+)"
    r"(?=\s+(?:of|that|which|who|for|from|in|with)\b|[,.;:)]|$)"
)


def name_kind(text: str, mention: Mention, rules: Linking) -> str | None:
    """The class the words of a name and beside it give it, or None.

    A model number or version ending the name makes a Product ("Boeing 787", "iPhone
    3GS"), a company suffix an Organization ("Cisco Systems Inc"); else a noun of
    ``rules.kinds`` right before the name ("the animation company Pixar", "airline,
    Ryanair") or heading its apposition ("Tiger, the newest version of Mac OS X").

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
    if len(words) > 1 and _MODEL_NUMBER.fullmatch(words[-1]):
        return "Product"
    after = text[head.end : head.end + 80]
    following = after.split(maxsplit=1)[:1] if after[:1].isspace() else []
    if any(w in rules.organisation_suffixes for w in [*words[-1:], *following]):
        return "Organization"
    before = _WORDS_BEFORE.search(text[max(0, head.start - 40) : head.start])
    if before is not None:
        pair = " ".join(w for w in before.groups() if w)
        kind = rules.kinds.get(normalize_name(pair)) or rules.kinds.get(before.group(2))
        if kind is not None:
            return kind
    apposition = _APPOSITION.match(after)
    if apposition is None:
        return None
    phrase = normalize_name(apposition.group(1)).split()
    return rules.kinds.get(" ".join(phrase[-2:])) or rules.kinds.get(phrase[-1]) if phrase else None


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
