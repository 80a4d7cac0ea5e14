"""kgraph's timelines in the task's format: events as ``DOCID-SENTENCE-WORD`` from offsets.

A kgraph event is a fact; its word in the task's sense is the relation's main word: the first
token of the relation's span (character offsets in the article text) that is no auxiliary, modal,
negation or particle ("has initiated" → "initiated", "will begin" → "begin").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from corpora import CatDocument, CatToken

from kgraph.timeline import EntityTimeline, Mention
from timeline.scorer import Timeline, ordered

#: Words of a relation's span that are not the event: auxiliaries, modals, negation, particles.
_NOT_EVENT = frozenset(
    {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "have", "has", "had"}
    | {"having", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may"}
    | {"might", "must", "not", "n't", "never", "to", "also", "already", "still", "just", "then"}
    | {"now", "first", "twice", "once", "again", "soon", "later", "ever", "even", "only", "yet"}
)
#: Adverbs in -ly that are verbs ("supply") stay.
_LY_VERBS = frozenset({"apply", "supply", "reply", "rely", "comply", "fly", "multiply", "ally"})
#: Nouns that name an event ("filed a lawsuit": the lawsuit is an event of the timeline too).
_EVENT_NOUNS = frozenset(
    {"flight", "flights", "launch", "deal", "deals", "sale", "sales", "order", "orders", "suit"}
    | {"lawsuit", "case", "attack", "visit", "tour", "trip", "delivery", "deliveries", "purchase"}
    | {"test", "crash", "strike", "merger", "release", "keynote", "speech", "talks", "meeting"}
    | {"conference", "event", "trial", "ruling", "bid", "offer", "protest", "debut", "service"}
)
_EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence")
_LIGHT_VERBS = frozenset(
    {"give", "gives", "gave", "given", "giving", "make", "makes", "made", "making", "take"}
    | {"takes", "took", "taken", "taking", "extend", "extends", "extended", "hold", "holds"}
    | {"held", "holding", "pay", "paid", "conduct", "conducted", "stage", "staged"}
)
_PREPOSITIONS = frozenset({"of", "for", "to", "in", "on", "at", "by", "with", "from", "against"})


#: kgraph facts that are no events in the task's sense (counts).
_NOT_EVENTS = frozenset({"quantity"})
#: Stances of facts that tell what did not happen ("did not fly").
_NOT_HAPPENED = frozenset({"negated", "denied"})


class Placer:
    """Finds the CAT tokens under character offsets of one document's record text."""

    def __init__(self, document: CatDocument) -> None:
        self.document = document
        self._tokens = [t for t in document.tokens if t.start >= 0]
        self._starts = [t.start for t in self._tokens]

    def tokens(self, start: int, end: int) -> list[CatToken]:
        """The tokens that overlap ``[start, end)``."""
        first = max(bisect_right(self._starts, start) - 1, 0)
        found = []
        for token in self._tokens[first:]:
            if token.start >= end:
                break
            if token.end > start:
                found.append(token)
        return found

    def event_id(self, start: int, end: int) -> str | None:
        """``DOCID-SENTENCE-WORD`` of the main word under ``[start, end)``, if any; a particle
        after it joins it as the task writes phrasal verbs ("showed_off").

        >>> from corpora import CatDocument, CatToken
        >>> doc = CatDocument("7", "", "", {}, (CatToken(2, 10, "has", 0, 3),
        ...                                     CatToken(2, 11, "shown", 4, 9),
        ...                                     CatToken(2, 12, "off", 10, 13)))
        >>> Placer(doc).event_id(0, 13)
        '7-2-shown_off'
        """
        tokens = self.tokens(start, end)
        words = [t for t in tokens if not _function_word(t.text)]
        if not words:
            return None
        word = words[0].text
        if len(words) > 1 and words[1].text.casefold() in _PARTICLES:
            word += "_" + words[1].text
        return f"{self.document.doc_id}-{words[0].sentence}-{word}"

    def noun_event_id(self, start: int, end: int) -> str | None:
        """``DOCID-SENTENCE-WORD`` of the head of a noun phrase under ``[start, end)`` when it
        names an event ("a lawsuit against Apple" → "lawsuit"), else None."""
        tokens = self.tokens(start, end)
        cut = next((i for i, t in enumerate(tokens) if t.text.casefold() in _PREPOSITIONS), None)
        head = tokens[:cut][-1:] if cut else tokens[-1:]
        if not head:
            return None
        word = head[0].text.casefold()
        if word not in _EVENT_NOUNS and not word.endswith(_EVENT_SUFFIXES):
            return None
        return f"{self.document.doc_id}-{head[0].sentence}-{head[0].text}"

    def infinitive_ids(self, start: int, end: int) -> list[str]:
        """``DOCID-SENTENCE-WORD`` of the infinitives in a relation under ``[start, end)``: the
        event goes on there ("has chosen to step down", "returned to reveal").

        >>> from corpora import CatDocument, CatToken
        >>> words = "has chosen to step down to the".split()
        >>> at = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
        >>> doc = CatDocument("7", "", "", {}, tuple(
        ...     CatToken(2, i, w, a, a + len(w)) for i, (w, a) in enumerate(zip(words, at))))
        >>> Placer(doc).infinitive_ids(0, at[-1] + 3)
        ['7-2-step_down']
        """
        tokens = self.tokens(start, end)
        found = []
        for i, (before, token) in enumerate(pairwise(tokens), start=1):
            word = token.text
            if before.text.casefold() != "to" or not (word.isalpha() and word.islower()):
                continue
            if word in _NOT_VERBS or len(word) < 3:
                continue
            after = tokens[i + 1 : i + 2]
            if after and after[0].text.casefold() in _PARTICLES:
                word += "_" + after[0].text
            found.append(f"{self.document.doc_id}-{token.sentence}-{word}")
        return found

    def cue_id(self, start: int, end: int, cue: str) -> str | None:
        """``DOCID-SENTENCE-WORD`` of the reporting word (``cue``, a lemma) in ``[start, end)``."""
        forms = _forms(cue.casefold())
        for token in self.tokens(start, end):
            if token.text.casefold() in forms:
                return f"{self.document.doc_id}-{token.sentence}-{token.text}"
        return None


