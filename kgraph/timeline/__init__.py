"""Entity timelines: the events an entity takes part in, across articles, in time order.

An *event* here is a fact of the store (a subject, a relation and an object, from one sentence)
in which the entity is the subject, the object or a participant (``kg:about``). The entity is
found by its label or any alias (``skos:altLabel``: other surface forms, short names, and what
linking resolved at build time, such as a capital's government for "Baku said"); a fact whose
subject or object is written as the name ("iPhone 4", "the iPhone 4") is taken too, whatever
node the mention was linked to. Each event is
anchored at the fact's own ``kg:time`` (a day, a month or a year), else at its article's
``dcterms:issued``, else it is undated; mentions of one event in several articles (the same
relation with the same other party at the same date) share one line. A line is marked disputed
when the store's conflict analysis pairs one of its facts with a disagreeing one, or when the
articles give the same event different dates.

>>> from kgraph.timeline import Event
>>> Event("2023-09", "month", "fact", "A attacks B", ()).precision
'month'
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kgraph.errors import ConfigError
from kgraph.timeline.entities import described, find_entities, short_names
from kgraph.timeline.labels import LabelIndex
from kgraph.timeline.query import TIMELINE_QUERY, timeline_query

if TYPE_CHECKING:
    from pathlib import Path

    from kgraph.graph import KGStore

__all__ = [
    "DESCRIPTIONS",
    "TIMELINE_QUERY",
    "EntityTimeline",
    "Event",
    "Mention",
    "entity_timeline",
    "find_entities",
    "short_names",
    "timeline_query",
]

_PRECISION = {4: "year", 7: "month", 10: "day"}
#: Extraction rules whose facts describe the entity (what it is, its role, where it is) rather
#: than tell something that happened: left out of a timeline unless asked for.
DESCRIPTIONS = frozenset(
    {"apposition", "apposition_of", "copula", "copula_of", "role", "role_of", "location"}
)
_ANCHOR_RANK = {"fact": 0, "article": 1, "undated": 2}


@dataclass(frozen=True)
class Mention:
    """One fact of one article: an event as one sentence tells it."""

    fact: str
    entity: str  # the IRI of the entity (or of its description) the fact is about
    role: str  # subject | object | participant | speaker
    subject: str
    relation: str
    object: str
    predicate: str
    other: str  # the IRI (or value) of the other party
    date: str  # the anchor: the fact's time, else the article's date, else ""
    anchor: str  # fact | article | undated
    time_text: str
    article: str
    identifier: str
    title: str
    url: str
    source: str  # the publisher, else the URL's host, else the article id
    issued: str
    sentence: str
    sentence_start: int
    relation_text: str
    relation_start: int  # character offsets of the relation in the article text
    relation_end: int
    object_start: int | None = None  # the object's offsets, when it is a mention of the text
    object_end: int | None = None
    speaker: str = ""
    cue: str = ""
    stance: str = "affirmed"  # affirmed | negated | denied | modal: <word>
    confidence: float | None = None
    extractor: str = ""
    conflicts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    """One line of a timeline: an event and its mentions (simultaneous, maybe many articles)."""

    date: str  # YYYY, YYYY-MM, YYYY-MM-DD, or "" when undated
    precision: str  # day | month | year | undated
    anchor: str  # fact (a date the text gives) | article (its publication date) | undated
    label: str  # "subject relation object"
    mentions: tuple[Mention, ...]
    disputed: tuple[str, ...] = ()  # why the sources disagree, when they do

    @property
    def sources(self) -> tuple[str, ...]:
        """The distinct sources of the mentions."""
        return tuple(dict.fromkeys(m.source for m in self.mentions))


@dataclass(frozen=True)
class EntityTimeline:
    """The timeline of one entity: its events, undated ones last."""

    entity: str
    label: str
    iris: tuple[str, ...]
    events: tuple[Event, ...] = field(default=())


def entity_timeline(
    store: KGStore | Path | LabelIndex,
    entity: str,
    *,
    start: str | None = None,
    end: str | None = None,
    source: str | None = None,
    mentioned: bool = False,
    descriptions: bool = False,
    iris: Iterable[str] | None = None,
) -> EntityTimeline:
    """The timeline of the entity a name, alias or IRI names (or of the given ``iris``).

    ``store`` is an open store, its folder or its index: the timeline is read from the
    store's index (:mod:`kgraph.timeline.labels`, made first when the store changed), which
    holds the rows :data:`TIMELINE_QUERY` returns. ``start`` and ``end`` (``YYYY[-MM[-DD]]``,
    both inclusive) keep the events whose date overlaps them (undated events are dropped
    then); ``source`` keeps the mentions whose publisher, URL host or article id contains it
    (case-insensitive); ``mentioned`` adds the facts whose subject or object names the entity
    inside a longer phrase (:func:`find_entities`); ``descriptions`` keeps the facts that
    describe rather than happen (:data:`DESCRIPTIONS`).

    Raises:
        ConfigError: no entity has that name, or a date is not ``YYYY[-MM[-DD]]``.
    """
    for value in (start, end):
        if value is not None and not _is_date(value):
            raise ConfigError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2005-01)")
    index = LabelIndex.of(store)
    if iris is None:
        label, found = find_entities(index, entity, mentioned)
    else:
        found = tuple(iris)
        label = entity
    asked = index.facts.of_entities(found)
    descriptions_of = described(index, found, asked)
    asked += index.facts.of_entities(d for d in descriptions_of if d not in found)
    facts = [v for v in asked if v["e"] in found or v["article"] in descriptions_of.get(v["e"], ())]
    seen = {v["fact"] for v in facts}
    written = index.facts.written(_as_written(entity, label))
    facts += [v for v in written if v["fact"] not in seen]
    mentions = list(_mentions(_with_articles(index, facts)))
    if not descriptions:
        mentions = [m for m in mentions if m.extractor not in DESCRIPTIONS]
    if source:
        mentions = [m for m in mentions if _from_source(m, source)]
    events = [e for e in _events(mentions) if _within(e.date, start, end)]
    return EntityTimeline(entity, label, found, tuple(events))


def _as_written(*names: str) -> list[str]:
    """The ways a subject or object mention writes a name: as is, after "the" ("The A380")."""
    found = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        if name.startswith(("http://", "https://")):
            continue
        found += [name, f"the {name}", f"The {name}"]
    return found


def _with_articles(index: LabelIndex, facts: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows as :data:`TIMELINE_QUERY` gives them: with the labels of their nodes, their
    article's fields, their anchor, and a row per conflict of a fact."""
    articles = index.facts.articles(v["article"] for v in facts)
    nodes = [v[k] for v in facts for k in ("s", "p", "o", "speakerNode") if k in v]
    labels = index.label_of(nodes)
    conflicts = index.facts.conflicts(v["fact"] for v in facts)
    found = []
    for value in facts:
        value.update(articles.get(value["article"], {}))
        value["subject"] = labels.get(value["s"], value["s"])
        value["relation"] = labels.get(value["p"]) or value.get("relationText") or value["p"]
        value["object"] = labels.get(value["o"], value["o"])
        speaker = labels.get(value.get("speakerNode", ""))
        if speaker is not None:
            value["speaker"] = speaker
        time, issued = value.get("time"), value.get("issued")
        value["anchor"] = "fact" if time else "article" if issued else "undated"
        value["when"] = time or issued or ""
        found += [{**value, "conflict": c} for c in conflicts.get(value["fact"], ())] or [value]
    return sorted(found, key=_in_order)


