"""Phrases an argument keeps whole: the parts of one name, a quotation, a value's qualifier.

The parser coordinates the parts of a name ("European Aeronautic Defence & Space NV",
"Lashkar-e-Taiba") and of a quoted phrase ("has "ups and downs""), and leaves a value's
currency and qualifier out of its entity ("$250", "more than 6 billion dollars");
:mod:`kgraph.extract.arguments` asks these functions before it splits or strips a phrase.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kgraph.extract.index import entity_at
from kgraph.extract.lexicon import HYPHENS, LITERAL_LABELS
from kgraph.model import Span

__all__ = ["in_name", "joined_word", "qualified_value", "quotation", "value_end"]


def in_name(token: Token, other: Token) -> bool:
    """Whether ``other`` is part of the same name or word as ``token``: joined to it by an
    ampersand inside its named entity ("Defence & Space NV"; an "and" may join two names the
    model took for one, "the Macbook and Macbook Pro"), inside the hyphen-joined word it is
    in ("Jaish-e-Mohammad") or inside the same short quotation ("ups and downs")."""
    ent = entity_at(token)
    if ent is not None and ent.label_ not in LITERAL_LABELS and ent.start <= other.i < ent.end:
        between = token.doc[min(token.i, other.i) : max(token.i, other.i) + 1]
        if any(t.text == "&" for t in between):
            return True
    first, last = joined_word(token)
    if first <= other.i <= last and other.i != token.i:
        return True
    quoted = quotation(token)
    return quoted is not None and quoted[0] <= other.i <= quoted[1]


def quotation(token: Token) -> tuple[int, int] | None:
    """The first and last token inside the short quotation that is ``token``'s phrase ("has
    "ups and downs"", "entitled "India: New Economy, Old Economy""): a quoted phrase is one
    thing, whatever the parser coordinated in it; not a quotation ``token`` is only part of
    ("said "Armenia and Azerbaijan must talk"")."""
    found = _quote_marks(token)
    if found is None or not token.left_edge.i <= found[0] - 1 <= found[1] + 1 <= token.right_edge.i:
        return None
    inside = token.doc[found[0] : found[1] + 1]
    return found if any(t.dep_ in {"cc", "conj"} for t in inside) else None


def _quote_marks(token: Token) -> tuple[int, int] | None:
    """The first and last token inside the short quotation that holds ``token``."""
    doc, sent = token.doc, token.sent
    first = next((i for i in range(token.i - 1, max(sent.start, token.i - _QUOTED) - 1, -1)
                  if doc[i].tag_ in _QUOTE_TAGS), None)  # fmt: skip
    last = next((i for i in range(token.i + 1, min(sent.end, token.i + _QUOTED + 1))
                 if doc[i].tag_ in _QUOTE_TAGS), None)  # fmt: skip
    if first is None or last is None or doc[first].tag_ != "``" or doc[last].tag_ != "''":
        return None
    return first + 1, last - 1


#: A quotation is one thing when it is at most this many tokens on either side of a word.
_QUOTED = 8
#: spaCy's tags of opening and closing quotation marks.
_QUOTE_TAGS = frozenset({"``", "''"})


def joined_word(token: Token) -> tuple[int, int]:
    """The first and last token index of the word of parts joined by hyphens without spaces
    that ``token`` is in ("Lashkar-e-Taiba" is five tokens), else ``token.i`` twice."""
    doc = token.doc
    first = last = token.i
    while first >= 2 and _joins(doc, first - 2):
        first -= 2
    while last + 2 < len(doc) and _joins(doc, last):
        last += 2
    return first, last


def _joins(doc: Doc, i: int) -> bool:
    """Tokens ``i`` and ``i + 2`` are one name: a hyphen touches both, and both are parts
    of a name (a capitalised word or a short particle: "Lashkar-e-Taiba", "Abu-al-Qasim");
    not a dash between words ("six airlines-Air China")."""
    hyphen = doc[i + 1]
    parts = _name_part(doc[i]) and _name_part(doc[i + 2])
    named = doc[i].text.istitle() or doc[i + 2].text.istitle()
    touching = not doc[i].whitespace_ and not hyphen.whitespace_
    return parts and named and hyphen.text in HYPHENS and touching


def _name_part(token: Token) -> bool:
    text = token.text
    return text.isalpha() and (text.istitle() or (text.islower() and len(text) <= _PARTICLE))


#: A lowercase part of a hyphenated name has at most this many letters ("e", "al", "ul").
_PARTICLE = 3


def qualified_value(doc: Doc, head: Span, lo: int, hi: int) -> Span:
    """A value with its currency, qualifier and rate: "$250" (not "250"), "US$6 billion",
    "more than 6 billion dollars", "over 4,500 miles", "$1.14 per share": the words of the
    argument that modify the value are what it says, and a literal is all a reader gets."""
    tokens = doc.char_span(head.start, head.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return head
    inside = {t.i for t in tokens}
    start, end = tokens.start, tokens.end - 1
    while start - 1 >= lo and _qualifies(doc[start - 1], inside):
        start -= 1
        inside.add(start)
    while start < tokens.start and doc[start].lower_ in _PARTIAL_QUALIFIERS:
        start += 1  # "give up to 150 million": "up" is the verb's particle
    rates = [c for t in tokens for c in t.rights if c.dep_ == "prep" and c.lower_ == "per"]
    if rates and rates[0].i == end + 1 and rates[0].right_edge.i <= hi:
        end = rates[0].right_edge.i
    if (start, end) == (tokens.start, tokens.end - 1):
        return head
    return Span(doc[start : end + 1].text, doc[start].idx, doc[end].idx + len(doc[end].text))


def _qualifies(token: Token, value: set[int]) -> bool:
    """A currency sign or a degree word ("over", "more than", "up to") of a value's tokens."""
    if token.head.i not in value and not any(a.i in value for a in token.ancestors):
        return False
    if token.tag_ == "$":
        return True
    degree = token.dep_ == "amod" and token.tag_ in _DEGREE_TAGS
    return token.dep_ in _QUALIFIER_DEPS or degree


#: Second words of a qualifier, no qualifier alone ("to" of "up to", "than" of "more than").
_PARTIAL_QUALIFIERS = frozenset({"to", "than"})
#: Dependencies of the words that qualify a value: "over 4,500", "at least 18", "up to 14".
_QUALIFIER_DEPS = frozenset({"quantmod", "advmod"})
#: Tags of a degree adjective before a value ("more than", "fewer than").
_DEGREE_TAGS = frozenset({"JJR", "JJS", "RBR", "RBS"})


def value_end(ent: SpacySpan) -> int:
    """The end of an entity, or of the next one when they are one value the model split:
    "the fall of" + "2020" is the date "the fall of 2020"."""
    following = entity_at(ent.doc[ent.end]) if ent.end < len(ent.doc) else None
    if following is None or following.label_ != ent.label_ or ent.label_ not in LITERAL_LABELS:
        return ent.end
    return following.end
