"""Arguments and relation phrases: from spaCy tokens to character-offset mentions.

Every rule names a *head token* for each argument; this module turns it into a
:class:`~kgraph.model.Mention` (the argument span, its linkable head and entity
label) or refuses it (pronouns, determiners, punctuation), and builds the
:class:`~kgraph.model.RelationMention` covering the relation words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kgraph.extract.complements import (
    comparative_bounds,
    complement_last,
    held_noun,
    is_infinitive_complement,
    object_of,
    word_start,
)
from kgraph.extract.index import entity_at
from kgraph.extract.lexicon import (
    ACTOR_LABELS,
    ARGUMENT_POS,
    CLAUSE_DEPS,
    CLOSING_QUOTES,
    CURRENCY_WORDS,
    DEICTIC_TIME_WORDS,
    HYPHENS,
    LITERAL_LABELS,
    NP_DEPS,
    OPENING_QUOTES,
    PERCENT_WORDS,
    PRONOUNS,
    QUANTIFIERS,
    RELATIVEPRONOUNS,
    SUBJECT_DEPS,
    TITLE_WORDS,
)
from kgraph.extract.phrases import in_name, joined_word, qualified_value, quotation, value_end
from kgraph.model import Mention, RelationMention, Span

#: Tags of a finite verb, which has a subject of its own.
_FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ"})


@dataclass(frozen=True)
class Argument:
    """A further argument of a fact: its full span, its preposition and its head token.

    ``source`` is the verb's dependent the argument comes from (the preposition,
    or the head of a temporal noun phrase).
    """

    mention: Mention
    prep: Token | None
    head: Token | None
    source: Token


@dataclass(frozen=True)
class Fact:
    """A fact as a rule found it, before sentence and confidence are attached.

    ``subject_token`` and ``object_token`` are the argument heads (None for an
    argument that is no noun phrase); ``verb_words`` the relation's own words and
    ``key`` the lemma of the verb alone (``relation.lemma`` may add a preposition).
    """

    subject: Mention
    relation: RelationMention
    object: Mention
    rule: str
    anchor: Token
    negated: bool = False
    arguments: tuple[Argument, ...] = ()
    phrase: str = ""
    subject_token: Token | None = None
    object_token: Token | None = None
    verb_words: tuple[Token, ...] = ()
    key: str = ""


def char_span(doc: Doc, first: Token, last: Token) -> Span:
    """The article-text span from the start of ``first`` to the end of ``last``."""
    # doc.text joins every token anew on each access: slice the tokens instead
    return Span(doc[first.i : last.i + 1].text, first.idx, last.idx + len(last.text))


def relation(tokens: Iterable[Token], lemma: str) -> RelationMention:
    """The relation mention covering ``tokens`` (first to last) with its ``lemma``."""
    ordered = sorted(tokens, key=lambda t: t.i)
    span = char_span(ordered[0].doc, ordered[0], ordered[-1])
    return RelationMention(span.text, span.start, span.end, lemma=lemma)


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it ("the UN and Moscow"), but not the
    parts of one name the parser coordinated ("European Aeronautic Defence & Space NV",
    "Lashkar-e-Taiba")."""
    kept = [token]
    for other in sorted(token.conjuncts, key=lambda t: t.i):
        if not any(in_name(k, other) for k in kept) and not opens_clause(other):
            kept.append(other)
    return kept


def opens_clause(noun: Token) -> bool:
    """Whether a coordinated noun is the subject of the finite verb right after its phrase,
    which the parser left without a subject: in "trade accusations and tensions continue to
    rise" and "leading the troops and the United States prepared to rescue them" the second
    noun starts a clause of its own and is no object of the first verb."""
    after = noun.right_edge.i + 1
    if noun.dep_ != "conj" or after >= len(noun.doc):
        return False
    verb = noun.doc[after]
    return (
        verb.pos_ == "VERB"
        and verb.tag_ in _FINITE_TAGS
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    )


def resolve_relative(token: Token) -> Token | None:
    """The noun a relative pronoun stands for, ``token`` itself if it is none, else None."""
    if token.lower_ not in RELATIVEPRONOUNS or token.pos_ not in {"PRON", "DET", "SCONJ"}:
        return token
    clause = token.head
    while clause.dep_ == "conj" and clause.head != clause:
        clause = clause.head
    return clause.head if clause.dep_ == "relcl" else None