def _in_order(value: dict[str, str]) -> tuple[str, str, int, int, int]:
    """The order of :data:`TIMELINE_QUERY`; a fact the entity is in twice keeps its first role
    (subject, object, participant, speaker)."""
    at = (int(value.get("sentenceStart", 0)), int(value.get("relationStart", 0)))
    return (value["when"], value["article"], *at, _ROLES.index(value["role"]))


_ROLES = ("subject", "object", "participant", "speaker")


def _mentions(results: Iterable[dict[str, str]]) -> Iterator[Mention]:
    """One :class:`Mention` per fact (a fact in two conflicts comes in two rows)."""
    by_fact: dict[str, Mention] = {}
    for value in results:
        iri = value["fact"]
        old = by_fact.get(iri)
        conflict = (value["conflict"],) if "conflict" in value else ()
        if old is not None:
            if conflict and conflict[0] not in old.conflicts:
                by_fact[iri] = replace(old, conflicts=old.conflicts + conflict)
            continue
        by_fact[iri] = _mention(value, conflict)
    yield from by_fact.values()


def _mention(value: dict[str, str], conflicts: tuple[str, ...]) -> Mention:
    role = value["role"]
    url = value.get("url", "")
    when = value.get("when", "")[:10]
    return Mention(
        fact=value["fact"],
        entity=value["e"],
        role=role,
        subject=value["subject"],
        relation=_readable(value["relation"]),
        object=value["object"],
        predicate=value["p"],
        other=value["s"] if role == "object" else value["o"],
        date=when if _is_date(when) else "",
        anchor=value["anchor"] if _is_date(when) else "undated",
        time_text=value.get("timeText", ""),
        article=value["article"],
        identifier=value.get("identifier", ""),
        title=value.get("title", ""),
        url=url,
        source=value.get("publisher") or urlsplit(url).hostname or value.get("identifier", ""),
        issued=value.get("issued", ""),
        sentence=value["sentence"],
        sentence_start=int(value.get("sentenceStart", 0)),
        relation_text=value.get("relationText", ""),
        relation_start=int(value.get("relationStart", 0)),
        relation_end=int(value.get("relationEnd", value.get("relationStart", 0))),
        object_start=int(value["objectStart"]) if "objectEnd" in value else None,
        object_end=int(value["objectEnd"]) if "objectStart" in value else None,
        speaker=value.get("speaker", ""),
        cue=value.get("cue", ""),
        stance=_stance(value),
        confidence=float(value["confidence"]) if "confidence" in value else None,
        extractor=value.get("extractor", ""),
        conflicts=conflicts,
    )


