"""From n-ary facts to the binary triples the graph stores.

An n-ary fact gives its main triple, one triple per prepositional argument
("Azerbaijan has initiated an operation in Karabakh" gives (Azerbaijan,
initiate, operation) and (Azerbaijan, initiate in, Karabakh)), passives with
an agent turned active, and for copulas and appositions the "Y of Z" and role
triples of :func:`~kgraph.extract.nominal.predicate_facts`. Only noun phrases
become graph arguments: pronouns, adjectives and clauses do not.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from kgraph.extract.arguments import Argument, Fact, is_argument, mention, relation
from kgraph.extract.lexicon import COREFERABLE
from kgraph.extract.nominal import predicate_facts
from kgraph.extract.subjects import SUBJECT_DEPS
from kgraph.model import RelationMention

#: Rules whose facts are already binary.
_BINARY_RULES = frozenset({"role", "role_of"})
#: Rules whose facts the graph does not take (yet).
_OPEN_IE_RULES = frozenset({"possessive"})
#: Rules of copular facts, read by predicate_facts.
_PREDICATE_RULES = frozenset({"copula", "apposition"})
#: Clauses whose borrowed subjects stay out of the graph ("..., raising concerns").
_CLAUSE_SUBJECT_DEPS = frozenset({"advcl", "xcomp", "pcomp"})
#: A prepositional phrase before its verb is framing ("In response, ..."), kept only
#: when it dates the fact ("On Tuesday, ...").
_TIME_PREPS = frozenset({"in", "on", "at", "during", "since", "after", "before", "until", "by"})


def binary_facts(fact: Fact) -> Iterator[Fact]:
    """The graph triples of one n-ary fact."""
    if fact.rule in _BINARY_RULES:
        yield fact
        return
    if fact.rule in _OPEN_IE_RULES or not _fits(fact.subject_token) or _borrowed_subject(fact):
        return
    yield from _main(fact)
    for argument in fact.arguments:
        yield from _argument_fact(fact, argument)


def _borrowed_subject(fact: Fact) -> bool:
    """A subject an adverbial or complement clause took from its verb: too often wrong."""
    anchor = fact.anchor
    own = any(c.dep_ in SUBJECT_DEPS for c in anchor.children)
    return anchor.dep_ in _CLAUSE_SUBJECT_DEPS and not own


def _fits(token: Token | None) -> bool:
    """A graph argument: a noun or number, or a pronoun the linker may resolve."""
    if token is None:
        return False
    if is_argument(token):
        return True
    return token.pos_ == "PRON" and token.lower_ in COREFERABLE and not _expletive(token)


def _expletive(token: Token) -> bool:
    """ "It is essential to consider ...", "it seems that ...": an "it" that refers to nothing."""
    if token.dep_ == "expl":
        return True
    if token.lower_ != "it" or token.dep_ != "nsubj":
        return False
    head = token.head
    complements = [c for c in head.children if c.dep_ in ("acomp", "attr")]
    deps = {c.dep_ for c in head.children} | {g.dep_ for c in complements for g in c.children}
    clause = bool(deps & {"xcomp", "ccomp", "csubj"})
    if not clause and complements:  # "it is crucial for all parties ... to pursue": a later "to"
        after = token.doc[complements[0].i + 1 : token.sent.end]
        clause = any(t.lower_ in ("to", "that") and t.pos_ in ("PART", "SCONJ") for t in after)
    return clause and (bool(complements) or token.head.lemma_ in _RAISING)


_RAISING = frozenset({"seem", "appear", "remain", "happen", "turn"})


def _main(fact: Fact) -> Iterator[Fact]:
    subject, obj = fact.subject_token, fact.object_token
    if subject is None or obj is None or not _fits(obj):
        return
    if fact.rule in _PREDICATE_RULES:
        yield from predicate_facts(
            subject, obj, fact.relation, fact.rule, fact.anchor, fact.negated
        )
    elif fact.rule == "passive_agent":
        yield replace(
            fact, subject=fact.object, object=fact.subject, relation=_agent_relation(fact)
        )
    elif fact.rule == "svo_arg":
        yield from _argument_fact(fact, _as_argument(fact, obj))
    elif fact.rule != "clausal":
        yield fact


def _as_argument(fact: Fact, head: Token) -> Argument:
    """The further argument a "svo_arg" fact took as its object."""
    prep = head.head if head.dep_ == "pobj" else None
    return Argument(fact.object, prep, head, prep or head)


def _agent_relation(fact: Fact, agent: Token | None = None) -> RelationMention:
    words = [*fact.verb_words, *([agent] if agent is not None else [])]
    rel = fact.relation if agent is None else relation(words, fact.key)
    return replace(rel, lemma=fact.key)


def _argument_fact(fact: Fact, argument: Argument) -> Iterator[Fact]:
    prep, head = argument.prep, argument.head
    if prep is None or head is None or not _fits(head):
        return
    obj = mention(head)
    if obj is None or (prep.i < fact.anchor.i and not (obj.literal and prep.lower_ in _TIME_PREPS)):
        return
    if prep.dep_ == "agent":
        rel = _agent_relation(fact, prep)
        yield replace(fact, subject=obj, object=fact.subject, relation=rel, rule="passive_agent")
        return
    passive = any(w.dep_ == "auxpass" for w in fact.verb_words)
    lemma = f"{'be ' if passive else ''}{fact.key} {prep.lower_}"
    rule = "passive" if passive else "object_prep" if prep.head == fact.object_token else "svo_prep"
    rel = relation([*fact.verb_words, prep], lemma)
    yield replace(fact, object=obj, relation=rel, rule=rule)