def stranded_subject(verb: Token) -> Token | None:
    """A subject the parser hung on a fronted phrase ("in the war, Azerbaijan, ..., regained")."""
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    for prep in (c for c in verb.lefts if c.dep_ == "prep"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for appos in (c for c in pobj.children if c.dep_ == "appos"):
                if appos.ent_type_ in ACTOR_LABELS:
                    return appos
    return None


def is_argument(token: Token) -> bool:
    """Whether ``token`` can head an argument: a noun, number or name, not a pronoun."""
    return (
        (token.pos_ in ARGUMENT_POS or token.ent_type_ in ACTOR_LABELS)
        and token.lower_ not in PRONOUNS
        and any(ch.isalnum() for ch in token.text)
        and not _is_word_prefix(token)
    )


def _is_word_prefix(token: Token) -> bool:
    """The first part of a hyphenated word ("re" of "re-designs"): no argument alone,
    unless the parser made it the word's head (then it stands for the whole word)."""
    doc = token.doc
    if token.i + 2 >= len(doc):
        return False
    end = doc[token.i + 2]
    return word_start(end) == token and token not in end.ancestors


def mention(token: Token, exclude: Iterable[Token] = (), of_phrase: bool = True) -> Mention | None:
    """The argument headed by ``token``, or None when it is no fit argument.

    The span is the token's subtree without coordinated, relative and
    appositive parts (and without the subtrees of ``exclude``), cut to the
    contiguous block around the head and stripped of edge punctuation.
    """
    return loose_mention(token, exclude, of_phrase=of_phrase) if is_argument(token) else None


def loose_mention(
    token: Token,
    exclude: Iterable[Token] = (),
    drop: frozenset[str] = CLAUSE_DEPS,
    of_phrase: bool = True,
) -> Mention | None:
    """Any argument headed by ``token`` (pronouns, adjectives, clauses too), dropping ``drop``.

    Such an argument counts for Open IE; only :func:`is_argument` heads become entities.
    """
    if not any(ch.isalnum() for ch in token.text) or is_score_part(token):
        return None
    first, last = _argument_bounds(token, exclude, drop)
    span = char_span(token.doc, first, last)
    head, label = head_span(token, first.i, last.i, of_phrase)
    if label is None:
        label = _value_label(token, head.text)
    if label in LITERAL_LABELS:
        head = qualified_value(token.doc, head, first.i, last.i)
    return Mention(
        span.text, span.start, span.end, head=head, ner=label, literal=label in LITERAL_LABELS
    )


def is_score_part(token: Token) -> bool:
    """A number joined by a dash to another one: a score or range ("3-0"), no argument alone."""
    doc = token.doc
    if not token.like_num:
        return False
    before = token.i >= 2 and doc[token.i - 1].text in HYPHENS and doc[token.i - 2].like_num
    after = (
        token.i + 2 < len(doc) and doc[token.i + 1].text in HYPHENS and doc[token.i + 2].like_num
    )
    return before or after


def _value_label(token: Token, head: str) -> str | None:
    """The label of a value the model left untagged: "11:55am", "1,400", "40 per cent"."""
    counted = any(c.like_num for c in token.lefts)
    if token.lower_ in PERCENT_WORDS and (counted or any(c.like_num for c in token.subtree)):
        return "PERCENT"
    if token.lower_ in CURRENCY_WORDS and counted:
        return "MONEY"
    return "CARDINAL" if _VALUE.fullmatch(head.strip().lower()) is not None else None


#: A number written alone: "1,400", "11:55am", "40%", and with its magnitude ("70m", "3bn",
#: "20k": "jump to 70m" reaches a value, no thing).
_VALUE = re.compile(r"[$£€%#]?\s*[\d][\d.,:/%\s-]*\s*(?:am|pm|a\.m\.|p\.m\.|%|(?:m|bn|b|k|tn)\.?)?")


def phrase_argument(prep: Token) -> Argument | None:
    """A prepositional phrase as a further argument: "in July 1946", linked by its object."""
    pobj = object_of(prep)
    first, last = _argument_bounds(prep, (), frozenset({"appos", "relcl"}))
    if last.i <= prep.i:
        return None
    span = char_span(prep.doc, first, last)
    found = mention(pobj) if pobj is not None else None
    head = found.key_span if found else None
    ner, literal = (found.ner, found.literal) if found else (None, False)
    full = Mention(span.text, span.start, span.end, head=head, ner=ner, literal=literal)
    return Argument(full, prep, pobj if found else None, prep)


def _argument_bounds(
    token: Token, exclude: Iterable[Token], drop: frozenset[str] = CLAUSE_DEPS
) -> tuple[Token, Token]:
    dropped = _dropped(token, token, drop)
    for other in exclude:
        dropped.update(t.i for t in other.subtree)
    sent = token.sent
    kept = {t.i for t in token.subtree if not is_break(t)} - dropped
    kept |= set(range(token.i, joined_word(token)[1] + 1))  # "Jaish" of "Jaish-e-Mohammad"
    kept &= set(range(sent.start, sent.end))
    lo = hi = token.i
    while lo - 1 in kept:
        lo -= 1
    while hi + 1 in kept:
        hi += 1
    doc = token.doc
    while lo < token.i and _is_edge_noise(doc[lo]):
        lo += 1
    while hi > token.i and (_is_edge_noise(doc[hi]) or doc[hi].dep_ == "case"):
        hi -= 1
    first = word_start(doc[lo])  # "several re-designs", which the parser split in three
    if first.i < lo:
        modifiers = [c.left_edge.i for c in first.lefts if c.dep_ in NP_DEPS | {"det"}]
        lo = max(min([first.i, *modifiers]), sent.start)
    lo = _quote_start(doc, lo, hi)
    return doc[lo], doc[_quote_end(doc, lo, hi, kept)]


def _dropped(token: Token, node: Token, drop: frozenset[str]) -> set[int]:
    """The tokens of ``node``'s dependents in ``drop`` (a conjunct, a relative clause), but
    of those inside ``token``'s name only what they coordinate ("Lashkar-e-Taiba and")."""
    dropped: set[int] = set()
    for child in node.children:
        if child.dep_ not in drop or is_infinitive_complement(node, child):
            continue
        if in_name(token, child):
            dropped |= _dropped(token, child, drop)
        else:
            dropped.update(t.i for t in child.subtree)
    return dropped


def is_break(token: Token) -> bool:
    """A paragraph break inside a subtree: a misparse, never part of an argument."""
    return token.is_space and "\n" in token.text


def _is_edge_noise(token: Token) -> bool:
    return token.is_punct or token.is_space or token.dep_ in {"cc", "preconj"}


def head_span(token: Token, lo: int, hi: int, of_phrase: bool = True) -> tuple[Span, str | None]:
    """The span to link for an argument headed by ``token`` within tokens ``lo..hi``.

    A named entity containing the head wins (clipped to the argument, without a
    leading "the" or a PERSON's leading title words); otherwise the head's noun
    phrase without leading determiners, possessive pronouns and quantifiers. A
    container noun gives way to what it holds ("a set of new sanctions":
    "new sanctions"); another common noun keeps its "of" phrase, which makes it
    the thing it is ("the withdrawal of foreign troops"), unless ``of_phrase`` is
    False (a class noun: "Baku is the capital of Azerbaijan").
    """
    first, last, label = _head_tokens(token, lo, hi, of_phrase)
    return char_span(token.doc, first, last), label


def _head_tokens(
    token: Token, lo: int, hi: int, of_phrase: bool
) -> tuple[Token, Token, str | None]:
    held = held_noun(token, hi)
    if held is not None:
        return _head_tokens(held, lo, hi, of_phrase)
    doc = token.doc
    quoted = quotation(token)
    if quoted is not None and lo <= quoted[0] and quoted[1] <= hi:
        return doc[quoted[0]], doc[quoted[1]], None  # "ups and downs"
    ent = entity_at(token)
    if ent is not None:
        word_first, word_last = joined_word(token)
        start = max(min(ent.start, word_first), lo)
        end = min(max(value_end(ent), word_last + 1), hi + 1)
        tokens = _strip(list(doc[start:end]), title=ent.label_ == "PERSON")
        if tokens and token in tokens:
            return tokens[0], tokens[-1], ent.label_
    compared = comparative_bounds(token, lo, hi)
    if compared is not None:
        return compared[0], compared[1], None
    tokens = _strip(_noun_phrase(token, lo), title=False)
    return tokens[0], complement_last(token, tokens[0], lo, hi, of_phrase), None


def _noun_phrase(token: Token, lo: int) -> list[Token]:
    """The head and its left modifiers (a PROPN head: its compound name only)."""
    start = token.i
    for child in token.lefts:
        if token.pos_ == "PROPN" and child.dep_ != "compound" and child.text not in HYPHENS:
            continue
        if child.dep_ in NP_DEPS or child.text in HYPHENS or child.lower_ in _FRACTIONS:
            start = min(start, child.left_edge.i)
    start = word_start(token.doc[start]).i
    tokens = list(token.doc[max(start, lo) : token.i + 1])
    cut = max((k + 1 for k, t in enumerate(tokens) if _is_dangling_cc(t) or is_break(t)), default=0)
    return tokens[cut:]


def _is_dangling_cc(token: Token) -> bool:
    """A coordinator whose conjunct the parser lost ("Armenia and ethnic Armenian leaders")."""
    return token.pos_ == "CCONJ" and not any(c.dep_ == "conj" for c in token.head.children)


def _strip(tokens: list[Token], title: bool) -> list[Token]:
    """Drop leading determiners, quantifiers, possessive pronouns (and titles) and trailing "'s"."""
    while len(tokens) > 1 and _is_leading_noise(tokens[0], title):
        tokens = tokens[1:]
    while len(tokens) > 1 and _is_trailing_noise(tokens[-1]):
        tokens = tokens[:-1]
    doc = tokens[0].doc
    return list(doc[_quote_start(doc, tokens[0].i, tokens[-1].i) : tokens[-1].i + 1])


def _quote_end(doc: Doc, lo: int, hi: int, kept: set[int]) -> int:
    """``hi``, or the closing quote after it when tokens ``lo..hi`` open it."""
    opens = any(doc[i].text in OPENING_QUOTES for i in range(lo, hi + 1))
    closing = hi + 1 in kept and doc[hi + 1].text in CLOSING_QUOTES
    return hi + 1 if opens and closing else hi


def _quote_start(doc: Doc, lo: int, hi: int) -> int:
    """``lo``, or the opening quote before it when tokens ``lo..hi`` close it."""
    closes = any(doc[i].text in CLOSING_QUOTES for i in range(lo, hi + 1))
    return lo - 1 if lo > 0 and doc[lo - 1].text in OPENING_QUOTES and closes else lo


def _is_trailing_noise(token: Token) -> bool:
    return token.dep_ == "case" or token.pos_ in {"ADP", "CCONJ", "DET", "PUNCT", "SPACE"}


def _is_leading_noise(token: Token, title: bool) -> bool:
    if _opens_hyphenated_word(token):
        return False  # "no-bid contract", "all-out war": one word with the next
    if token.tag_ == "$" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].like_num:
        return False  # "a £13 billion contract": the currency is the amount's
    if token.lower_ in _FRACTIONS and token.dep_ in {"nummod", "predet", "quantmod"}:
        return False  # "half their income" is not their income
    return (
        token.pos_ in {"DET", "PRON", "PUNCT", "CCONJ", "ADV", "ADP", "SCONJ", "SPACE"}
        or token.dep_ in {"det", "predet", "case", "preconj", "advmod", "quantmod"}
        or token.lower_ in QUANTIFIERS
        or token.lower_ in DEICTIC_TIME_WORDS
        or (title and token.lower_ in TITLE_WORDS)
    )


#: Words of a share of a thing before it ("half their income", "a third of ..."): what the
#: argument names is that share.
_FRACTIONS = frozenset({"half", "third", "thirds", "quarter", "quarters"})


def _opens_hyphenated_word(token: Token) -> bool:
    doc = token.doc
    follows = token.i + 2 < len(doc) and doc[token.i + 1].text in HYPHENS
    return follows and not token.whitespace_ and not doc[token.i + 1].whitespace_


def title_in_entity(ent_tokens: list[Token]) -> list[Token]:
    """The leading title words inside a PERSON entity ("President" in "President Ilham Aliyev")."""
    words: list[Token] = []
    for token in ent_tokens[:-1]:
        if token.lower_ not in TITLE_WORDS:
            break
        words.append(token)
    return words


def lowered(tokens: Iterable[Token]) -> str:
    """The tokens' texts, lowercased and joined by spaces: a lemma key."""
    return " ".join(t.lower_ for t in tokens)


def of_objects(noun: Token) -> Iterator[tuple[Token | None, Token]]:
    """The qualifiers of ``noun``: ("of" token, pobj) for "Y of Z" and (None, poss) for "Z's Y"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            yield None, child
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    for target in conjuncts(pobj):
                        yield child, target
