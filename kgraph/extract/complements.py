"""The complement a head noun keeps in its label: "withdrawal of foreign troops",
"desire for immediate talks", "plans to expand the airport", "allegations of breaking
the ceasefire"; and what a container noun stands for ("a set of new sanctions").

:func:`complement_last` gives the last token of a head with as many levels of complements
as fit a label; :mod:`kgraph.extract.arguments` makes the label's span from it.
"""

from __future__ import annotations

from spacy.tokens import Token

from kgraph.extract.index import entity_at
from kgraph.extract.lexicon import (
    CONTAINER_NOUNS,
    DEICTIC_TIME_WORDS,
    HYPHENS,
    LITERAL_LABELS,
    MEASURE_NOUNS,
    PLACE_NOUNS,
    TITLE_NOUNS,
)

__all__ = [
    "comparative_bounds",
    "complement_last",
    "held_noun",
    "is_infinitive_complement",
    "object_of",
    "title_tokens",
    "word_start",
]


#: Prepositions whose phrase on a common noun completes what it names ("desire for
#: talks", "crackdown on militants", "withdrawal of troops", "officials in Kabul", "the
#: forests around the cave complex", "the situation along the borders", "a doctor at New
#: York University"): the phrase the parser hung on the noun says which one it is; not a
#: place beside it ("a blast near Fuzuli" is the blast "the explosion" names later).
_COMPLEMENT_PREPS = frozenset(
    {"of", "for", "on", "against", "with", "to", "over", "from", "about", "between",
     "among", "into", "towards", "toward", "in", "by", "regarding", "around", "along",
     "across", "at", "within", "inside", "beyond", "throughout"}
)  # fmt: skip
#: Entity labels of a time, which completes no head ("talks for two days"), except after
#: "of" ("the events of 2001").
_TIME_LABELS = frozenset({"DATE", "TIME"})
#: A label keeps its complements up to this many words; a longer one keeps fewer levels.
_LABEL_TOKENS = 8
#: A first part of a hyphenated word this short is a prefix ("re", "co", "non", "vice").
_PREFIX_LETTERS = 4
#: Words that cannot end a hyphenated word: "year-the losses" is a dash between two phrases.
_NOT_WORD_ENDS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "AUX", "PUNCT", "NUM"})
#: Tags of a comparative adjective ("more", "fewer", "larger").
_COMPARATIVE_TAGS = frozenset({"JJR", "RBR"})
#: Dependencies of a clause that can complete a noun ("the need for the Government to look"
#: hangs on "need" as an adverbial clause).
_CLAUSE_COMPLEMENTS = frozenset({"acl", "advcl"})
#: Complementizers of a content clause ("concerns that Russia was leaving", "doubts whether").
_CONTENT_MARKS = frozenset({"that", "whether"})
#: Dependents of a complement verb that end its phrase ("plans to expand the airport").
_VERB_OBJECTS = frozenset({"dobj", "attr", "oprd", "prep"})


def complement_last(token: Token, first: Token, lo: int, hi: int, of_phrase: bool) -> Token:
    """The last token of a head with its complements: as many levels as fit the label
    (at least one: "withdrawal of foreign troops" is never "withdrawal"); without
    ``of_phrase``, no "of" phrase on the head itself (its own fact: "capital of")."""
    last = token
    for depth in (3, 2, 1):
        last = _phrase_end(token, lo, hi, depth, of_phrase)
        if _label_words(first, last) <= _LABEL_TOKENS:
            return last
    return token if _content_clause(token, hi) else last


def _content_clause(noun: Token, hi: int) -> bool:
    """Whether ``noun``'s complement is a clause with its own subject ("claims that 950
    detainees at the Woomera centre are to be relocated"): too long for a label, the noun
    alone names it (the mention's text still holds the clause)."""
    target = _complement(noun, hi) if held_noun(noun, hi) is None else None
    return target is not None and any(c.dep_ in {"nsubj", "nsubjpass"} for c in target.lefts)


def _label_words(first: Token, last: Token) -> int:
    """The words of a label: no determiners or punctuation, a hyphenated word once
    ("a decades-old enmity over the territory of Nagorno-Karabakh": 7)."""
    tokens = first.doc[first.i : last.i + 1]
    return sum(1 for t in tokens if not (t.is_punct or t.pos_ == "DET" or _ends_hyphenated(t)))


