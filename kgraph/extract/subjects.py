"""Predicates and their subjects, own or inherited.

A verb's subjects are its ``nsubj``/``nsubjpass``/``csubj`` dependents, split
over their conjuncts, with relative pronouns standing for their antecedent
("Russia, who brokered ..."). A verb without one inherits:

- a coordinated verb, the first verb's subjects ("states ... and accuses");
- an xcomp, its head's object ("allowed employees to dress") or subject;
- an adverbial or prepositional clause, the subjects of the verb it modifies
  ("Having returned ..., they gained", "before being appointed");
- a participle or relative clause, the noun it modifies ("someone living alone").

A date the parser made the subject of a telegraphic sentence ("Blinken 14 Feb
urged ...", as news digests write) gives way to the name before it.
"""

from __future__ import annotations

from spacy.tokens import Token

from kgraph.extract.arguments import (
    ACTOR_LABELS,
    conjuncts,
    loose_mention,
    resolve_relative,
    stranded_subject,
)
from kgraph.model import Mention

Subject = tuple[Token, Mention]

#: Entity labels of a date or time: never the actor of a clause.
_WHEN_LABELS = frozenset({"DATE", "TIME"})
#: Subject dependencies of a verb.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Left dependents a coordinated verb may have and still share the first verb's subject.
_SHARING_DEPS = frozenset({"cc", "punct", "advmod", "aux", "auxpass", "neg", "prep", "npadvmod"})
#: Clauses that take the subject of the verb they modify.
_ADVERBIAL_DEPS = frozenset({"advcl", "xcomp"})
#: Clauses that take the noun they modify as subject.
_NOUN_CLAUSE_DEPS = frozenset({"acl", "relcl"})
#: Verbs used as adjectives ("offsetting trades") are no predicates.
_NON_PREDICATE_DEPS = frozenset({"amod", "aux", "auxpass", "compound", "nmod"})


def is_predicate(token: Token) -> bool:
    """A verb (not used as an adjective) or a copular "be"."""
    if token.dep_ in _NON_PREDICATE_DEPS:
        return False
    return token.pos_ == "VERB" or (token.pos_ == "AUX" and token.lemma_ == "be")


def subjects(verb: Token) -> list[Subject]:
    """The verb's subjects as (head token, mention), coordinated ones split."""
    pairs = [(token, loose_mention(token)) for token in _subject_tokens(verb)]
    return [(token, m) for token, m in pairs if m is not None]


def _subject_tokens(verb: Token) -> list[Token]:
    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    stranded = stranded_subject(verb)
    if not own and stranded is not None:
        own = [stranded]
    if not own:
        return _inherited(verb)
    found = [resolve_relative(t) for token in own for t in conjuncts(token)]
    return [_actor(t) for t in found if t is not None]


def _actor(subject: Token) -> Token:
    """The name before a date the parser took as subject: "Blinken" in "Blinken 14 Feb urged"."""
    if subject.ent_type_ not in _WHEN_LABELS:
        return subject
    before = [t for t in subject.subtree if t.i < subject.i]
    names = [t for t in before if t.ent_type_ in ACTOR_LABELS or _untagged_name(t)]
    return names[-1] if names else subject


def _untagged_name(token: Token) -> bool:
    return token.pos_ == "PROPN" and not token.ent_type_


def _inherited(verb: Token) -> list[Token]:
    head, dep = verb.head, verb.dep_
    if head == verb:
        return []
    if dep == "conj" and is_predicate(head) and _shares_subject(verb):
        return _subject_tokens(head)
    if dep == "xcomp" and is_predicate(head):
        objects = [c for c in head.children if c.dep_ == "dobj"]
        return objects or _subject_tokens(head)
    if dep in _ADVERBIAL_DEPS and is_predicate(head):
        return _subject_tokens(head)
    if dep == "pcomp" and is_predicate(head.head):
        return _subject_tokens(head.head)
    if dep in _NOUN_CLAUSE_DEPS and not _is_infinitive(verb):
        return [head] if head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"} else []
    return []


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _shares_subject(verb: Token) -> bool:
    """Whether a coordinated verb has nothing before it that could hide its own subject."""
    return all(c.dep_ in _SHARING_DEPS for c in verb.lefts)
