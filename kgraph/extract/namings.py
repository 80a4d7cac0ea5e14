"""Numbers beside a noun that count nothing: a name's model number or short year, a
size in inches, a number hyphened to a modifier, an age.

"the Trent 900 engines", "iLife '11", '17" displays', "a three-judge panel", "aged 33
years": :mod:`kgraph.extract.numbers` asks these before it makes a count.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["is_age", "joined", "model_number", "size", "year_mark"]

_AGE_WORDS = frozenset({"old", "aged", "age"})
_PLACE_OR_PEOPLE = frozenset({"GPE", "LOC", "NORP", "FAC"})
_INCH_MARKS = frozenset({'"', "″", "''"})


def model_number(first: Token, noun: Token) -> bool:
    """ "the Trent 900 engines", "the new Safari 4.0 browser": the number goes on a
    product's name (a proper noun right before it, of the same noun phrase, which a
    determiner opens), not a count. Telegraphic text ("Azerbaijan 12 soldiers were
    killed") has no determiner there, and a place or people is never such a name."""
    if first.i == first.sent.start:
        return False
    before = first.doc[first.i - 1]
    opened = any(c.dep_ in {"det", "poss"} and c.i < before.i for c in noun.children)
    return (
        (before.pos_ == "PROPN" or _camel(before))
        and before.head in (noun, first)
        and before.ent_type_ not in _PLACE_OR_PEOPLE
        and opened
    )


def _camel(token: Token) -> bool:
    """A product's name with a capital inside ("iOS", "iPhone"), whatever its tag."""
    return token.is_alpha and any(c.isupper() for c in token.text[1:]) and not token.is_upper


def year_mark(number: Token) -> bool:
    """ "iLife '11", "Windows '98": two digits after an apostrophe that opens them, right
    after a name, are the name's year written short, not a count (not 'said '12 people'')."""
    doc = number.doc
    if number.i < 2 or len(number.text) != 2 or not number.text.isdigit():
        return False
    mark, name = doc[number.i - 1], doc[number.i - 2]
    return (
        mark.text in {"'", "’"}
        and not mark.whitespace_
        and bool(name.whitespace_)
        and (name.pos_ == "PROPN" or _camel(name))
    )


def size(number: Token) -> bool:
    """'17" displays', "a 13.3″ screen": inches written as a mark after the digits. After a
    word ('the "gang of four"') or a quoted number ('said "12" people'), the mark closes a quote."""
    doc = number.doc
    after = doc[number.i + 1] if number.i + 1 < len(doc) else None
    before = doc[number.i - 1] if number.i > 0 else None
    return (
        after is not None
        and number.text[:1].isdigit()
        and not number.whitespace_
        and after.text in _INCH_MARKS
        and (before is None or before.text not in _INCH_MARKS | {"“"})
    )


def joined(number: Token, noun: Token) -> bool:
    """ "a three-judge panel", "four-storey buildings": a number hyphened to a noun that
    modifies another noun says what kind of thing that is, it counts nothing."""
    doc = number.doc
    hyphen = doc[number.i + 1] if number.i + 1 < len(doc) else None
    return (
        hyphen is not None
        and hyphen.text == "-"
        and not number.whitespace_
        and not hyphen.whitespace_
        and hyphen.i + 1 == noun.i
        and noun.dep_ in {"compound", "amod", "nmod"}
        and noun.head.pos_ in {"NOUN", "PROPN"}
        and noun.head.i > noun.i
    )


def is_age(number: Token) -> bool:
    """ "33 years old", "aged 33 years": an age, not a count."""
    after = number.doc[number.i + 1 : number.i + 4]
    return any(t.lower_ in _AGE_WORDS for t in after[:3]) and "year" in after.text.lower()
