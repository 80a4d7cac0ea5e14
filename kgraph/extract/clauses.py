"""Verb-centred rules: active, prepositional, passive and copular clauses.

Subjects come from ``nsubj``/``nsubjpass``, are shared by coordinated verbs
("states ... and accuses") and stand in for relative pronouns ("Russia, who
brokered ..."). Each subject and object is split over its conjuncts.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kgraph.extract.arguments import (
    SUBJECT_DEPS,
    Fact,
    conjuncts,
    mention,
    relation,
    resolve_relative,
    stranded_subject,
)
from kgraph.extract.nominal import predicate_facts
from kgraph.model import Mention

_VERB_WORD_DEPS = frozenset({"aux", "auxpass", "neg"})
#: Prepositions after a direct object that are read as the verb's too
#: ("initiated a military operation in Nagorno-Karabakh").
_LIFTED_PREPS = frozenset({"in", "into", "inside", "within", "near", "at"})
#: A prepositional phrase before its verb is framing ("In response, ..."), kept only
#: when it dates the fact ("On Tuesday, ...").
_TIME_PREPS = frozenset({"in", "on", "at", "during", "since", "after", "before", "until", "by"})
#: Nouns of fixed prepositional phrases ("in light of", "in response"): never arguments.
_FIXED_PHRASE_NOUNS = frozenset(
    {"light", "response", "accordance", "addition", "terms", "spite", "view", "favor", "favour"}
)
#: Left dependents a coordinated verb may have and still share the first verb's subject.
_SHARING_DEPS = frozenset({"cc", "punct", "advmod", "aux", "auxpass", "neg"})

Subject = tuple[Token, Mention]


def clause_facts(doc: Doc) -> Iterator[Fact]:
    """Facts from every verb (and copular "be") that has a usable subject."""
    for verb in doc:
        if not _is_predicate(verb):
            continue
        subjects = _subjects(verb)
        if not subjects:
            continue
        if _is_passive(verb):
            yield from _passive(verb, subjects)
        elif verb.lemma_ == "be":
            yield from _copula(verb, subjects)
        else:
            yield from _active(verb, subjects)


def _is_predicate(token: Token) -> bool:
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "AUX" and token.lemma_ == "be" and token.dep_ not in {"aux", "auxpass"}


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass", "agent"} for c in verb.children)


def _children(token: Token, dep: str) -> list[Token]:
    return [c for c in token.children if c.dep_ == dep]


def _subject_tokens(verb: Token) -> list[Token]:
    """The verb's subjects, inherited from the first verb of a coordination when it has none."""
    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    stranded = stranded_subject(verb)
    if not own and stranded is not None:
        own = [stranded]
    if not own and verb.dep_ == "conj" and _is_predicate(verb.head) and _shares_subject(verb):
        return _subject_tokens(verb.head)
    found = []
    for token in own:
        for conjunct in conjuncts(token):
            resolved = resolve_relative(conjunct)
            if resolved is not None:
                found.append(resolved)
    return found


def _shares_subject(verb: Token) -> bool:
    """Whether a coordinated verb has nothing before it that could hide its own subject."""
    return verb.head != verb and all(c.dep_ in _SHARING_DEPS for c in verb.lefts)


def _subjects(verb: Token) -> list[Subject]:
    pairs = [(token, mention(token)) for token in _subject_tokens(verb)]
    return [(token, m) for token, m in pairs if m is not None]


def _particles(verb: Token) -> list[Token]:
    return _children(verb, "prt")


def _verb_words(verb: Token) -> list[Token]:
    """Auxiliaries, negation, the verb and its particles: "did not report", "called off"."""
    helpers = [c for c in verb.children if c.dep_ in _VERB_WORD_DEPS and c.lower_ != "to"]
    return [*helpers, verb, *_particles(verb)]


def _lemma(verb: Token) -> str:
    return " ".join([verb.lemma_.lower(), *(p.lower_ for p in _particles(verb))])


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _objects(head: Token, dep: str, exclude_preps: bool = False) -> Iterator[tuple[Token, Mention]]:
    """The (split) objects attached to ``head`` by ``dep``, as (token, mention)."""
    for child in _children(head, dep):
        for target in conjuncts(child):
            lifted = _lifted_preps(target) if exclude_preps else []
            found = mention(target, exclude=lifted)
            if found is not None:
                yield target, found


def _lifted_preps(obj: Token) -> list[Token]:
    return [c for c in obj.children if c.dep_ == "prep" and c.lower_ in _LIFTED_PREPS]


def _active(verb: Token, subjects: list[Subject]) -> Iterator[Fact]:
    """svo: subject-verb-object; svo_prep / object_prep: the verb's prepositional objects."""
    rel = relation(_verb_words(verb), _lemma(verb))
    for target, obj in _objects(verb, "dobj", exclude_preps=True):
        for _, subj in subjects:
            yield Fact(subj, rel, obj, "svo", verb, _negated(verb))
        for prep in _lifted_preps(target):
            yield from _prep_facts(verb, subjects, prep, _lemma(verb), "object_prep")
    for prep in _children(verb, "prep"):
        yield from _prep_facts(verb, subjects, prep, _lemma(verb), "svo_prep")


def _prep_facts(
    verb: Token, subjects: list[Subject], prep: Token, lemma: str, rule: str
) -> Iterator[Fact]:
    rel = relation([*_verb_words(verb), prep], f"{lemma} {prep.lower_}")
    fronted = prep.i < verb.i
    for target, obj in _objects(prep, "pobj"):
        if fronted and not (obj.literal and prep.lower_ in _TIME_PREPS):
            continue
        if target.lemma_.lower() in _FIXED_PHRASE_NOUNS:
            continue
        for _, subj in subjects:
            yield Fact(subj, rel, obj, rule, verb, _negated(verb))


def _passive(verb: Token, subjects: list[Subject]) -> Iterator[Fact]:
    """passive_agent: "X was targeted by Y" -> (Y, target, X); passive: (X, "be V prep", Z)."""
    for agent in _children(verb, "agent"):
        rel = relation([*_verb_words(verb), agent], _lemma(verb))
        for _, actor in _objects(agent, "pobj"):
            for _, subj in subjects:
                yield Fact(actor, rel, subj, "passive_agent", verb, _negated(verb))
    for prep in _children(verb, "prep"):
        yield from _prep_facts(verb, subjects, prep, f"be {_lemma(verb)}", "passive")


def _copula(verb: Token, subjects: list[Subject]) -> Iterator[Fact]:
    """copula: "X is a Y" -> (X, be, Y) (and copula_of or roles); "X is in Z" -> (X, be in, Z)."""
    rel = relation(_verb_words(verb), "be")
    for attr in _children(verb, "attr"):
        for target in conjuncts(attr):
            for subject, _ in subjects:
                yield from predicate_facts(subject, target, rel, "copula", verb, _negated(verb))
    for prep in _children(verb, "prep"):
        yield from _prep_facts(verb, subjects, prep, "be", "svo_prep")
