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

:func:`~kgraph.extract.dates.resolve` turns the text into an ISO value
(:mod:`kgraph.extract.dates` says how).

>>> resolve("on Tuesday", "2023-09-20"), resolve("in 2020", None), resolve("Dec. 1", None)
('2023-09-19', '2020', None)
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kgraph.extract.dates import (
    count,
    defined_weekday,
    following,
    resolve,
    span_ends,
    specificity,
    split_range,
    weekday_definitions,
)
from kgraph.extract.index import doc_text, entities_in, entity_at
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
#: A number that spaCy may label DATE but that is no time: an age, a score, a count.
_NOT_TIME = re.compile(r"'?\d{1,3}|\d{1,3}\s*-\s*\d{1,3}")
_NUMBER_RANGE = re.compile(r"(?:between\s+)?(\w+)\s+(?:and|to)\s+(\w+)", re.IGNORECASE)
#: Auxiliaries and governing words that put a fact in the future.
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_FUTURE_HEADS = frozenset({"due", "schedule", "slate", "set", "expect", "plan", "go"})
_DEADLINE_PREPS = frozenset({"by", "until", "till"})
#: "from 2009 to 2011": a preposition that opens a span and the word before its end.
_RANGE_STARTS = frozenset({"from", "between"})
_RANGE_ENDS = frozenset({"to", "until", "till", "through"})
_YEAR_TOKEN = re.compile(r"1[89]\d\d|20\d\d")
_REPORTING = frozenset({"say", "tell", "report", "announce", "confirm", "add"})
_FORECASTING = frozenset({"forecast", "predict", "project", "estimate", "state", "expect"})
#: Nouns of a part of a period: "the end of 2020", "the fall of 2011" are times, not names.
_PERIODS = frozenset(
    {"end", "beginning", "start", "middle", "half", "quarter", "part", "rest", "remainder"}
    | {"spring", "summer", "autumn", "fall", "winter", "season", "year", "month", "week"}
    | {"period", "day", "night", "morning", "afternoon", "evening", "time"}
)
_PRESENT_TAGS = frozenset({"VBZ", "VBP", "VB"})
_DEFINITIONS_KEY = "kgraph.weekday_definitions"  # in Doc.user_data


def timestamp(doc: Doc, triple: SurfaceTriple, published: str | None) -> SurfaceTriple:
    """The triple with its time expression set when its sentence has one."""
    if triple.time is not None:
        return triple
    sentence = doc.char_span(triple.sentence.start, triple.sentence.end, alignment_mode="expand")
    if sentence is None:
        return triple
    expressions = found = time_expressions(sentence)
    if not found:
        return triple
    relation = _token_at(doc, triple.relation.start)
    if triple.rule in _NOUN_PHRASE_RULES and not _predicate(relation):
        return triple  # "Ryanair, an Irish airline, announced today": the apposition is timeless
    anchor = _verb(relation)
    arguments = (triple.subject, triple.object)
    roots = _roots(doc, arguments)
    found = [e for e in found if _in_clause(e, anchor, roots)]
    if triple.rule in _NOUN_PHRASE_RULES | _COPULA_RULES:  # a state: only a dated copula
        found = [e for e in found if _attachment(e) == anchor]  # not "is a drop from 1999"
    if not found:
        return triple

    def rank(expression: SpacySpan) -> tuple[int, int, int]:
        head = _attachment(expression)
        attached = _verb(head) if head != expression.root else None
        inside = head in roots
        place = 0 if attached == anchor else 1 if inside else 2
        return place, specificity(expression.text), abs(expression.root.i - anchor.i)

    return replace(triple, time=_value(doc, min(found, key=rank), expressions, published))


def _value(
    doc: Doc, best: SpacySpan, expressions: list[SpacySpan], published: str | None
) -> TimeExpression:
    """The expression with its value and span: a weekday the article dated, "the following
    year" told from the sentence's time before it ("in 2001 the iPod and the following year
    Mac OS X": 2002), else the text resolved against the publication date."""
    start, end = best.start_char, best.end_char
    future = _future(best)
    before = [e for e in expressions if e.end <= best.start]
    earlier = resolve(before[-1].text, published) if before else None
    value = (
        defined_weekday(best.text, _defined_before(doc, start), published)
        or following(best.text, earlier)
        or resolve(best.text, published, future=future)
    )
    ends = span_ends(best.text, published, future=future) or (None, None)
    return TimeExpression(best.text, start, end, value, *ends)


