"""Counts as facts: "at least two civilian deaths", "about 2,000 peacekeepers".

A count is a cardinal number (digits, "1.5 million", or number words read by
``text2num``) that is no date, time, money, percentage, measure or age. It
becomes a :class:`~kgraph.model.SurfaceTriple` whose subject is the counted
noun phrase ("civilian deaths", "Russian peacekeepers"), relation ``count``,
object the number (a literal) and :class:`~kgraph.model.Quantity` the value, the
kind of count, the qualifier and what the count is about (the event that caused
it or the place: "the mine explosion", "in the area"). Vague amounts ("dozens",
"thousands of", "several", "several thousand", "hundreds of thousands": a scale
word without a number before it, other than "a") are no counts: they have no
value, and a reader would not expect one. The upper end of a range ("1,500 to
2,000 troops", "three or four members") is counted "up to" it, its lower end not
at all; "290+ passengers" is "at least" 290; "X and Y have each recorded three
deaths" is three for "each". A number after its noun names a thing ("Flight 574",
"Resolution 1441") and counts nothing, and so does a model number before it ("their
737 airliner", "five new 737 aircraft", :mod:`kgraph.extract.namings`) or a unit
after it ("32 GB models"). The counted noun phrase keeps only the conjuncts counted
with it ("2,000 men and women", not "91 aircraft and 230").

The relation of a count is the verb group of its clause ("may have already died",
"will lose", "to cut"), so that the count carries the clause's modality and
attribution (:mod:`kgraph.extract.attribution`): "as many as 10,000 people may have
already died" is a count of up to 10,000 deaths said as possible, not as happened.

The kind comes from the word that says what happened to the counted: the verb
("killing at least 20 refugees": deaths; "40 were injured": injuries; "were
arrested": detained) before the noun. The subject of an active transitive verb
is its doer, not what it did ("two gunmen killed a settler" counts no deaths),
and a relative clause with a subject of its own speaks of that subject ("two
bombings in which three people were wounded": the bombings are no injuries).

The word tables (qualifiers, kinds, scales, non-counts) are data:
``ontology/quantities.json``, loaded into :attr:`kgraph.ontology.Ontology.quantities`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token
from text_to_num import text2num

from kgraph.extract.arguments import char_span, mention, resolve_relative
from kgraph.extract.counted import clause_verb, counted_conjunct, distributive, relation
from kgraph.extract.lexicon import ACTOR_LABELS, PRONOUNS
from kgraph.extract.namings import (
    camel,
    designation,
    is_age,
    joined,
    model_number,
    size,
    year_mark,
)
from kgraph.model import Mention, Quantity, Span, SurfaceTriple
from kgraph.ontology import QuantityTable

__all__ = ["parse_number", "quantity_triples"]

RULE = "quantity"
CONFIDENCE = 0.8  # a count with its counted noun; bare numbers ("killing 4") get less
BARE_CONFIDENCE = 0.6
_NON_COUNT_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
_ABOUT_PREPS = frozenset({"in", "during", "at", "from", "near", "after"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj", "appos"})
_CAUSAL_VERBS = frozenset({"result", "cause", "leave", "kill", "claim", "injure", "wound"})
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_DIGITS = re.compile(r"\d[\d,]*(\.\d+)?")
_DEFINITE = frozenset({"the", "these", "those", "both"})
_ONE = frozenset({"a", "an", "one"})
_RANGE_LINKS = frozenset({"to", "-", "–", "and", "or"})
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
#: Prepositions whose object is part of a counted group ("21 people, including 14 Australians").
_PART_PREPS = frozenset({"including", "among"})
#: Entity labels of a plural proper noun that names things, not people ("Macs", "iPhones").
_THING_LABELS = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART", "EVENT", "LAW"})


def parse_number(text: str, tables: QuantityTable) -> int | float | None:
    """The value of a number phrase, or None when it is no number.

    >>> from kgraph.ontology import load_ontology
    >>> tables = load_ontology().quantities
    >>> [parse_number(text, tables) for text in ("120,000", "1.5 million", "twenty-three")]
    [120000, 1500000, 23]
    >>> [parse_number(text, tables) for text in ("a dozen", "2.5", "dozens")]
    [12, 2.5, None]
    """
    words = text.lower().replace("-", " ").split()
    scales = tables.scales
    if any(word.endswith("s") and word[:-1] in scales for word in words):
        return None  # "thousands", "dozens": vague
    factor = 1
    while words and words[-1] in scales and (len(words) > 1 or words[-1] == "dozen"):
        factor *= scales[words.pop()]
    if not words or words == ["a"]:
        value: float | None = 1.0 if factor > 1 else None
    elif _DIGITS.fullmatch(words[0]) and len(words) == 1:
        value = float(words[0].replace(",", ""))
    else:
        try:
            value = float(text2num(" ".join(words), "en"))
        except ValueError:
            value = None
    if value is None:
        return None
    value *= factor
    return int(value) if value.is_integer() else value


def quantity_triples(
    doc: Doc, sentences: tuple[Span, ...], tables: QuantityTable
) -> Iterator[SurfaceTriple]:
    """One quantity fact per count in the doc.

    Args:
        doc: the parsed article.
        sentences: the doc's sentence spans (:func:`kgraph.extract.sentence_spans`).
        tables: the word tables (:attr:`kgraph.ontology.Ontology.quantities`).
    """
    for run in _number_runs(doc, tables):
        triple = _count(doc, run, sentences, tables)
        if triple is not None:
            yield triple


def _number_runs(doc: Doc, tables: QuantityTable) -> Iterator[list[Token]]:
    """Maximal runs of number tokens ("1.5 million", "twenty - three"), each once."""
    run: list[Token] = []
    for token in doc:
        if _is_number_word(token, tables) or (
            run and token.text == "-" and _next_is_number(token, tables)
        ):
            run.append(token)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


def _is_number_word(token: Token, tables: QuantityTable) -> bool:
    return (token.like_num or token.lower_ in tables.scales) and token.ent_type_ not in (
        _NON_COUNT_LABELS
    )


def _next_is_number(token: Token, tables: QuantityTable) -> bool:
    return token.i + 1 < len(token.doc) and _is_number_word(token.doc[token.i + 1], tables)


def _count(
    doc: Doc, run: list[Token], sentences: tuple[Span, ...], tables: QuantityTable
) -> SurfaceTriple | None:
    number = run[-1]
    text = doc[run[0].i : number.i + 1].text
    value = parse_number(text, tables)
    if value is None or _YEAR.fullmatch(text) or is_age(number) or _vague(run, tables):
        return None
    if year_mark(run[0]):
        return None
    if _range_start(number, tables):
        return None  # "between 200 and 300 people": 200 is no count of people
    noun = number.head if number.dep_ in {"nummod", "quantmod"} else None
    if noun is not None and (noun.pos_ not in {"NOUN", "PROPN"} or noun.i < number.i):
        return None  # "Flight 574": a name, not a count
    if noun is None and number.dep_ not in _ARGUMENT_DEPS:
        return None
    if noun is not None and (model_number(run[0], noun) or size(number) or joined(number, noun)):
        return None  # "the Trent 900 engines", "Safari 4.0", '17" displays', "a three-judge panel"
    collective = noun is not None and noun.lemma_.lower() in tables.noun_kinds
    if noun is not None and (
        designation(run[0], noun, value, collective) or _unit(number, noun, tables)
    ):
        return None  # "their 737 airliner", "five new 737 aircraft", "32 GB models"
    kind, governor = _kind(number, noun, tables)
    if kind is None or not _is_count(number, noun, text, governor, tables):
        return None
    sentence = next((s for s in sentences if s.start <= number.idx < s.end), None)
    if sentence is None:
        return None
    anchor = governor if governor is not None else noun
    subject = _subject(doc, run, noun) if noun is not None else _word(anchor or number)
    qualifier = (
        _qualifier(run[0], tables)
        or _range_end(run[0], tables)
        or _plus(number, tables)
        or distributive(clause_verb(anchor or number), noun or number)
    )
    about = _about(noun or number, governor)
    return SurfaceTriple(
        subject=subject,
        relation=relation(anchor or number),
        object=Mention(
            text, run[0].idx, number.idx + len(number.text), literal=True, ner="CARDINAL"
        ),
        sentence=sentence,
        rule=RULE,
        confidence=CONFIDENCE if noun is not None else BARE_CONFIDENCE,
        negated=governor is not None and any(c.dep_ == "neg" for c in governor.children),
        quantity=Quantity(value, kind, qualifier, about),
    )


def _unit(number: Token, noun: Token, tables: QuantityTable) -> bool:
    """ "32 GB models", "2 GHz models": a unit right after the number measures the thing."""
    after = number.doc[number.i + 1] if number.i + 1 == noun.i - 1 else None
    return after is not None and after.lower_ in tables.not_counts and after.head == noun


def _plus(number: Token, tables: QuantityTable) -> str | None:
    """ "290+ passengers": a plus sign after the number is "at least"."""
    after = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    return tables.qualifiers.get("at least") if after is not None and after.text == "+" else None


def _vague(run: list[Token], tables: QuantityTable) -> bool:
    """ "several thousand", "hundreds": a scale word with no number (but "a") before it."""
    first = run[0]
    if first.lower_ not in tables.scales:
        return False
    before = first.doc[first.i - 1] if first.i > first.sent.start else None
    return before is None or before.lower_ not in _ONE


def _is_count(
    number: Token, noun: Token | None, text: str, governor: Token | None, tables: QuantityTable
) -> bool:
    """Not a measure or duration, not "the two countries", not a stray "one"."""
    if noun is None:  # a bare number: "killing 4", not "one of the soldiers"
        partitive = any(c.dep_ == "prep" and c.lower_ == "of" for c in number.children)
        return governor is not None and text.lower() != "one" and not partitive
    if noun.lemma_.lower() in tables.not_counts or noun.ent_type_ in _NON_COUNT_LABELS:
        return False
    if _is_anaphoric(number, noun, tables):
        return False
    return text.lower() != "one" or _known_kind(noun, governor, tables)


def _is_anaphoric(number: Token, noun: Token, tables: QuantityTable) -> bool:
    """ "The two countries" refers back; "the approximately 120,000 residents" still counts."""
    before = number.doc[number.i - 1] if number.i > 0 else None
    definite = before is not None and before.lower_ in _DEFINITE and before.head == noun
    return definite and (parse_number(number.text, tables) or 0) < 100


def _known_kind(noun: Token, governor: Token | None, tables: QuantityTable) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in tables.noun_kinds or lemma in tables.event_kinds or governor is not None


def _kind(
    number: Token, noun: Token | None, tables: QuantityTable
) -> tuple[str | None, Token | None]:
    """The normalised kind of count and the word (verb or noun) that gives it, if any."""
    counted = noun or number
    for word in _predicates(counted):
        kind = tables.predicate_kinds.get(word.lemma_.lower()) or tables.predicate_kinds.get(
            word.lower_
        )
        if kind is not None and not _doer(counted, word):
            return kind, word
        for obj in (c for c in word.children if c.dep_ == "dobj"):  # "lost their lives"
            kind = tables.predicate_kinds.get(f"{word.lemma_.lower()} {obj.lemma_.lower()}")
            if kind is not None:
                return kind, word
        if word.lemma_.lower() in tables.event_kinds:
            return tables.event_kinds[word.lemma_.lower()], word
    if noun is None:
        return None, None
    lemma = noun.lemma_.lower()
    if lemma in tables.event_kinds:  # "23 injuries"; "12 refugees" unless a verb says more
        return tables.event_kinds[lemma], None
    if lemma in tables.noun_kinds:
        return tables.noun_kinds[lemma], None
    if noun.ent_type_ == "NORP" or (noun.tag_ == "NNPS" and _people_name(noun)):
        return "people", None
    if noun.tag_ == "NNPS":  # "13.7 million Macs", "18 777s": the things named
        return (lemma[:-1] if lemma.endswith("s") else lemma), None
    return (lemma, None) if noun.pos_ == "NOUN" else (None, None)


def _people_name(noun: Token) -> bool:
    """A plural name of people ("Azerbaijanis"), not of things: "Macs", "iPhones", "777s"."""
    return noun.ent_type_ not in _THING_LABELS and noun.is_alpha and not camel(noun)


def _doer(counted: Token, verb: Token) -> bool:
    """``counted`` is the subject of ``verb`` used actively with an object: the doer."""
    if counted.dep_ != "nsubj" or verb != counted.head or verb.pos_ != "VERB":
        return False
    return any(c.dep_ in {"dobj", "ccomp"} for c in verb.children)


def _own_subject(clause: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)


def _bare(clause: Token) -> bool:
    """A participle with no subject or object of its own: "left 40 injured", not "threw two
    grenades, injuring one policeman" (the injuring is the thrower's, not the grenades')."""
    return not any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} for c in clause.children)


