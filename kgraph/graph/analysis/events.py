"""Which incident a toll is of: the event phrase nearest its number, in its sentence.

A toll (deaths, injuries, displaced ...) counts the victims of one incident, and
articles of one week tell of many ("the weekend suicide bombings", "the West Bank
raid", "an attack on an Israeli bus"). The extraction's ``kg:about`` often names the
agent ("Palestinian militants") rather than the incident, or nothing, so the rules
read the incident from the sentence: the event noun (attack, bombing, blast ...)
nearest the count's number, with the words that name it: up to three before it
("weekend suicide bombings") and a short prepositional phrase after it ("attack on
an Israeli bus"). Its *naming words* are those words less function words, numbers,
event nouns and sides ("Israeli" names no incident of a war between Israelis and
others). Two tolls are of the same incident when their naming words meet, of
different incidents when both have naming words and they do not, else unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from text_to_num import text2num

__all__ = ["EVENT_NOUNS", "event_words", "number_value", "same_incident"]

#: Nouns of incidents that leave victims (singular; a plural ``s`` is read off).
EVENT_NOUNS = frozenset(
    {"attack", "bombing", "blast", "explosion", "strike", "airstrike", "raid", "shelling",
     "offensive", "ambush", "clash", "fighting", "shooting", "assault", "bombardment",
     "crash", "fire", "incident", "massacre", "operation", "battle", "earthquake", "flood",
     "collision", "derailment", "stampede", "riot", "protest", "storm", "hurricane", "war"}
)  # fmt: skip
_FUNCTION = frozenset(
    {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
     "of", "on", "in", "at", "near", "by", "against", "from", "to", "with", "for", "and",
     "recent", "latest", "last", "first", "new", "same", "deadly", "separate", "several",
     "other", "another", "earlier", "later", "which", "who", "what", "been", "was", "were",
     "is", "are", "be", "had", "has", "have", "day", "days", "night", "early", "late",
     "alleged", "apparent", "suspected", "major", "series", "wave", "spate"}
)  # fmt: skip
_BEFORE = 3
_AFTER = 5
_PREPOSITIONS = frozenset({"on", "in", "at", "near", "against", "of", "by", "outside"})
_TOKEN = re.compile(r"\d+(?:[,.]\d+)*|[^\W\d_][\w'’-]*")  # "1,400" is one token


def event_words(sentence: str, value: float, subject: str = "") -> frozenset[str]:
    """The naming words of the event phrase nearest a count's number in its sentence.

    >>> sorted(event_words("the weekend suicide bombings that killed 25 Israelis", 25))
    ['suicide', 'weekend']
    >>> sorted(event_words("militants killed 10 Israelis in an attack on an Israeli bus", 10))
    ['bus', 'israeli']
    >>> event_words("Two people were killed.", 2)
    frozenset()
    """
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence)]
    at = _position(tokens, value, subject)
    nouns = [i for i, (_, _, word) in enumerate(tokens) if _event_noun(word)]
    if not nouns:
        return frozenset()
    nearest = min(nouns, key=lambda i: (abs(tokens[i][0] - at), i))
    return frozenset(w.lower() for w in _phrase(sentence, tokens, nearest) if _naming(w))


def same_incident(
    a: frozenset[str], b: frozenset[str], sides: Callable[[str], frozenset[str]]
) -> bool | None:
    """True: the two phrases name one incident; False: two incidents; None: unknown.
    ``sides``: the side names a word makes (they name no incident)."""
    a, b = _no_sides(a, sides), _no_sides(b, sides)
    if not (a and b):
        return None
    return bool(a & b)


def _no_sides(words: frozenset[str], sides: Callable[[str], frozenset[str]]) -> frozenset[str]:
    return frozenset(w for w in words if not sides(w.capitalize()))


def _position(tokens: list[tuple[int, int, str]], value: float, subject: str) -> int:
    """Where the count's number is (else its counted words, else the sentence's start)."""
    for start, _, word in tokens:
        if number_value(word) == value:
            return start
    head = subject.split()[-1].lower() if subject.split() else ""
    return next((start for start, _, word in tokens if word.lower() == head), 0)


def number_value(word: str) -> float | None:
    digits = word.replace(",", "")
    if digits.isdigit():
        return float(digits)
    if not word.isalpha():
        return None
    try:
        return float(text2num(word.lower(), "en"))
    except ValueError:
        return None


def _phrase(sentence: str, tokens: list[tuple[int, int, str]], noun: int) -> list[str]:
    """The words before the noun (within its phrase: no punctuation between) and a short
    prepositional phrase after it."""
    words = []
    for i in range(noun - 1, max(-1, noun - 1 - _BEFORE), -1):
        if not _joined(sentence, tokens[i], tokens[i + 1]) or tokens[i][2].lower() in _FUNCTION:
            break
        words.append(tokens[i][2])
    after = noun + 1
    if after < len(tokens) and tokens[after][2].lower() in _PREPOSITIONS:
        for i in range(after + 1, min(len(tokens), after + 1 + _AFTER)):
            if not _joined(sentence, tokens[i - 1], tokens[i]) or tokens[i][2].lower() in {
                "which", "that", "who", "and", "killing", "leaving"
            }:  # fmt: skip
                break
            words.append(tokens[i][2])
    return words


def _joined(sentence: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    return not sentence[left[1] : right[0]].strip()


def _event_noun(word: str) -> bool:
    word = word.lower()
    return (
        word in EVENT_NOUNS
        or (word.endswith("s") and word[:-1] in EVENT_NOUNS)
        or (word.endswith("es") and word[:-2] in EVENT_NOUNS)
    )


def _naming(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered not in _FUNCTION
        and not _event_noun(lowered)
        and number_value(word) is None
        and len(lowered) > 1
    )