def _defined_before(doc: Doc, offset: int) -> str:
    """The article's weekdays named with their dates before ``offset``, as text.

    Found once per doc (kept in ``Doc.user_data``, as :mod:`kgraph.extract.index` keeps
    the text): searching the text again for every dated fact made a long article quadratic.
    """
    found = doc.user_data.get(_DEFINITIONS_KEY)
    if found is None:
        found = doc.user_data[_DEFINITIONS_KEY] = weekday_definitions(doc_text(doc))
    return " ".join(text for end, text in found[: bisect.bisect_right(found, (offset, "\uffff"))])


def _in_clause(expression: SpacySpan, anchor: Token, roots: frozenset[Token]) -> bool:
    """Whether ``expression`` dates the fact whose verb is ``anchor``: it is in the fact's clause.

    A date that modifies a noun names that thing ("the 2020 war", "the 1994
    trophy", "best picture of 2002", "the conference of 1893") and dates no
    fact; a phrase on a noun ("the battle in 1917") dates only a fact that has
    that noun as the head of an argument, not a noun deeper inside one ("heard
    details of his conviction in 1995"). A date in another clause (a relative
    clause, a participle "figures released April 3", a subordinate clause with
    its own verb) dates that clause's facts only. A phrase on the subject or
    object of the fact's verb ("the attack on Tuesday killed six", "reported it
    in a report on Tuesday") dates the fact, except the object of a verb of
    saying or forecasting: "forecasts growth in 2002" is about 2002, said now.
    A date that is itself the subject or object of a verb ("says 2001 and 2002
    combined will produce") is a topic, no time. The fact's clause includes its
    infinitives ("plans to open on Dec. 1") and, when the fact's clause has no
    tense of its own (a participle "killing six", a conjunct sharing the
    subject), the clause it hangs from.
    """
    root = expression.root
    head = _attachment(expression)
    if head == root:
        return _clause(root) in _own_clauses(anchor)
    if _topic(expression) or _named_year(root) or _purpose(root):
        return False
    if head.pos_ in _NOUNS and not _is_verbal(head):
        if root.dep_ in _NOUN_MODIFIERS:
            return False  # "the 2020 war"
        if root.dep_ in {"prep", "case"} or head.i < root.i:
            if head.dep_ == "dobj" and head.head == anchor and _said(anchor):
                return False  # "forecasts growth in 2002": the topic of what is said
            core = _core(head) and _clause(_verb(head.head)) in _own_clauses(anchor)
            if not (core or head in roots):
                return False  # "the site of the battle in 1917", no argument of the fact
    return _clause(_verb(head)) in _own_clauses(anchor)


def _attachment(expression: SpacySpan) -> Token:
    """The word the expression hangs on; for a phrase that opens a conjunct ("resolved to
    win and in January 1996, masterminded a raid"), the conjunct's verb, wherever the
    parser hung it (on the clause before, or as a conjunct of its own)."""
    root, doc = expression.root, expression.doc
    phrase = root if root.pos_ == "ADP" else root.head
    opened = expression.start > expression.sent.start and doc[expression.start - 1].pos_ == "CCONJ"
    if (phrase.pos_ == "ADP" and phrase.dep_ == "conj") or opened:
        following = (t for t in doc[expression.end : expression.sent.end] if _is_verbal(t))
        verb = next(following, None)
        if verb is not None and verb.dep_ == "conj":
            return verb
    return root.head


def _topic(expression: SpacySpan) -> bool:
    """A date that is a subject or object of a verb ("says 2001 and 2002 combined will
    produce", "has 2002 in plan"): what is spoken of, not when."""
    root = expression.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    return root.dep_ in _CORE and specificity(expression.text) == 0


def _named_year(root: Token) -> bool:
    """A date after "of" on a noun that is no period ("best picture of 2002", "the
    conference of 1893"): part of a name; "the end of 2020", "the fall of 2011" are times."""
    phrase = root.head
    noun = phrase.head
    return (
        root.dep_ == "pobj"
        and phrase.lower_ == "of"
        and noun.pos_ in {"NOUN", "PROPN"}
        and noun.ent_type_ not in _LABELS
        and noun.lemma_.lower() not in _PERIODS
    )


def _purpose(root: Token) -> bool:
    """A date after "for" is what a thing is for ("the plan for 2002", "presented the budget
    for 2002"), not when anything happened; only a verb of scheduling takes it as its time
    ("is scheduled for 2002", "set the vote for June")."""
    phrase = root.head
    if root.dep_ != "pobj" or phrase.lower_ != "for":
        return False
    governor = phrase.head
    return not (_is_verbal(governor) and governor.lemma_.lower() in _SCHEDULING)


