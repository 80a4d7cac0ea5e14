"""How a count is said in its clause: the verb group its relation spans, "each", and the
conjuncts counted with its noun (:mod:`kgraph.extract.numbers` asks these).

The relation of a count is the verb group of its clause ("may have already died",
"will lose", "to cut"), so that attribution and modality read the clause the count is
said in. "X and Y have each recorded three deaths" is a count for each of them.
"""

from __future__ import annotations

from spacy.tokens import Token

from kgraph.extract.index import doc_text
from kgraph.model import RelationMention

__all__ = ["clause_verb", "counted_conjunct", "distributive", "relation"]

#: The word that makes a count one of each of its subjects' ("have each recorded three").
_EACH = "each"
#: Auxiliaries and negation of a verb, which a count's relation spans with it.
_VERB_GROUP = frozenset({"aux", "auxpass", "neg", "advmod"})
#: Conjunctions that join a second counted noun ("2,000 men and women"; not "plus cargo").
_COUNTED_CONJUNCTIONS = frozenset({"and", "or"})


def relation(anchor: Token) -> RelationMention:
    """The verb group of the count's clause ("may have already died", "plans to cut"), so
    the count carries that clause's modality and attribution; the anchor when no verb
    governs it (a headline "179 tankers")."""
    verb = clause_verb(anchor)
    first = verb
    while first.i > verb.sent.start:  # "may have already died", not "did 2,300 men come"
        before = verb.doc[first.i - 1]
        if before.head != verb or before.dep_ not in _VERB_GROUP:
            break
        first = before
    start, end = first.idx, verb.idx + len(verb.text)
    return RelationMention(doc_text(anchor.doc)[start:end], start, end, lemma="count")


def clause_verb(anchor: Token) -> Token:
    """The verb whose clause the count is in, or the anchor when no verb governs it."""
    verb = anchor
    while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
        verb = verb.head
    return verb if verb.pos_ in {"VERB", "AUX"} else anchor


def distributive(verb: Token, counted: Token) -> str | None:
    """ "X, Y and Z have each recorded three deaths", "McGrath and Warne each took three
    wickets", "took three wickets each": the count is of each of the subjects, not of them
    all ("each"); not "each of the three soldiers"."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    words = [*verb.children, *counted.children, *(c for s in subjects for c in s.children)]
    for word in words:
        partitive = any(c.lower_ == "of" for c in word.children)  # "each of the two men"
        if word.lower_ == _EACH and not partitive:
            return _EACH  # also where the parser hung it on the count: "each recorded three"
    return None


def counted_conjunct(noun: Token, conj: Token) -> bool:
    """ "2,000 men and women", "700 volunteers and fire fighters": a noun of the same number
    with no modifier but a compound, joined by "and"/"or", is counted with the first; not
    "91 aircraft and 230", "1,400 employees and a 30-year contract", "200 new features and
    new versions", "290 passengers plus cargo"."""
    joiners = [c for c in noun.children if c.dep_ == "cc" and noun.i < c.i < conj.i]
    bare = all(c.dep_ in {"cc", "punct", "compound"} for c in conj.children)
    return (
        conj.pos_ == noun.pos_
        and conj.tag_ == noun.tag_
        and bare
        and all(c.lower_ in _COUNTED_CONJUNCTIONS for c in joiners)
    )
