"""Count conflicts: two counts of the same population and event whose values cannot both be true.

Two ``kg:Quantity`` facts of different articles **conflict** when all of these hold
(``docs/news-facts.md`` explains them for users):

- the same kind (``kg:quantityKind``: deaths, injuries, displaced ... differ);
- the same population: compatible groups (:mod:`.population`: troops and
  civilians differ, "people" is no wildcard) and the same side, each side
  established from the count's words, its speaker or its article;
- the same event (the same ``kg:about`` node, not an article's own node, in
  articles of one story, place or time) or the same place and time window (a place
  both sentences or both articles name; the same day, or undated articles of one
  story or of a place named in or just before both counts);
- values that cannot both be true (:func:`disagree`), and no reading that
  reconciles them: a breakdown ("four soldiers and two police") that sums to the
  other, or a cumulative count ("so far", "by the 29th", "has risen to") that is
  a later point of a time series.

A pair that meets the kind and values but leaves the population, the event or
the window unestablished is a **candidate**: listed by ``kgraph conflicts
--candidates`` with the reason, never reported as a conflict.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from kgraph.graph.analysis.events import event_words, number_value, same_incident
from kgraph.graph.analysis.population import (
    GENERIC,
    MIXED,
    Context,
    compatible_groups,
    group_of,
)
from kgraph.graph.analysis.specific import article_scoped, article_scopes
from kgraph.graph.results import rows
from kgraph.graph.store import KGStore

__all__ = ["APPROXIMATE", "STORY", "Pair", "Quantity", "count_pairs", "disagree"]

#: Half-width of the interval of an approximate count ("about 2,000"): 10 % of it.
APPROXIMATE = 0.10
#: An unqualified round figure ("2,000 troops", at least 1,000, a multiple of 100) is
#: read as rounded: this half-width.
ROUNDED = 0.05
#: Days between two articles' dates that still make one time window: tolls grow from one
#: day's reports to the next ("49 killed" on Tuesday, "105" on Wednesday), a time series.
WINDOW_DAYS = 0
#: Cosine similarity of two articles' specific entities that makes them one story.
STORY = 0.2
_LOWER_BOUNDS = frozenset(
    {"at least", "more than", "over", "above", "no fewer than", "no less than", "upwards of",
     "in excess of", "exceeding", "at minimum", "a minimum of", "+"}
)  # fmt: skip
_UPPER_BOUNDS = frozenset(
    {"up to", "at most", "less than", "fewer than", "under", "below", "no more than",
     "as many as", "a maximum of", "at maximum"}
)  # fmt: skip
_EXACT = frozenset({"", "exactly", "precisely", "just", "only"})
_CUMULATIVE = re.compile(
    r"\b(so far|to date|thus far|as of|since|by the \d+(st|nd|rd|th)|by (mon|tues|wednes|thurs|fri"
    r"|satur|sun)day|by (jan|febr)uary|by (march|april|may|june|july|august|september|october"
    r"|november|december)"
    r"|(has|have|had) (now )?(risen|climbed|reached|grown|increased)|rose to|risen to|climbed to"
    r"|raised the|raises the|updated|latest (toll|figure|count|tally)|new (toll|tally)"
    r"|not the final|in the past (two|three|\d+) days"
    r"|total of|in total|altogether|overall|cumulative|a total)\b",
    re.IGNORECASE,
)

#: A count summed over several incidents: comparable only with another such sum.
_AGGREGATE = re.compile(
    r"\bin (?:separate|several|various|different|a series of|a spate of|a wave of|(?:two|three"
    r"|four|five|six|\d+)(?: separate)?) (?:\w+ )?(?:incidents|attacks|clashes|raids|bombings"
    r"|strikes|shootings)\b"
    r"|\band (?:another|other|a second|two other) (?:\w+ )?(?:incidents?|attacks?|clashes|raids?"
    r"|bombings?|strikes?|shootings?|blasts?|explosions?)\b",
    re.IGNORECASE,
)
#: Kinds that count the victims of an incident: comparable only within one incident.
TOLLS = frozenset(
    {"deaths", "injuries", "casualties", "displaced", "detained", "hostages", "missing",
     "stranded"}
)  # fmt: skip
#: A qualifier before the first of coordinated counts holds for the next ("at least two
#: civilian deaths and 23 injuries": at least 23).
_SHARED_QUALIFIER = re.compile(
    r"\b(at least|more than|over|about|around|nearly|almost|approximately|some|up to)\s+"
    r"[\w,.]+\s+(?:[\w-]+\s+){0,3}and\s+([\w,]+)\b",
    re.IGNORECASE,
)

_QUANTITIES = """
SELECT ?q ?a ?s ?kind ?count ?label ?text ?qualifier ?about ?time ?timeText ?speaker
       ?sentence ?start ?issued WHERE {
  ?q a kg:Quantity ; rdf:subject ?s ; kg:quantityKind ?kind ; kg:count ?count ;
     prov:wasDerivedFrom ?a .
  FILTER NOT EXISTS { ?q kg:negated true }
  FILTER NOT EXISTS { ?q kg:denied true }
  FILTER NOT EXISTS { ?q kg:modality [] }
  OPTIONAL { ?s rdfs:label ?label }
  OPTIONAL { ?q kg:subjectText ?text }
  OPTIONAL { ?q kg:qualifier ?qualifier }
  OPTIONAL { ?q kg:about ?about }
  OPTIONAL { ?q kg:time ?time }
  OPTIONAL { ?q kg:timeText ?timeText }
  OPTIONAL { ?q prov:wasAttributedTo ?sp OPTIONAL { ?sp rdfs:label ?spl } }
  BIND (COALESCE(?spl, ?sp) AS ?speaker)
  OPTIONAL { ?q kg:sentence ?sentence }
  OPTIONAL { ?q kg:sentenceStart ?start }
  OPTIONAL { ?a dcterms:issued ?issued }
}
"""
_PROFILE = """
SELECT ?a ?e WHERE { ?f prov:wasDerivedFrom ?a .
  { ?f rdf:subject ?e } UNION { ?f rdf:object ?e } UNION { ?f kg:about ?e }
  UNION { ?f prov:wasAttributedTo ?e } }