def _predicate(relation: Token) -> bool:
    """Whether the noun of a noun-phrase fact is a copula's predicate ("X was president in
    1990": the copula's time dates it). Otherwise the fact (an apposition, a title before a
    name, "X in Y") states what a thing is, and the sentence's time is not its own."""
    token = relation
    while not _is_verbal(token) and token.head != token:
        if token.dep_ in {"attr", "acomp", "oprd"}:
            return True
        token = token.head
    return False


def _said(verb: Token) -> bool:
    return verb.lemma_.lower() in _REPORTING | _FORECASTING


def _roots(doc: Doc, arguments: tuple[Mention, ...]) -> frozenset[Token]:
    """The head words of the fact's subject and object."""
    spans = (doc.char_span(a.start, a.end, alignment_mode="expand") for a in arguments)
    return frozenset(span.root for span in spans if span is not None and len(span))


_NOUNS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_COPULA_RULES = frozenset({"copula", "copula_of"})
#: Verbs whose "for" phrase is a time: "scheduled for 2002", "set the vote for June".
_SCHEDULING = _FUTURE_HEADS | {"postpone", "delay", "reschedule", "book", "arrange"}
#: Rules of facts that a noun phrase states (kgraph/extract/nominal.py), with no verb of their own.
_NOUN_PHRASE_RULES = frozenset(
    {"apposition", "apposition_of", "possessive", "location", "role", "role_of"}
)
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
    found: list[SpacySpan] = []
    for ent in entities_in(sentence.doc, sentence.start, sentence.end):
        if ent.label_ not in _LABELS or (found and ent.start < found[-1].end):
            continue  # the second date of "in 1997 and 1998" is in the first's expression
        span = _with_context(ent)
        if span is not None:
            found.append(_with_conjunct(span, ent))
    return found


def _with_conjunct(span: SpacySpan, ent: SpacySpan) -> SpacySpan:
    """The expression with the date coordinated to it: "in 1997 and 1998", "in August or
    September" are one time of two (resolved as a range: what both share), not the first;
    "from 2009 to 2011", parsed as two dates, is one span."""
    doc = ent.doc
    if span.end != ent.end or ent.end + 1 >= ent.sent.end:
        return span
    link, after = doc[ent.end], doc[ent.end + 1]
    other = entity_at(after)
    if link.lower_ in _RANGE_ENDS and span[0].lower_ in _RANGE_STARTS:
        if other is not None and other.label_ in _LABELS:
            return doc[span.start : other.end]  # "from 2009 to 2011": one span, not its start
        if _YEAR_TOKEN.fullmatch(after.text):
            return doc[span.start : after.i + 1]  # the parser left the year out of DATE
    if other is None or other.label_ not in _LABELS:
        return span
    if link.lower_ not in {"and", "or"} or other.root.head != ent.root:
        return span
    return doc[span.start : other.end] if other.root.dep_ == "conj" else span


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
    if ent is None or ent.label_ not in _LABELS or not split_range(ent.text):
        return None
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].lower_ in _PREPS | {"between"}:
        start += 1
    return ent.doc[start : ent.end]


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
    return ends is not None and all((count(e) or 1000) < 1000 for e in ends.groups())


def _is_duration(ent: SpacySpan) -> bool:
    words = {t.lower_ for t in ent}
    if ent.end < len(ent.doc):
        words.add(ent.doc[ent.end].lower_)  # "two years ago"
    if words & _POINT_WORDS or _named_day(ent):
        return False
    return any(t.lemma_.lower() in _UNITS or t.lower_.rstrip("s") in _UNITS for t in ent)


def _named_day(ent: SpacySpan) -> bool:
    """A holiday's name: "Christmas Day", "New Year's Day", "Anzac Day" (a capitalised unit
    after a capitalised word), a point in time, not "two days"."""
    return any(
        t.lower_ in _UNITS and t.text[:1].isupper() and t.i > ent.start and t.nbor(-1).is_title
        for t in ent
    )


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


def _token_at(doc: Doc, offset: int) -> Token:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[0]


def _verb(token: Token) -> Token:
    """The token's nearest verb, itself included; the root when there is none."""
    current = token
    while current.pos_ not in {"VERB", "AUX"} and current.head != current:
        current = current.head
    return current
