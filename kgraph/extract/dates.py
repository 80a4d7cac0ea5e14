"""Time expressions as values: the text of a date resolved against the publication date.

:func:`resolve` turns the text of a time expression into an ISO value of the granularity it states
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
  never one of its ends; :func:`span_ends` gives its two ends, and the one end of an
  open span ("since 1994": its start; a deadline "by 2020" or "until 2020": its
  end), which :func:`resolve` leaves without a value;
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
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from dateutil.relativedelta import relativedelta
from text_to_num import text2num

__all__ = [
    "count",
    "defined_weekday",
    "following",
    "resolve",
    "span_ends",
    "specificity",
    "split_range",
    "weekday_definitions",
]

#: Bounds of the caches (issue 16: nothing unbounded): resolved date texts, and dateparser's
#: parsers (one per publication day; a long-lived worker sees many days).
_CACHED, _PARSERS = 16_384, 64
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
#: Prepositions that open a span with its start ("since 1994") or its end ("by 2020").
_OPEN_START = re.compile(r"^(?:ever\s+)?(?:since|from|after)\s+", re.IGNORECASE)
_OPEN_END = re.compile(r"^(?:by|until|till|through|up\s+to|before)\s+", re.IGNORECASE)
#: "and" that joins two dates, not the ends of "between X and Y".
_COORDINATED = re.compile(r"^(?!.*\bbetween\b).*\band\b", re.IGNORECASE)
#: A time told from an earlier one: "the following year", "the next month", "two years later".
_FOLLOWING = re.compile(
    r"^(?:(?:in|on|during)\s+)?(?:the\s+(?:following|next)\s+(year|month|week|day)"
    r"|(\S+)\s+(year|month|week|day)s?\s+later)$",
    re.IGNORECASE,
)
#: "just one year after", "a week before" with nothing after: told from an unnamed time.
_DANGLING = re.compile(r"\b(?:after|before)$", re.IGNORECASE)
#: A range of dates: two ends joined by "to", "and", "until", "through" or a dash.
_RANGE = re.compile(
    r"^(?:between\s+)?(.+?)\s*(?:\b(?:to|and|until|till|through)\b|[-–])\s*(.+)$", re.IGNORECASE
)
_OF_YEAR = re.compile(r"^(.*?[a-z0-9.])\s+(?:of\s+)?(this|last|next)\s+year$", re.IGNORECASE)
_AGO = re.compile(r"\bago\b", re.IGNORECASE)
_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
#: A weekday with its date: "Monday (September 12)", "Monday, Sept. 12, 2022", "Monday 12 May".
_WEEKDAY_DATE = re.compile(
    r"\b("
    + "|".join(_WEEKDAYS)
    + r")\b[\s,(]+("
    + _MONTH_NAME
    + r"\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+"
    + _MONTH_NAME
    + r"(?:\s+\d{4})?)",
    re.IGNORECASE,
)
_OR = re.compile(r"^(.+?)\s+or\s+(.+)$", re.IGNORECASE)
_DATE_WORD = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)",
    re.IGNORECASE,
)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
#: Decades and spans of years: no single day, month or year.
_SPAN = re.compile(r"\b\d{2,4}0'?s\b|\b\d{4}\s*[-–/]\s*\d{2,4}\b|\bcentury\b", re.IGNORECASE)
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2}\s*[ap]\.?m\b\.?|\bnoon\b|\bmidnight\b", re.IGNORECASE
)
_CLOCK_REST = re.compile(
    r"\b(?:GMT|UTC|[A-Z]{2,5}T)\b|[()+\d]|\b(?:local\s+)?time\b", re.IGNORECASE
)
_NO_BASE = (date(2001, 3, 7), date(2013, 11, 21))  # two far-apart days: a relative text differs


def split_range(text: str) -> tuple[str, str] | None:
    """The two ends of a range of dates ("from 12 to 14 March": "12", "14 March")."""
    found = _RANGE.match(_LEADING.sub("", text.strip()))
    if found is None or not all(_DATE_WORD.search(end) for end in found.groups()):
        return None
    return found.group(1), found.group(2)


def _alternatives(text: str) -> tuple[str, str] | None:
    """The two dates of "in August or September": like a range, what both share."""
    found = _OR.match(_LEADING.sub("", text.strip()))
    if found is None or not all(_DATE_WORD.search(end) for end in found.groups()):
        return None
    return found.group(1), found.group(2)


def defined_weekday(text: str, before: str, published: str | None) -> str | None:
    """The date the text before gives a bare weekday ("on Monday" after "on Monday
    (September 12)" or "Monday, Sept. 12"), else None: an article that names its Monday
    means that Monday, not the one before its publication.

    >>> defined_weekday("on Monday", "It began on Monday (September 12).", "2023-05-31")
    '2022-09-12'
    """
    day = _WEEKDAY.search(text)
    if day is None or _EXPLICIT.search(text):
        return None
    name = day.group(1).lower()
    found = [m for m in _WEEKDAY_DATE.finditer(before) if m.group(1).lower() == name]
    for match in reversed(found):
        value = resolve(match.group(2), published)
        if value and len(value) == 10 and date.fromisoformat(value).weekday() == _WEEKDAYS[name]:
            return value
    return None


def weekday_definitions(text: str) -> list[tuple[int, str]]:
    """Where ``text`` names a weekday with its date ("Monday (September 12)"): each
    definition's end offset and its text, in text order, for :func:`defined_weekday`.

    >>> weekday_definitions("It began on Monday (September 12). It went on.")
    [(32, 'Monday (September 12')]
    """
    return [(m.end(), m.group(0)) for m in _WEEKDAY_DATE.finditer(text)]


def specificity(text: str) -> int:
    """How explicit a time text is: 0 a date, 1 a weekday, 2 relative, 3 "overnight"."""
    if _NIGHT.search(text):
        return 3
    return 0 if _EXPLICIT.search(text) else 1 if _WEEKDAY.search(text) else 2


def resolve(text: str, published: str | None, future: bool = False) -> str | None:
    """The ISO value of a time expression, or None when it cannot be resolved.

    ``future`` resolves a date without a year (or a weekday) to the next such
    day on or after publication instead of the last one before it.

    >>> resolve("September 19", "2023-10-02"), resolve("last week", "2023-09-20")
    ('2023-09-19', '2023-09-11')
    >>> resolve("three years after 2020", None), resolve("three years after the war", None)
    ('2023', None)
    >>> resolve("on Dec. 1", "2023-11-20", future=True), resolve("in the late 1980s", "2023-05-31")
    ('2023-12-01', None)
    """
    if _open_end(text.strip()) is not None or _DANGLING.search(text.strip()):
        return None  # "since 1994", "by 2020": one end of a span; "one year after": after what?
    if _FOLLOWING.match(text.strip()):
        return None  # told from an earlier time, not from publication: :func:`following`
    bases = _bases(published)
    values = {_resolve_at(text.strip(), base, future) for base in bases}
    return values.pop() if len(values) == 1 else None


def span_ends(text: str, published: str | None, future: bool = False) -> tuple[str | None, ...]:
    """The ISO start and end of the span of time a text names; an open end is None.

    ``()`` when the text names no span (a point in time, or ends that do not resolve).

    >>> span_ends("since 1994", None), span_ends("by 2020", None)
    (('1994', None), (None, '2020'))
    >>> span_ends("from 2009 to 2011", None)
    ('2009', '2011')
    >>> span_ends("between September and November 2020", None), span_ends("in 2001", None)
    (('2020-09', '2020-11'), ())
    >>> span_ends("by Dec. 1", "2023-11-20", future=True)  # a deadline: the end, still ahead
    (None, '2023-12-01')
    """
    bases = _bases(published)
    values = {_span_at(text.strip(), base, future) for base in bases}
    return values.pop() if len(values) == 1 else ()


def following(text: str, earlier: str | None) -> str | None:
    """The time of "the following year" (or "next month", "two years later") told from the
    ``earlier`` ISO time it follows, or None when it is no such text or there is none.

    >>> following("the following year", "2001"), following("two years later", "2001-05-03")
    ('2002', '2003')
    >>> following("the following month", "2001"), following("in 2002", "2001")
    (None, None)
    """
    found = _FOLLOWING.match(text.strip())
    if found is None or not earlier:
        return None
    unit = (found.group(1) or found.group(3)).lower()
    amount = 1 if found.group(1) else count(found.group(2))
    precision = {"year": 4, "month": 7}.get(unit, 10)
    if amount is None or len(earlier) < precision:
        return None
    if precision == 4:
        return str(int(earlier[:4]) + amount)
    day = date.fromisoformat(earlier if len(earlier) == 10 else f"{earlier}-01")
    moved = day + relativedelta(**{f"{unit}s": amount})
    return moved.isoformat()[:precision]


def _open_end(text: str) -> tuple[str | None, str | None] | None:
    """The one end of an open span as text: ("1994", None) of "since 1994", else None."""
    if split_range(text) is not None or _alternatives(text) is not None:
        return None
    for pattern, opening in ((_OPEN_START, True), (_OPEN_END, False)):
        found = pattern.match(text)
        if found is not None:
            rest = text[found.end() :]
            return (rest, None) if opening else (None, rest)
    return None


@lru_cache(maxsize=_CACHED)
def _span_at(text: str, base: date, future: bool) -> tuple[str | None, ...]:
    if _alternatives(text) is not None or _COORDINATED.search(text):
        return ()  # "in 1997 and 1998", "in August or September": two times, no span
    ends = split_range(text)
    if ends is not None:
        found = _range_ends(*ends, base, future)
        return found if found is not None else ()
    opened = _open_end(text)
    if opened is None:
        return ()
    start, end = (_resolve_at(e, base, future) if e else None for e in opened)
    return (start, end) if start or end else ()


@lru_cache(maxsize=_CACHED)
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


@lru_cache(maxsize=_CACHED)
def _resolve_at(text: str, base: date, future: bool = False) -> str | None:
    ends = split_range(text) or _alternatives(text)
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
    of_year = _OF_YEAR.match(core)
    if of_year:  # "September of this year", "January last year": the year told by the base
        offset = {"this": 0, "last": -1, "next": 1}[of_year.group(2).lower()]
        core = f"{of_year.group(1)} {base.year + offset}"
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
    2005" has no one value."""
    found = _range_ends(first, last, base, future)
    if found is None:
        return None
    a, b = found
    shared = [size for size in (10, 7, 4) if len(a) >= size and a[:size] == b[:size]]
    return a[: shared[0]] if shared else None


def _range_ends(first: str, last: str, base: date, future: bool) -> tuple[str, str] | None:
    """Both ends of a range resolved, the first taking the month and year it leaves to the
    last ("12" of "12 to 14 March"), or None when one does not resolve."""
    words, opening = last.split(), first.split()
    if len(opening) == 1 and len(words) > 1 and not _YEAR.search(first):
        first = " ".join([first, *words[1:]])  # "12 to 14 March", "August or September of 2007"
    elif words[0].rstrip(",").isdigit() and not _MONTH.search(last) and len(opening) > 1:
        last = " ".join([*opening[:-1], last])  # "March 3-5, 2021": "March 5, 2021"
    if _YEAR.fullmatch(first) and re.fullmatch(r"\d\d", last):
        last = first[:2] + last  # "2010-11": 2010 to 2011
    year = _YEAR.search(last)
    if year is not None and not _YEAR.search(first):
        first = f"{first} {year.group()}"
    a, b = _resolve_at(first, base, future), _resolve_at(last, base, future)
    return (a, b) if a is not None and b is not None else None


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
    if data.period == "week" and not _AGO.search(text):  # "two weeks ago" is that day
        return (day - timedelta(days=day.weekday())).isoformat()
    return day.strftime(_FORMATS.get(data.period or "day", "%Y-%m-%d"))


def _year(text: str) -> str | None:
    years = _YEAR.findall(text)
    return years[0] if len(set(years)) == 1 else None


def _shift(match: re.Match[str], base: date) -> str | None:
    amount, unit, direction, rest = match.groups()
    target = _resolve_at(rest, base)
    number = count(amount)
    if target is None or number is None:
        return None
    sign = 1 if direction.lower() == "after" else -1
    if len(target) == 4:
        return str(int(target) + sign * number) if unit.lower() == "year" else None
    if len(target) == 7:
        return None
    moved = date.fromisoformat(target) + sign * relativedelta(**{unit.lower() + "s": number})
    return moved.isoformat()


def count(word: str) -> int | None:
    """The number a word or digits say ("three", "12"), else None."""
    if word.isdigit():
        return int(word)
    try:
        return int(text2num(word.lower(), "en"))
    except ValueError:
        return None


@lru_cache(maxsize=_PARSERS)
def _parser(base: date, future: bool = False) -> DateDataParser:
    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["en"], settings=settings)
