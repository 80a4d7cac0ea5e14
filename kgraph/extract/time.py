"""When a fact happened: time expressions resolved against the publication date.

The time expressions of a sentence are spaCy's DATE and TIME entities, with the
preposition that introduces them ("on Tuesday", "in 2020") and, for "three
years after X", the whole phrase. Durations ("for months", "a 44-day war",
"the past three decades") are no points in time and are left out. A fact takes
only an expression of its own clause: not one that modifies a noun ("the 2020
war"), nor one of a relative clause, a participle ("figures released April 3")
or a subordinate clause with its own verb. Of those it takes the one attached to
its own verb, else one attached to its arguments, else the clause's; among
equals an explicit date beats a relative one and "overnight" comes last.

:func:`resolve` turns the text into an ISO value of the granularity it states
("2020", "2023-09", "2023-09-19") with ``dateparser``, relative to the
publication date and preferring the past:

- a weekday ("on Tuesday") is the latest such day on or before publication;
- "overnight" and "last night" are the day before publication (the night
  began then);
- a week ("last week") is the Monday that starts it;
- "N years/months/weeks/days after/before X" is X shifted, when X is a date;
- a date without a year is the latest such day on or before publication, or,
  when the fact's verb speaks of the future ("will open on Dec. 1", "is due
  by Dec. 1", "goes live on July 1") or the date is a deadline ("by", "until")
  of a verb in the present, the next such day on or after it;
- a decade or a span of years ("in the late 1980s", "2010-11") and a bare time
  of day ("at 4:00pm") are no day: they keep their text and have no value;
- a range ("from 12 to 14 March", "between January and March 2020") is what
  both ends share at the precision of the text (2023-03, 2020), else no value;
  never one of its ends;
- a bare number of one to three digits ("Moussaoui, 33", "resume at 2 for 69")
  and a score ("won 3-0") are no time expressions at all, even when spaCy
  labels them DATE;
- an expression whose value depends on the publication date (relative ones, and
  dates without a year) is None when the date is unknown; a partial publication
  date ("2023-09") resolves it only if every day of that period agrees.

>>> resolve("on Tuesday", "2023-09-20"), resolve("in 2020", None), resolve("Dec. 1", None)
('2023-09-19', '2020', None)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import cache

from dateparser.date import DateDataParser
from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from text_to_num import text2num

from kgraph.extract.index import entities_in, entity_at
from kgraph.model import Mention, SurfaceTriple, TimeExpression

__all__ = ["date_range", "is_point_in_time", "resolve", "time_expressions", "timestamp"]

_LABELS = frozenset({"DATE", "TIME"})
_PREPS = frozenset({"on", "in", "at", "since", "during", "by", "until", "from", "before", "after"})
_UNITS = frozenset({"year", "month", "week", "day", "decade", "hour", "century", "minute"})
_POINT_WORDS = frozenset(
    {"ago", "last", "next", "this", "earlier", "later", "yesterday", "today", "following"}
    | {"previous", "end", "beginning", "start", "middle"}  # "by the end of the week"
)
_RELATIONAL = frozenset({"after", "before"})
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NIGHT = re.compile(r"\b(overnight|last night)\b", re.IGNORECASE)
_SAME_DAY = re.compile(r"^(today|tonight|this (morning|afternoon|evening))$", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_EXPLICIT = re.compile(r"\b(\d{4}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_EXPLICIT_YEAR = re.compile(r"\b\d{4}\b|\b(ago|last|yesterday|earlier|previous)\b", re.IGNORECASE)
_LEADING = re.compile(
    r"^(?:(?:on|in|at|since|during|by|until|from|of|the|early|late|"
    r"earlier|later|mid)\s+)+",
    re.IGNORECASE,
)
_SHIFT = re.compile(r"^(\S+)\s+(year|month|week|day)s?\s+(after|before)\s+(.+)$", re.IGNORECASE)
_FORMATS = {"year": "%Y", "month": "%Y-%m"}
#: A number that spaCy may label DATE but that is no time: an age, a score, a count.
_NOT_TIME = re.compile(r"'?\d{1,3}|\d{1,3}\s*-\s*\d{1,3}")
#: A range of dates: two ends joined by "to", "and", "until", "through" or a dash.
_RANGE = re.compile(
    r"^(?:between\s+)?(.+?)\s*(?:\b(?:to|and|until|till|through)\b|[-–])\s*(.+)$", re.IGNORECASE
)
_DATE_WORD = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)",
    re.IGNORECASE,
)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
_NUMBER_RANGE = re.compile(r"(?:between\s+)?(\w+)\s+(?:and|to)\s+(\w+)", re.IGNORECASE)
#: Decades and spans of years: no single day, month or year.
_SPAN = re.compile(r"\b\d{2,4}0'?s\b|\b\d{4}\s*[-–/]\s*\d{2,4}\b|\bcentury\b", re.IGNORECASE)
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2}\s*[ap]\.?m\b\.?|\bnoon\b|\bmidnight\b", re.IGNORECASE
)
_CLOCK_REST = re.compile(
    r"\b(?:GMT|UTC|[A-Z]{2,5}T)\b|[()+\d]|\b(?:local\s+)?time\b", re.IGNORECASE
)
#: Auxiliaries and governing words that put a fact in the future.
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_FUTURE_HEADS = frozenset({"due", "schedule", "slate", "set", "expect", "plan", "go"})
_DEADLINE_PREPS = frozenset({"by", "until", "till"})
_REPORTING = frozenset({"say", "tell", "report", "announce", "confirm", "add"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP", "VB"})
_NO_BASE = (date(2001, 3, 7), date(2013, 11, 21))  # two far-apart days: a relative text differs


def timestamp(doc: Doc, triple: SurfaceTriple, published: str | None) -> SurfaceTriple:
    """The triple with its time expression set when its sentence has one."""
    if triple.time is not None:
        return triple
    sentence = doc.char_span(triple.sentence.start, triple.sentence.end, alignment_mode="expand")
    if sentence is None:
        return triple
    found = time_expressions(sentence)
    if not found:
        return triple
    anchor = _verb(_token_at(doc, triple.relation.start))
    arguments = (triple.subject, triple.object)
    found = [e for e in found if _in_clause(e, anchor, arguments)]
    if not found:
        return triple

    def rank(expression: SpacySpan) -> tuple[int, int, int]:
        attached = _verb(expression.root.head) if expression.root.head != expression.root else None
        inside = any(a.start <= expression.root.head.idx < a.end for a in arguments)
        place = 0 if attached == anchor else 1 if inside else 2
        return place, _specificity(expression.text), abs(expression.root.i - anchor.i)

    best = min(found, key=rank)
    start, end = best.start_char, best.end_char
    value = resolve(best.text, published, future=_future(best))
    return replace(triple, time=TimeExpression(best.text, start, end, value=value))


def _in_clause(expression: SpacySpan, anchor: Token, arguments: tuple[Mention, ...]) -> bool:
    """Whether ``expression`` dates the fact whose verb is ``anchor``: it is in the fact's clause.

    A date that modifies a noun names that thing ("the 2020 war", "the 1994
    trophy") and dates no fact; a phrase on a noun ("the battle in 1917") dates
    only a fact that has that noun among its arguments. A date in another clause
    (a relative clause, a participle "figures released April 3", a subordinate
    clause with its own verb) dates that clause's facts only. A phrase on the
    subject or object of the fact's verb ("the attack on Tuesday killed six",
    "reported it in a report on Tuesday") dates the fact. The fact's clause
    includes its infinitives ("plans to open on Dec. 1") and, when the fact's
    clause has no tense of its own (a participle "killing six", a conjunct
    sharing the subject), the clause it hangs from.
    """
    root = expression.root
    head = root.head
    if head == root:
        return _clause(root) in _own_clauses(anchor)
    if head.pos_ in _NOUNS and not _is_verbal(head):
        if root.dep_ in _NOUN_MODIFIERS:
            return False  # "the 2020 war"
        if root.dep_ in {"prep", "case"} or head.i < root.i:
            core = _core(head) and _clause(_verb(head.head)) in _own_clauses(anchor)
            inside = any(a.start <= head.idx < a.end for a in arguments)
            if not (core or inside):
                return False  # "the site of the battle in 1917", no argument of the fact
    return _clause(_verb(head)) in _own_clauses(anchor)


_NOUNS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_NOUN_MODIFIERS = frozenset({"compound", "nmod", "amod", "nummod", "poss"})
_INFINITIVE = frozenset({"xcomp"})
_CORE = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
_UNTENSED = frozenset({"advcl", "conj"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def _core(noun: Token) -> bool:
    """Whether the noun is an argument of a verb: its subject, object, or the object of
    a phrase on it ("reported it in a report on Tuesday")."""
    if noun.dep_ in _CORE:
        return True
    phrase = noun.head
    return noun.dep_ == "pobj" and phrase.dep_ == "prep" and _is_verbal(phrase.head)


def _is_verbal(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"}


def _clause(verb: Token) -> Token:
    """The head of the verb's clause: infinitives belong to the verb that governs them."""
    while verb.dep_ in _INFINITIVE | {"aux", "auxpass"} and verb.head != verb:
        verb = verb.head
    return verb