def _ends_hyphenated(token: Token) -> bool:
    """ "old" of "decades-old": the word after a hyphen that joins it to the one before."""
    doc = token.doc
    joined = token.i >= 2 and doc[token.i - 1].text in HYPHENS
    return joined and not doc[token.i - 2].whitespace_ and not doc[token.i - 1].whitespace_


def comparative_bounds(noun: Token, lo: int, hi: int) -> tuple[Token, Token] | None:
    """The first and last token of a compared noun phrase: "far more orders than Airbus",
    "fewer calls than in the storm" (the comparison is what the phrase says), or None."""
    than = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "than"), None)
    degree = next((c for c in noun.lefts if c.dep_ == "amod" and c.tag_ in _COMPARATIVE_TAGS), None)
    if than is None or degree is None or than.i > hi or degree.left_edge.i < lo:
        return None
    return degree.left_edge, noun.doc[min(than.right_edge.i, hi)]


def _phrase_end(token: Token, lo: int, hi: int, depth: int, of_phrase: bool = True) -> Token:
    """The last token of ``token``'s head phrase with ``depth`` levels of complements."""
    held = held_noun(token, hi)
    if held is not None:
        return _phrase_end(held, lo, hi, depth)
    ent = entity_at(token)
    if ent is not None:
        return token.doc[max(min(ent.end - 1, hi), token.i)]
    target = _complement(token, hi, of_phrase) if depth > 0 else None
    if target is None:
        return token
    if target.pos_ in {"VERB", "AUX"}:
        return _clause_end(target, lo, hi, depth - 1)
    ends = [_phrase_end(t, lo, hi, depth - 1) for t in [target, *target.conjuncts] if t.i <= hi]
    return max(ends, key=lambda t: t.i)


def _clause_end(verb: Token, lo: int, hi: int, depth: int) -> Token:
    """The end of a complement clause: its verb, particle and first object or phrase."""
    last = verb
    for child in verb.rights:
        if child.i > hi:
            break
        if child.dep_ == "prt":
            last = child
            continue
        if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}:  # "are to be relocated to"
            return _clause_end(child, lo, hi, depth)
        if child.dep_ == "acomp":  # "is too big"
            return child
        if child.dep_ not in _VERB_OBJECTS:
            break
        target = child if child.dep_ != "prep" else _pobj(child)
        if target is not None and target.pos_ in {"NOUN", "PROPN", "NUM"}:
            last = _phrase_end(target, lo, hi, depth)
        break
    return last


def _pobj(prep: Token) -> Token | None:
    return object_of(prep)


def object_of(prep: Token) -> Token | None:
    """The object of a preposition: its first "pobj" child, or the last part of a
    hyphenated word split in three ("for a re-run": "run", not "re")."""
    for child in prep.children:
        if child.dep_ == "pobj" and child.text not in HYPHENS:
            ahead = child.doc[child.i + 2] if child.i + 2 < len(child.doc) else None
            return ahead if ahead is not None and word_start(ahead) == child else child
    return None


def _of_object(noun: Token, hi: int) -> Token | None:
    """The noun (not pronoun) of an "of" phrase right of ``noun`` inside the argument."""
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            pobj = object_of(prep)
            if pobj is not None and pobj.i <= hi and pobj.pos_ in {"NOUN", "PROPN"}:
                return pobj
    return None