_PARTICLES = frozenset({"off", "out", "up", "down", "back", "away"})
#: Words after "to" that are no infinitive of an event ("to the stage", "to be").
_NOT_VERBS = frozenset(
    {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these"}
    | {"those", "be", "have", "do", "some", "all", "any", "each", "every", "more", "about", "date"}
)


def _function_word(word: str) -> bool:
    """An auxiliary, modal, negation, preposition or adverb: not the event of a relation."""
    folded = word.casefold()
    if folded in _NOT_EVENT or folded in _PREPOSITIONS:
        return True
    return folded.endswith("ly") and folded not in _LY_VERBS


def light_verb(word: str) -> bool:
    """A verb whose object noun is the event ("made an appearance", "gave his keynote").

    >>> light_verb("gave"), light_verb("announced")
    (True, False)
    """
    return word.casefold() in _LIGHT_VERBS


_IRREGULAR = {"say": {"said"}, "tell": {"told"}, "write": {"wrote", "written"}}


def _forms(lemma: str) -> set[str]:
    """The inflected forms a reporting verb's lemma takes ("announce" → "announced", ...)."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    return forms | _IRREGULAR.get(lemma, set())


def lead_dates(times: Iterable[tuple[str, int, str, str]], days: int = 7) -> dict[str, str]:
    """Each article's lead date: the first day, in text order, that its facts' times give within
    ``days`` before its publication ("on Monday" in the lead of a Tuesday article), since a news
    story's undated sentences tell that day's event. ``times`` are (article, offset, kg:time,
    publication date) rows.

    >>> lead_dates([("a", 90, "2010-06-07", "2010-06-08"), ("a", 10, "2009", "2010-06-08")])
    {'a': '2010-06-07'}
    """
    leads: dict[str, tuple[int, str]] = {}
    for article, offset, when, issued in times:
        if len(when) != 10 or len(issued) < 10:
            continue
        gap = date.fromisoformat(issued[:10]) - date.fromisoformat(when)
        if timedelta(0) <= gap <= timedelta(days) and offset < leads.get(article, (1 << 62, ""))[0]:
            leads[article] = (offset, when)
    return {article: when for article, (_, when) in leads.items()}


def offset_in_record(mention: Mention, stored_text: str, record_text: str) -> int:
    """How far the record's text is shifted from the store's text at this mention (0 when the
    build kept the text as it was; else found by the mention's sentence)."""
    if stored_text == record_text:
        return 0
    at = record_text.find(mention.sentence)
    return at - mention.sentence_start if at >= 0 else 0


def system_timeline(
    found: EntityTimeline,
    placers: dict[str, Placer],
    texts: dict[str, str],
    target: str,
    leads: dict[str, str] | None = None,
) -> Timeline:
    """The task-format timeline of a kgraph timeline: one line per kgraph event.

    ``placers`` maps an article's input id (``dcterms:identifier``) to its document, ``texts``
    the article IRI to its stored text; ``leads`` an article IRI to its lead date
    (:func:`lead_dates`), which dates the events that only have the article's date.
    """
    points: list[tuple[str, tuple[str, ...]]] = []
    for event in found.events:
        if leads and event.anchor == "article":
            event = replace(event, date=leads.get(event.mentions[0].article, event.date))
        ids = tuple(dict.fromkeys(_ids(event.mentions, placers, texts)))
        if ids:
            points.append((event.date, ids))
    return ordered(target, _merge(points))


def _ids(
    mentions: Iterable[Mention],
    placers: dict[str, Placer],
    texts: dict[str, str],
    nouns: bool = True,
) -> Iterator[str]:
    for m in mentions:
        placer = placers.get(m.identifier)
        if placer is None:
            continue
        if m.stance in _NOT_HAPPENED:
            continue  # what did not happen is no point of a timeline
        if m.extractor in _NOT_EVENTS and m.role != "speaker":
            continue  # a count is no event, but its source's statement is ("Boeing says ...")
        shift = offset_in_record(m, texts.get(m.article, ""), placer.document.record["text"])
        if m.role == "speaker":
            start = m.sentence_start + shift
            event = placer.cue_id(start, start + len(m.sentence), m.cue)
        else:
            event = placer.event_id(m.relation_start + shift, m.relation_end + shift)
        noun = None
        if nouns and m.object_start is not None and m.object_end is not None:
            noun = placer.noun_event_id(m.object_start + shift, m.object_end + shift)
        light = event is not None and light_verb(event.rsplit("-", 1)[-1].split("_")[0])
        if event and not (light and noun):
            yield event  # the light verb's noun is the event: "made an appearance"
        if m.role != "speaker":
            yield from placer.infinitive_ids(m.relation_start + shift, m.relation_end + shift)
        if noun and (light or noun.rsplit("-", 1)[-1].casefold() in _EVENT_NOUNS):
            yield noun


def _merge(points: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, tuple[str, ...]]]:
    """One line per event id: an id two kgraph events share stays at its first (earliest) date."""
    seen: set[str] = set()
    kept = []
    for when, ids in sorted(points, key=lambda p: (not p[0], p[0])):
        fresh = tuple(i for i in ids if i.casefold() not in seen)
        seen.update(i.casefold() for i in fresh)
        if fresh:
            kept.append((when, fresh))
    return kept