def _tensed(verb: Token) -> bool:
    """Whether the verb has a tense or a subject of its own (else it takes its governor's)."""
    if any(c.dep_ in _SUBJECTS | {"mark"} for c in verb.children):
        return True
    if any(c.dep_ in {"aux", "auxpass"} and c.tag_ != "TO" for c in verb.children):
        return True
    return verb.tag_ in {"VBD", "VBZ", "VBP", "MD"} and verb.dep_ != "conj"


def _own_clauses(anchor: Token) -> set[Token]:
    """The clause of the fact's verb and those whose time it takes when it has no tense."""
    clauses = set()
    verb = _clause(anchor)
    clauses.add(verb)
    while verb.dep_ in _UNTENSED and verb.head != verb and not _tensed(verb):
        verb = _clause(_verb(verb.head))
        clauses.add(verb)
    return clauses


def time_expressions(sentence: SpacySpan) -> list[SpacySpan]:
    """The sentence's points in time, each with its preposition or relational phrase."""
    found = []
    for ent in entities_in(sentence.doc, sentence.start, sentence.end):
        if ent.label_ not in _LABELS:
            continue
        span = _with_context(ent)
        if span is not None:
            found.append(span)
    return found


def is_point_in_time(token: Token) -> bool:
    """Whether ``token`` is in a date or time that can date a fact ("on Monday", "in 1976").

    Durations ("for months"), ages and scores are no points in time, even when
    spaCy labels them DATE.
    """
    ent = entity_at(token)
    return ent is not None and ent.label_ in _LABELS and _with_context(ent) is not None


