"""Direct quotations of an article: the pairs of quotation marks and the quoted words.

Straight quotation marks alternate; single curly ones are left out, being too
often apostrophes. A pair never spans a paragraph break, and pairs never overlap.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kgraph.extract.index import doc_text
from kgraph.extract.lexicon import CLOSING_QUOTES, OPENING_QUOTES
from kgraph.model import Span

__all__ = ["quotation_around", "quotations", "quote_span"]

#: Quotation marks: straight ones alternate; single ones are too often apostrophes.
_OPENING = OPENING_QUOTES - {"‘"}
_CLOSING = CLOSING_QUOTES - {"’"}


def quote_span(doc: Doc, opening: Token, closing: Token) -> Span | None:
    """The words between two quotation marks, without the comma and spaces before the
    closing one; None when nothing is between them."""
    start, end = opening.idx + len(opening.text), closing.idx
    whole = doc_text(doc)
    text = whole[start:end]
    stripped = text.rstrip(" ,\n")
    start += len(text) - len(text.lstrip())
    end = opening.idx + len(opening.text) + len(stripped)
    return Span.of(whole, start, end) if end > start else None


def quotation_around(doc: Doc, token: Token) -> tuple[Token, Token] | None:
    """The quotation marks around ``token``, if any (one pair at most: pairs never overlap)."""
    pairs, openings = quotations(doc)
    k = bisect.bisect_left(openings, token.i) - 1
    return pairs[k] if k >= 0 and token.i < pairs[k][1].i else None


def quotations(doc: Doc) -> tuple[list[tuple[Token, Token]], list[int]]:
    """Pairs of opening and closing quotation marks, within paragraphs, in text order, and
    the openings' token indices (cached on the doc)."""
    cached = doc.user_data.get("kgraph.quotations")
    if cached is None:
        pairs = list(_pair_quotes(doc))
        cached = doc.user_data["kgraph.quotations"] = (pairs, [o.i for o, _ in pairs])
    return cached


def _pair_quotes(doc: Doc) -> Iterator[tuple[Token, Token]]:
    opening: Token | None = None
    for token in doc:
        if "\n" in token.text:
            opening = None
        elif opening is None and token.text in _OPENING:
            opening = token
        elif opening is not None and token.text in _CLOSING:
            yield opening, token
            opening = None