"""


@dataclass(frozen=True)
class Quantity:
    """A count as the conflict rules see it."""

    fact: str
    article: str
    subject: str
    label: str
    kind: str
    value: float
    qualifier: str = ""
    about: str = ""
    time: str = ""
    names: tuple[str, ...] = ()  # lowercased: the subject's label and its text in the sentence
    speaker: str = ""
    sentence: str = ""
    start: int = -1
    time_text: str = ""
    subject_text: str = ""  # as the sentence has it

    @property
    def bounds(self) -> tuple[float, float]:
        """The values the count allows, given its qualifier.

        >>> Quantity("f", "a", "s", "x", "deaths", 2000, "about").bounds
        (1800.0, 2200.0)
        >>> Quantity("f", "a", "s", "x", "troops", 2000).bounds
        (1900.0, 2100.0)
        """
        qualifier = self.qualifier.lower().strip()
        if qualifier in _EXACT:
            if qualifier == "" and self.value >= 1000 and self.value % 100 == 0:
                spread = self.value * ROUNDED  # a round figure is a rounded one
                return (self.value - spread, self.value + spread)
            return (self.value, self.value)
        if qualifier in _LOWER_BOUNDS:
            return (self.value, math.inf)
        if qualifier in _UPPER_BOUNDS:
            return (0.0, self.value)
        spread = abs(self.value) * APPROXIMATE  # about, around, nearly, ... and unknown ones
        return (self.value - spread, self.value + spread)

    @property
    def text(self) -> str:
        """How the count reads: ``at least 2 deaths``."""
        number = f"{self.value:,g}" if self.value != int(self.value) else f"{int(self.value):,}"
        return " ".join(part for part in (self.qualifier, number, self.kind) if part)

    @property
    def words(self) -> str:
        """The counted noun phrase as the sentence has it, else the subject's label."""
        return self.subject_text or self.label