def date_range(token: Token) -> SpacySpan | None:
    """The range of dates ``token`` is an end of, without its preposition, else None.

    "March to June" of "from March to June", "1990 and 1995" of "between 1990 and 1995".
    """
    ent = entity_at(token)
    if ent is None or ent.label_ not in _LABELS or not _range(ent.text):
        return None
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].lower_ in _PREPS | {"between"}:
        start += 1
    return ent.doc[start : ent.end]


def _range(text: str) -> tuple[str, str] | None:
    """The two ends of a range of dates ("from 12 to 14 March": "12", "14 March")."""
    found = _RANGE.match(_LEADING.sub("", text.strip()))
    if found is None or not all(_DATE_WORD.search(end) for end in found.groups()):
        return None
    return found.group(1), found.group(2)


def _with_context(ent: SpacySpan) -> SpacySpan | None:
    doc, root = ent.doc, ent.root
    relation = root.head if root.head.lower_ in _RELATIONAL and root.head.i == ent.end else None
    if relation is not None:  # "three years after the war"
        objects = [c for c in relation.children if c.dep_ == "pobj"]
        end = objects[0].right_edge.i + 1 if objects else relation.i + 1
        return doc[ent.start : end]
    if _is_duration(ent) or _not_time(ent.text):
        return None
    before = doc[ent.start - 1] if ent.start > ent.sent.start else None
    if before is not None and before.lower_ in _PREPS and before.dep_ in {"prep", "case", "agent"}:
        return doc[ent.start - 1 : ent.end]
    return ent


