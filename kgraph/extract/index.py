"""Per-doc lookups built once and cached on the doc: its text and its entities by position.

spaCy rebuilds ``doc.ents`` (a walk over every token) and ``doc.text`` (a join of
every token) on each access, and ``Span.ents`` walks ``doc.ents`` from the start:
a rule that asks once per argument would make extraction grow with the square of
the article's length. These lookups cost a bisect instead.

>>> import spacy
>>> from spacy.tokens import Doc
>>> doc = Doc(spacy.blank("en").vocab, words=["Mariam", "Hakobyan", "left", "Baku"],
...           ents=["B-PERSON", "I-PERSON", "O", "B-GPE"])
>>> entity_at(doc[1]).text, entity_at(doc[2]), [e.text for e in entities_in(doc, 2, 4)]
('Mariam Hakobyan', None, ['Baku'])
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

__all__ = ["doc_text", "entities", "entities_in", "entity_at", "entity_before"]

_TEXT = "kgraph.text"
_ENTS = "kgraph.ents"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def entities(doc: Doc) -> tuple[tuple[SpacySpan, ...], list[int]]:
    """``doc.ents`` and their start token indices (ascending: entities never overlap)."""
    cached = doc.user_data.get(_ENTS)
    if cached is None:
        ents = tuple(doc.ents)
        cached = doc.user_data[_ENTS] = (ents, [e.start for e in ents])
    return cached


def entity_at(token: Token) -> SpacySpan | None:
    """The named entity holding ``token``, if any."""
    ents, starts = entities(token.doc)
    k = bisect.bisect_right(starts, token.i) - 1
    return ents[k] if k >= 0 and ents[k].end > token.i else None


def entities_in(doc: Doc, start: int, end: int) -> list[SpacySpan]:
    """The entities wholly inside tokens ``start..end-1``, in order (what ``Span.ents`` gives)."""
    ents, starts = entities(doc)
    found = []
    for k in range(bisect.bisect_left(starts, start), len(ents)):
        if ents[k].end > end:
            break
        found.append(ents[k])
    return found


def entity_before(token: Token, label: str, window: int) -> SpacySpan | None:
    """The last ``label`` entity that ends at or before ``token`` and starts at most
    ``window`` characters before it."""
    ents, starts = entities(token.doc)
    for k in range(bisect.bisect_right(starts, token.i) - 1, -1, -1):
        ent = ents[k]
        if token.idx - ent.start_char > window:
            return None
        if ent.end <= token.i and ent.label_ == label:
            return ent
    return None