def disagree(a: Quantity, b: Quantity) -> bool:
    """Whether two counts of the same thing cannot both be true.

    >>> q = lambda v, qual="": Quantity("f", "a", "s", "x", "deaths", v, qual)
    >>> disagree(q(5), q(2, "at least")), disagree(q(1), q(2, "at least"))
    (False, True)
    """
    (low_a, high_a), (low_b, high_b) = a.bounds, b.bounds
    return high_a < low_b or high_b < low_a


@dataclass(frozen=True)
class Pair:
    """Two disagreeing counts: a conflict when ``unsure`` is empty, else a candidate."""

    first: Quantity
    second: Quantity
    unsure: tuple[str, ...] = field(default=())  # what could not be established, and why


@dataclass
class _Facts:
    """What the rules know of each count beyond its value."""

    context: Context
    specific: frozenset[str]
    scopes: frozenset[str]
    profiles: dict[str, Counter[str]]
    issued: dict[str, str]
    sides: dict[str, frozenset[str]] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    places: dict[str, frozenset[str]] = field(default_factory=dict)  # sentence's and article's
    named: dict[str, frozenset[str]] = field(default_factory=dict)  # the sentence's own
    near: dict[str, frozenset[str]] = field(default_factory=dict)  # and the two before it
    stories: dict[tuple[str, str], float] = field(default_factory=dict)  # by article pair
    incidents: dict[str, frozenset[str]] = field(default_factory=dict)  # naming words


def count_pairs(store: KGStore, specific: frozenset[str]) -> Iterator[Pair]:
    """Every pair of disagreeing counts of different articles, with what is unsure
    (``specific``: the store's :func:`~.specific.specific_nodes`)."""
    quantities, issued = _quantities(store)
    if len(quantities) < 2:
        return
    facts = _facts(store, quantities, issued, specific)
    by_sentence: dict[tuple[str, int], list[Quantity]] = defaultdict(list)
    for quantity in quantities:
        by_sentence[quantity.article, quantity.start].append(quantity)
    buckets: dict[tuple[str, str], list[Quantity]] = defaultdict(list)
    for quantity in quantities:  # only counts of one kind and compatible groups can conflict
        group = facts.groups[quantity.fact]
        buckets[quantity.kind, GENERIC if group == MIXED else group].append(quantity)
    for members in buckets.values():
        for a, b in combinations(members, 2):
            if a.article == b.article or not disagree(a, b):
                continue
            if _breakdown(a, by_sentence[b.article, b.start]) or _breakdown(
                b, by_sentence[a.article, a.start]
            ):
                continue  # "four soldiers and two police" sum to the other's six
            unsure = _unsure(a, b, facts)
            if unsure is not None:
                first, second = sorted((a, b), key=lambda q: q.fact)
                yield Pair(first, second, unsure)