def _not_time(text: str) -> bool:
    """An age, a score or a count spaCy labelled DATE: "33", "3-0", "between 15 and 24"."""
    if _NOT_TIME.fullmatch(text.strip()):
        return True
    ends = _NUMBER_RANGE.fullmatch(text.strip())
    return ends is not None and all((_count(e) or 1000) < 1000 for e in ends.groups())


def _is_duration(ent: SpacySpan) -> bool:
    words = {t.lower_ for t in ent}
    if ent.end < len(ent.doc):
        words.add(ent.doc[ent.end].lower_)  # "two years ago"
    if words & _POINT_WORDS:
        return False
    return any(t.lemma_.lower() in _UNITS or t.lower_.rstrip("s") in _UNITS for t in ent)


def _future(expression: SpacySpan) -> bool:
    """Whether the verb of ``expression`` speaks of the future, or sets a deadline in the present.

    "will open on Dec. 1", "is due on Dec. 1", "goes live on July 1", "must be
    done by Dec. 1" look forward; "opened on Dec. 1", "has said since June" back.
    """
    head = expression.root.head
    if head == expression.root:
        return False
    verb = _verb(head)
    if verb.lemma_.lower() in _REPORTING:
        return False  # "the ministry says on Monday": the saying is no scheduled event
    group = sorted([verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})])
    if any(t.lower_ in _FUTURE_AUX for t in group):
        return True
    if any(t.lemma_.lower() == "go" and t.tag_ == "VBG" for t in group[:-1]):  # "is going to"
        return True
    governor = verb.head if verb.dep_ in {"xcomp", "acomp"} else None
    if governor is not None and governor.lemma_.lower() in _FUTURE_HEADS:
        verb, group = governor, sorted([governor, *governor.children])
    if any(t.lemma_.lower() == "have" and t.dep_ == "aux" for t in group):
        return False
    finite = next((t for t in group if t.dep_ in {"aux", "auxpass"} or t == verb), verb)
    if finite.tag_ not in _PRESENT_TAGS | {"MD"}:
        return False
    return finite.lower_ not in {"would", "could", "might"} or _deadline(expression)


def _deadline(expression: SpacySpan) -> bool:
    return expression[0].lower_ in _DEADLINE_PREPS


def _specificity(text: str) -> int:
    if _NIGHT.search(text):
        return 3
    return 0 if _EXPLICIT.search(text) else 1 if _WEEKDAY.search(text) else 2


def _token_at(doc: Doc, offset: int) -> Token:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[0]


def _verb(token: Token) -> Token:
    """The token's nearest verb, itself included; the root when there is none."""
    current = token
    while current.pos_ not in {"VERB", "AUX"} and current.head != current:
        current = current.head
    return current


def resolve(text: str, published: str | None, future: bool = False) -> str | None:
    """The ISO value of a time expression, or None when it cannot be resolved.

    ``future`` resolves a date without a year (or a weekday) to the next such
    day on or after publication instead of the last one before it.

    >>> resolve("September 19", "2023-10-02"), resolve("last week", "2023-09-20")
    ('2023-09-19', '2023-09-11')
    >>> resolve("three years after 2020", None), resolve("three years after the war", None)
    ('2023', None)
    >>> resolve("by Dec. 1", "2023-11-20", future=True), resolve("in the late 1980s", "2023-05-31")
    ('2023-12-01', None)
    """
    bases = _bases(published)
    values = {_resolve_at(text.strip(), base, future) for base in bases}
    return values.pop() if len(values) == 1 else None


