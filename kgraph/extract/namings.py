"""Numbers beside a noun that count nothing: a name's model number or short year, a
size in inches, a number hyphened to a modifier, an age.

"the Trent 900 engines", "iLife '11", '17" displays', "a three-judge panel", "aged 33
years", "their 737 airliner", "five new 737 aircraft": :mod:`kgraph.extract.numbers`
asks these before it makes a count.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

__all__ = ["camel", "designation", "is_age", "joined", "model_number", "size", "year_mark"]

_AGE_WORDS = frozenset({"old", "aged", "age"})
_PLACE_OR_PEOPLE = frozenset({"GPE", "LOC", "NORP", "FAC"})
_INCH_MARKS = frozenset({'"', "″", "''"})
_OPENERS = frozenset({"det", "poss"})
#: Words between two numbers that make them one range ("1,500 to 2,000", "two or three").
_RANGE_WORDS = frozenset({"to", "-", "–", "and", "or"})
_SINGULAR = frozenset({"NN", "NNP"})
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
#: Entity labels of names a number may be part of ("Airbus A330-200", "Formula 1").
_NAME_LABELS = frozenset({"PRODUCT", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW"})
#: Adjectives that come before a count in English ("the other 20", "the remaining 300").
_POST_DETERMINERS = frozenset(
    {"other", "remaining", "additional", "further", "extra", "next", "last", "only", "first"}
    | {"past", "previous", "final", "total", "estimated", "mere", "latest", "initial", "top"}
)


def model_number(first: Token, noun: Token) -> bool:
    """ "the Trent 900 engines", "the new Safari 4.0 browser": the number goes on a
    product's name (a proper noun right before it, of the same noun phrase, which a
    determiner opens), not a count. Telegraphic text ("Azerbaijan 12 soldiers were
    killed") has no determiner there, and a place or people is never such a name."""
    if first.i == first.sent.start:
        return False
    before = first.doc[first.i - 1]
    opened = any(
        c.dep_ in _OPENERS | {"nummod", "amod"} and c.i < before.i for c in noun.children
    )  # "the Trent 900 engines", "four Rolls-Royce Trent 900 engines", "fewer iPhone 4 users"
    return (
        (before.pos_ == "PROPN" or camel(before))
        and before.head in (noun, first)
        and before.ent_type_ not in _PLACE_OR_PEOPLE
        and opened
    )


def designation(first: Token, noun: Token, value: float, collective: bool = False) -> bool:
    """ "their 737 airliner", "the 787 worth", "five new 737 aircraft": a number that names a
    model, not how many. More than one of a singular noun that a determiner opens is one
    thing (unless the noun is ``collective``: "the 300 staff"); so is a number inside a
    product's name ("Airbus A330-200") or after an adjective that describes the thing
    ("Boeing's larger 777 planes"). A number after another count of the same noun, with
    words between that make no range, is the thing's name ("four Rolls-Royce Trent 900
    engines"), not a second count."""
    doc = first.doc
    if first.ent_type_ in _NAME_LABELS and first.ent_iob_ == "I":
        return True  # "Airbus A330-200 passenger airliner": inside a product's name
    opened = any(c.dep_ in _OPENERS and c.i < first.i for c in noun.children)
    digits = first.text[:1].isdigit()  # not "the first four aircraft": a name's is in digits
    if value > 1 and noun.tag_ in _SINGULAR and opened and digits and not collective:
        return True  # a collective noun ("the 300 staff") is singular in form only
    if opened and digits and any(_describes(c, first) for c in noun.children):
        return True  # "Boeing's larger 777 planes": a count comes before the adjectives
    for count in (c for c in noun.children if c.dep_ == "nummod" and c.i < first.i - 1):
        between = doc[count.i + 1 : first.i]
        if _YEAR.fullmatch(count.text) or any(t.lower_ in _RANGE_WORDS for t in between):
            continue  # "its 1967 debut 5,700 737s": a year is no count
        if count.like_num and not any(t.like_num for t in between):
            return True
    return False


def _describes(word: Token, number: Token) -> bool:
    """An adjective before the number that describes the thing ("larger", "new"), not one
    that may come before a count ("the first four", "the other 20", "another 5")."""
    return (
        word.dep_ == "amod"
        and word.i < number.i
        and word.tag_ in {"JJ", "JJR"}
        and word.ent_type_ != "ORDINAL"
        and word.lower_ not in _POST_DETERMINERS
    )


def camel(token: Token) -> bool:
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
        and (name.pos_ == "PROPN" or camel(name))
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