def _speaks_of(clause: Token, word: Token) -> bool:
    """A relative clause speaks of ``word`` unless it has a subject of its own."""
    if clause.dep_ != "relcl":
        return True
    own = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return all(c.lower_ in _RELATIVE_PRONOUNS for c in own)


def _predicates(word: Token) -> Iterator[Token]:
    """Words that may say what the count is of: "killed", "the death of", "left ... injured"."""
    head = word.head
    for child in word.children:  # "80 people injured", "residents who fled"
        if child.dep_ in {"acl", "relcl", "amod"} and child.i != word.i and _speaks_of(child, word):
            yield child
    if word.dep_ == "conj" and head.pos_ in {"NOUN", "PROPN"}:
        yield from _predicates(head)  # "killing two nuns, three priests and a journalist"
    if word.dep_ == "pobj" and head.lower_ in _PART_PREPS and head.head.pos_ in {"NOUN", "PROPN"}:
        yield from _predicates(head.head)  # "21 people, including 14 Australians, were killed"
    if word.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}:
        yield head
        yield from (c for c in head.children if c.dep_ in {"oprd", "ccomp", "xcomp", "acomp"})
        yield from (c for c in head.children if c.dep_ == "advcl" and _bare(c))
        yield from (c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c != word)
    if word.dep_ == "pobj" and head.dep_ in {"prep", "agent"}:
        governor = head.head
        yield governor  # "the death of six", "the toll rose to 50"
        if governor.pos_ in {"VERB", "AUX"}:
            yield from (c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass"})


def _subject(doc: Doc, run: list[Token], noun: Token) -> Mention:
    """The counted noun phrase after the number, with uncounted conjuncts."""
    first = doc[run[-1].i + 1] if run[-1].i < noun.i else noun
    if first.text == "+" and first.i < noun.i:
        first = doc[first.i + 1]  # "290+ passengers"
    last = noun
    for conj in noun.conjuncts:
        if conj.i > noun.i and counted_conjunct(noun, conj):
            last = max(last, conj, key=lambda t: t.i)
    span = char_span(doc, first, last)
    ner = noun.ent_type_ or None
    return Mention(span.text, span.start, span.end, head=span, ner=ner)


def _word(token: Token) -> Mention:
    span = char_span(token.doc, token, token)
    return Mention(span.text, span.start, span.end, head=span)


def _qualifier(first: Token, tables: QuantityTable) -> str | None:
    """The qualifier phrase right before the number: "at least", "more than", "about"."""
    doc, qualifiers = first.doc, tables.qualifiers
    for width in (3, 2, 1):
        if first.i - width < first.sent.start:
            continue
        words = " ".join(t.lower_ for t in doc[first.i - width : first.i])
        if words in qualifiers:
            return qualifiers[words]
    return None


def _range_end(first: Token, tables: QuantityTable) -> str | None:
    """ "1,500 to 2,000 troops", "between 200 and 300": the upper end of a range is "up to"."""
    doc = first.doc
    if first.i - 2 < first.sent.start:
        return None
    link, low = doc[first.i - 1], doc[first.i - 2]
    if link.lower_ in _RANGE_LINKS and _is_number_word(low, tables):
        return tables.qualifiers.get("up to")
    return None


def _range_start(number: Token, tables: QuantityTable) -> bool:
    doc = number.doc
    if number.i + 2 >= number.sent.end:
        return False
    link, high = doc[number.i + 1], doc[number.i + 2]
    return link.lower_ in _RANGE_LINKS and _is_number_word(high, tables)


def _about(word: Token, governor: Token | None) -> Mention | None:
    """The event that caused the count, or the event or place its sentence names."""
    verbs = (governor, word.head, word.head.head if word.dep_ == "pobj" else None)
    for verb in verbs:
        cause = _cause(verb) if verb is not None else None
        if cause is not None:
            return cause
    for holder in _holders(word, governor):
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in _ABOUT_PREPS:
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                found = _place_or_event(pobj) if pobj is not word else None
                if found is not None:
                    return found
    return None


def _holders(word: Token, governor: Token | None) -> Iterator[Token]:
    yield word
    yield from (c for c in word.children if c.dep_ in {"acl", "relcl"})
    if governor is not None:
        yield governor
        if governor.pos_ == "NOUN" and governor.head.pos_ == "VERB":
            yield governor.head  # "follows the death of six in a mine explosion"
    if word.dep_ == "pobj":
        yield word.head.head
    elif word.head.pos_ in {"VERB", "AUX"}:
        yield word.head


def _cause(verb: Token) -> Mention | None:
    if verb.lemma_.lower() not in _CAUSAL_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in {"that", "which"}:
        subject = resolve_relative(subject)
    return _place_or_event(subject, events_only=True)


def _place_or_event(token: Token | None, events_only: bool = False) -> Mention | None:
    if token is None or token.lower_ in PRONOUNS or token.ent_type_ in _NON_COUNT_LABELS:
        return None
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    if events_only and (token.ent_type_ in ACTOR_LABELS or token.pos_ == "PROPN"):
        return None
    return mention(token)