@cache
def _bases(published: str | None) -> tuple[date, ...]:
    """The days the publication date may be: one, every day of a partial date, or none known."""
    if not published:
        return _NO_BASE
    part = published[:10]
    try:
        if len(part) == 4:
            year = int(part)
            return (date(year, 1, 1), date(year, 12, 31))
        if len(part) == 7:
            year, month = int(part[:4]), int(part[5:7])
            return (date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
        return (date.fromisoformat(part),)
    except ValueError:
        return _NO_BASE


@cache
def _resolve_at(text: str, base: date, future: bool = False) -> str | None:
    ends = _range(text)
    if ends is not None:
        return _range_value(*ends, base, future)
    if _SPAN.search(text):
        return None
    shifted = _SHIFT.match(text)
    if shifted:
        return _shift(shifted, base)
    if _CLOCK.search(text):
        text = _CLOCK_REST.sub(" ", _CLOCK.sub(" ", text)).strip(" ,")
        if not _LEADING.sub("", text + " ").strip():
            return None  # a time of day alone: which day is not said
    if _NIGHT.search(text):
        return (base - timedelta(days=1)).isoformat()
    core = _LEADING.sub("", text).strip()
    if _SAME_DAY.match(core):
        return base.isoformat()
    weekday = _WEEKDAY.fullmatch(core.split()[0]) if core else None
    if weekday and not _EXPLICIT.search(core):
        days = (base.weekday() - _WEEKDAYS[weekday.group(1).lower()]) % 7
        if future:
            return (base + timedelta(days=(7 - days) % 7)).isoformat()
        return (base - timedelta(days=days)).isoformat()
    return _dateparser(core, base, future and not _EXPLICIT_YEAR.search(core)) or _year(core)


def _range_value(first: str, last: str, base: date, future: bool) -> str | None:
    """What both ends of a range share, at the precision of the text: "from 12 to 14
    March" is that March, "between January and March 2020" is 2020, "from 2001 to
    2005" has no one value. The first end takes the month and year it leaves to the
    last ("12" of "12 to 14 March")."""
    words, opening = last.split(), first.split()
    if first.isdigit() and len(first) <= 2 and len(words) > 1:
        first = " ".join([first, *words[1:]])
    elif words[0].rstrip(",").isdigit() and not _MONTH.search(last) and len(opening) > 1:
        last = " ".join([*opening[:-1], last])  # "March 3-5, 2021": "March 5, 2021"
    year = _YEAR.search(last)
    if year is not None and not _YEAR.search(first):
        first = f"{first} {year.group()}"
    a, b = _resolve_at(first, base, future), _resolve_at(last, base, future)
    if a is None or b is None:
        return None
    shared = [size for size in (10, 7, 4) if len(a) >= size and a[:size] == b[:size]]
    return a[: shared[0]] if shared else None


def _dateparser(text: str, base: date, future: bool = False) -> str | None:
    past = _parsed(text, base, False)
    if not future or past is None or base.isoformat().startswith(past):
        return past  # the day (or month) of publication itself is not in the future
    return _parsed(text, base, True)


def _parsed(text: str, base: date, future: bool) -> str | None:
    data = _parser(base, future).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    return day.strftime(_FORMATS.get(data.period or "day", "%Y-%m-%d"))


def _year(text: str) -> str | None:
    years = _YEAR.findall(text)
    return years[0] if len(set(years)) == 1 else None


def _shift(match: re.Match[str], base: date) -> str | None:
    amount, unit, direction, rest = match.groups()
    target = _resolve_at(rest, base)
    count = _count(amount)
    if target is None or count is None:
        return None
    sign = 1 if direction.lower() == "after" else -1
    if len(target) == 4:
        return str(int(target) + sign * count) if unit.lower() == "year" else None
    if len(target) == 7:
        return None
    moved = date.fromisoformat(target) + sign * relativedelta(**{unit.lower() + "s": count})
    return moved.isoformat()


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    try:
        return int(text2num(word.lower(), "en"))
    except ValueError:
        return None


@cache
def _parser(base: date, future: bool = False) -> DateDataParser:
    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["en"], settings=settings)