def _unsure(a: Quantity, b: Quantity, facts: _Facts) -> tuple[str, ...] | None:
    """None: not even a candidate; () a conflict; else what keeps it a candidate."""
    if not compatible_groups(facts.groups[a.fact], facts.groups[b.fact]):
        return None  # troops and civilians, children and people: different populations
    side_a, side_b = facts.sides[a.fact], facts.sides[b.fact]
    if side_a and side_b and not side_a & side_b:
        return None  # one army's dead and the other's
    incident = _incident(a, b, facts)
    if incident is False:
        return None  # "the weekend suicide bombings" and "the West Bank raid"
    story = _story(a.article, b.article, facts) >= STORY
    window = _window(a, b, facts)
    same_place = bool(facts.places[a.fact] & facts.places[b.fact])
    together = (
        story
        or bool(facts.named[a.fact] & facts.named[b.fact])
        or bool(window)
        or (bool(side_a & side_b) and bool(facts.near[a.fact] & facts.near[b.fact]))
    )  # the last: one side's count of a place both name in or just before the count
    event = _event(a, b, facts, together) or incident
    if event is False:
        return None  # different events
    if window is None and together and (event or a.kind not in TOLLS):
        window = True  # undated counts of one story, or of one place both sentences name:
        # a toll needs its incident too (articles of one week tell of many)
    if window is False and not event:
        return None  # different days: another time, another count
    unsure: list[str] = []
    if window is False:
        unsure.append("different days: a later count of a time series")
    if not (side_a and side_b):
        unsure.append("whose count it is (the side) is not established for both")
    if not event:
        if not same_place:
            unsure.append("neither the same event nor the same place")
        elif not window:
            unsure.append("the same place, but the time window is not established")
    if _cumulative(a) or _cumulative(b):
        unsure.append("one count is cumulative (a later point of a time series)")
    if bool(_AGGREGATE.search(a.sentence)) != bool(_AGGREGATE.search(b.sentence)):
        unsure.append("one count is a sum over several incidents, the other is not")
    if unsure and not (together or event or a.subject == b.subject):
        return None  # nothing in common worth a human's look
    if unsure and not (event or side_a or side_b):
        return None  # whose count neither says, of no known event: balls, runs, seats ...
    return tuple(unsure)


def _event(a: Quantity, b: Quantity, facts: _Facts, together: bool) -> bool | None:
    """True: the same event node, in articles of one story, place or time; False: two
    different events; None: unknown."""
    known = [q.about for q in (a, b) if q.about and not article_scoped(q.about, facts.scopes)]
    if len(known) < 2:
        return None
    if known[0] != known[1]:
        return False
    return True if together else None


def _incident(a: Quantity, b: Quantity, facts: _Facts) -> bool | None:
    """Of two tolls: one incident (True), two (False), or unknown (:mod:`.events`)."""
    if a.kind not in TOLLS:
        return None
    return same_incident(facts.incidents[a.fact], facts.incidents[b.fact], facts.context.sides_in)


def _shared_qualifier(sentence: str, value: float) -> str:
    """The qualifier of the count before this one when both share it (see
    :data:`_SHARED_QUALIFIER`), else none."""
    for match in _SHARED_QUALIFIER.finditer(sentence):
        if number_value(match.group(2)) == value:
            return match.group(1).lower()
    return ""


def _window(a: Quantity, b: Quantity, facts: _Facts) -> bool | None:
    """True: the same time window; False: different ones; None: unknown (undated).

    Two times a count states itself ("on September 19") must agree to the day (or one
    contain the other: ``2023-09`` and ``2023-09-19``); a count without one takes its
    article's date, and articles up to :data:`WINDOW_DAYS` apart report one window.
    """
    own = [q.time for q in (a, b)]
    times = [q.time or facts.issued.get(q.article, "") for q in (a, b)]
    if not all(times):
        return None
    x, y = times
    if x.startswith(y) or y.startswith(x):
        return True
    if all(own):
        return False
    try:
        apart = abs((date.fromisoformat(x[:10]) - date.fromisoformat(y[:10])).days)
    except ValueError:
        return False  # a month or year against another: different windows
    return apart <= WINDOW_DAYS


def _cumulative(quantity: Quantity) -> bool:
    return bool(_CUMULATIVE.search(quantity.time_text) or _CUMULATIVE.search(quantity.sentence))


def _breakdown(total: Quantity, parts: list[Quantity]) -> bool:
    """Whether several counts of one sentence add up to ``total``."""
    same = [p for p in parts if p.kind == total.kind]
    if len(same) < 2:
        return False
    low, high = total.bounds
    summed = sum(p.value for p in same)
    return low <= summed <= high or any(
        low <= summed - p.value <= high for p in same
    )  # a total among the parts ("six, four soldiers and two police")