def _readable(relation: str) -> str:
    """A relation without label or text: its IRI's local name ("kgrel:fly_to" → "fly to")."""
    if relation.startswith(("http://", "https://")):
        return re.split(r"[/#]", relation)[-1].replace("_", " ")
    return relation


def _stance(value: dict[str, str]) -> str:
    if value.get("denied") == "true":
        return "denied"
    if value.get("negated") == "true":
        return "negated"
    if "modality" in value:
        return f"modal: {value['modality']}"
    return "affirmed"


def _events(mentions: list[Mention]) -> list[Event]:
    """Mentions grouped by (relation, other party, date), ordered; disagreements marked."""
    groups: dict[tuple[str, str, str, str], list[Mention]] = {}
    for m in mentions:
        groups.setdefault((m.predicate, m.role, m.other, m.date), []).append(m)
    dates: dict[tuple[str, str, str], set[str]] = {}
    for (predicate, role, other, date), group in groups.items():
        if any(m.anchor == "fact" for m in group):
            dates.setdefault((predicate, role, other), set()).add(date)
    events = []
    for (predicate, role, other, date), group in groups.items():
        group.sort(key=lambda m: (m.issued, m.article, m.sentence_start, m.relation_start))
        reasons = [c for m in group for c in m.conflicts]
        others = sorted(d for d in dates.get((predicate, role, other), ()) if _clash(d, date))
        if others and any(m.anchor == "fact" for m in group):
            reasons.append(f"the articles date it differently: {', '.join([date, *others])}")
        stances = {m.stance for m in group}
        if len(stances) > 1:
            reasons.append(f"the articles disagree: {', '.join(sorted(stances))}")
        first = group[0]
        anchor = min((m.anchor for m in group), key=_ANCHOR_RANK.__getitem__)
        label = f"{first.subject} {first.relation} {first.object}"
        if role == "speaker":
            label = f"{first.speaker} {first.cue or 'says'}: {label}"
        precision = _PRECISION.get(len(date), "undated")
        events.append(
            Event(date, precision, anchor, label, tuple(group), tuple(dict.fromkeys(reasons)))
        )
    events.sort(key=_order)
    return events


def _order(event: Event) -> tuple[bool, str, str, str, int]:
    first = event.mentions[0]
    return (not event.date, _start(event.date), first.issued, first.article, first.relation_start)


def _clash(a: str, b: str) -> bool:
    """Two dates that cannot be the same time (neither contains the other)."""
    return bool(a and b) and not (a.startswith(b) or b.startswith(a))


def _start(date: str) -> str:
    return (date + "-01-01"[len(date) - 4 :]) if date else ""


def _end(date: str) -> str:
    return (date + "-12-31"[len(date) - 4 :]) if date else ""


def _within(date: str, start: str | None, end: str | None) -> bool:
    if start is None and end is None:
        return True
    if not date:
        return False
    after = start is None or _end(date) >= _start(start)
    return after and (end is None or _start(date) <= _end(end))


def _is_date(value: str) -> bool:
    """Whether ``value`` is a real ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    if len(value) not in _PRECISION or not value[:4].isdigit():
        return False
    try:
        datetime.date.fromisoformat((value + "-01-01"[len(value) - 4 :])[:10])
    except ValueError:
        return False
    return True


def _from_source(mention: Mention, source: str) -> bool:
    wanted = source.casefold()
    host = urlsplit(mention.url).hostname or ""
    return any(wanted in field.casefold() for field in (mention.source, host, mention.identifier))