def held_noun(token: Token, hi: int) -> Token | None:
    """What a container or place noun stands for: "a set of X", "the town of Hill Top"."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return None
    word = token.lemma_.lower()
    if word not in CONTAINER_NOUNS and word not in PLACE_NOUNS:
        return None
    pobj = _of_object(token, hi)
    if pobj is None or (word in PLACE_NOUNS and pobj.pos_ != "PROPN"):
        return None
    return None if word in MEASURE_NOUNS and _is_definite(token) else pobj


def _is_definite(noun: Token) -> bool:
    """ "the number of people" measures them ("a drop in the number"); "a number of" counts."""
    return any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an"} for c in noun.lefts)


def _complement(noun: Token, hi: int, of_phrase: bool = True) -> Token | None:
    """The complement a common noun keeps as part of its head: the noun of its first
    prepositional phrase ("closure of the highway", "desire for peace"), the verb of an
    infinitive or gerund ("plans to expand", "allegations of breaking"); not a value
    ("talks for two days"), a pronoun, a phrase beyond the argument or a relative clause."""
    if noun.pos_ != "NOUN" or noun.ent_type_ or title_tokens(noun):
        return None
    for child in noun.rights:
        if child.i > hi:
            return None
        if is_infinitive_complement(noun, child):
            return child
        if child.dep_ != "prep" or child.lower_ not in _COMPLEMENT_PREPS:
            continue
        if child.lower_ == "of" and not of_phrase:
            return None
        target = _pobj(child) or next((c for c in child.children if c.dep_ == "pcomp"), None)
        if target is None or target.i > hi or not _completes(target, child.lower_ == "of"):
            return None
        return target
    return None


def _completes(target: Token, of: bool = False) -> bool:
    """A noun (not a pronoun), a gerund or a measure that can complete a head: "the price
    of $79", "a resolution of five megapixels", "orders for 2,200 more"; a time only after
    "of" ("the events of 2001", not "talks for two days")."""
    if target.pos_ in {"VERB", "AUX"}:
        return target.tag_ == "VBG"
    if target.lower_ in DEICTIC_TIME_WORDS:
        return False
    if target.ent_type_ in LITERAL_LABELS or target.like_num:
        return of or target.ent_type_ not in _TIME_LABELS
    return target.pos_ in {"NOUN", "PROPN"}


def is_infinitive_complement(noun: Token, child: Token) -> bool:
    """A clause completing a common noun: an infinitive ("plans to expand the airport",
    "the need for the Government to look for ways") or a content clause ("hopes that
    sales will exceed 700", "concerns that Russia was leaving"): what the noun says.
    Not a relative clause ("a wind change that may bring losses": "that" is its subject)."""
    if noun.pos_ != "NOUN" or child.dep_ not in _CLAUSE_COMPLEMENTS:
        return False
    if any(a.dep_ == "aux" and (a.tag_ == "TO" or a.lower_ == "to") for a in child.lefts):
        return child.dep_ == "acl" or _marked(child, {"for"})
    return child.dep_ == "acl" and _marked(child, _CONTENT_MARKS)


def _marked(verb: Token, marks: set[str] | frozenset[str]) -> bool:
    """A clause opened by one of ``marks`` as its complementizer ("that", "whether")."""
    return any(c.dep_ == "mark" and c.lower_ in marks and c.i < verb.i for c in verb.lefts)


def _bound(part: Token, token: Token) -> bool:
    """A short lowercase first part before a lowercase word ("vice-president", "re-election"):
    a prefix, whatever the parser attached it to; not a number ("two-thirds")."""
    short = len(part.text) <= _PREFIX_LETTERS and part.is_lower and not part.like_num
    return short and token.is_lower


def title_tokens(noun: Token) -> list[Token]:
    """The title phrase of ``noun`` ("former prime minister", "Attorney-General"), or []
    when it is no title."""
    if noun.lemma_.lower() not in TITLE_NOUNS and noun.lower_ not in TITLE_NOUNS:
        return []
    start = word_start(noun).i
    for child in reversed(list(noun.lefts)):
        if child.i >= start:
            continue
        if child.dep_ not in {"compound", "amod"} or child.i != start - 1 or child.ent_type_:
            break
        start = child.left_edge.i
    return list(noun.doc[start : noun.i + 1])


def word_start(token: Token) -> Token:
    """The first token of the hyphenated word ``token`` ends: "re" of "re-designs",
    "Attorney" of "Attorney-General" (spaCy splits such a word in three); else ``token``.

    The hyphen touches both words, and the parser took them as one word: the first
    part modifies the last, or the first part and the hyphen hang together as a
    sibling of it ("sub", "-", "contractors" all objects of the verb).
    """
    doc, start = token.doc, token
    while start.i >= 2 and start.pos_ not in _NOT_WORD_ENDS and start.text.isalpha():
        hyphen, part = doc[start.i - 1], doc[start.i - 2]
        touching = not part.whitespace_ and not hyphen.whitespace_ and hyphen.text in HYPHENS
        if not touching or not part.text.isalpha() or part.sent != token.sent:
            break
        sibling = part.head == hyphen.head and part.dep_ == hyphen.dep_
        if not (part.head == token or hyphen.head == token or sibling or _bound(part, token)):
            break
        start = part
    return start