def _story(x: str, y: str, facts: _Facts) -> float:
    """Cosine similarity of two articles' specific entities (computed once per pair)."""
    key = (x, y) if x < y else (y, x)
    if key not in facts.stories:
        a, b = facts.profiles.get(x, Counter()), facts.profiles.get(y, Counter())
        dot = sum(n * b[e] for e, n in a.items() if e in b)
        norms = math.sqrt(sum(n * n for n in a.values()) * sum(n * n for n in b.values()))
        facts.stories[key] = dot / norms if dot else 0.0
    return facts.stories[key]


def _facts(
    store: KGStore, quantities: list[Quantity], issued: dict[str, str], specific: frozenset[str]
) -> _Facts:
    profiles: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows(store.query(_PROFILE)):
        if row["e"].value in specific:
            profiles[row["a"].value][row["e"].value] += 1
    facts = _Facts(Context.of(store), specific, article_scopes(store), profiles, issued)
    for q in quantities:
        facts.groups[q.fact] = group_of(q.words, q.kind)
        facts.sides[q.fact] = _sides(q, facts)
        facts.named[q.fact] = own = facts.context.places_in(q.sentence)
        facts.near[q.fact] = facts.context.near_places(q.article, q.start, q.sentence)
        facts.places[q.fact] = own | facts.context.main_places(q.article)
        facts.incidents[q.fact] = event_words(q.sentence, q.value, q.words)
    return facts


def _sides(quantity: Quantity, facts: _Facts) -> frozenset[str]:
    context = facts.context
    own = context.sides_in(quantity.words) or context.sides_in(quantity.label)
    if own:
        return own
    if quantity.speaker:
        spoken = context.sides_in(quantity.speaker)
        if spoken:
            return spoken
    if facts.groups[quantity.fact] in {"*", "+"}:
        return frozenset()  # "people" are whoever the sentence says; it did not say
    return context.context_sides(quantity.article, quantity.start, quantity.words.split())


def _quantities(store: KGStore) -> tuple[list[Quantity], dict[str, str]]:
    found: dict[str, Quantity] = {}
    issued: dict[str, str] = {}
    for row in rows(store.query(_QUANTITIES)):
        try:
            value = float(row["count"].value)
        except ValueError:
            continue  # not a number: nothing to compare
        if row["issued"] is not None:
            issued[row["a"].value] = min(_text(row["issued"]), issued.get(row["a"].value, "~"))
        label = _text(row["label"]) or _local(row["s"].value)
        quantity = Quantity(
            fact=row["q"].value,
            article=row["a"].value,
            subject=row["s"].value,
            label=label,
            kind=row["kind"].value.lower(),
            value=value,
            qualifier=_text(row["qualifier"]) or _shared_qualifier(_text(row["sentence"]), value),
            about=_text(row["about"]),
            time=_text(row["time"]),
            names=tuple(sorted({label.lower(), _text(row["text"]).lower()} - {""})),
            speaker=_text(row["speaker"]),
            sentence=_text(row["sentence"]),
            start=int(row["start"].value) if row["start"] is not None else -1,
            time_text=_text(row["timeText"]),
            subject_text=_text(row["text"]),
        )
        if quantity.fact not in found or _order(quantity) < _order(found[quantity.fact]):
            found[quantity.fact] = quantity  # several values of an option: the least, stably
    return sorted(found.values(), key=lambda q: q.fact), issued


def _order(q: Quantity) -> tuple[str, ...]:
    return (q.label, q.kind, q.qualifier, q.about, q.time, q.speaker, q.subject_text, *q.names)


def _local(iri: str) -> str:
    """The readable end of an IRI: ``entity/Russian_peacekeepers`` -> ``Russian peacekeepers``."""
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1].replace("_", " ")


def _text(term: object) -> str:
    return "" if term is None else str(term.value)  # type: ignore[attr-defined]
