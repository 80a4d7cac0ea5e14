"""Verb-centred rules: one n-ary fact per predicate, subject and object.

A predicate is a verb or a copular "be" (an xcomp "to"-verb joins the verb it
completes: "tries to woo"). Its fact has

- subjects (:mod:`kgraph.extract.subjects`): own, a relative pronoun's
  antecedent, or inherited from the verb or noun the clause hangs on;
- a relation: auxiliaries, negation, adverbs inside the verb group, the verb
  and its particle ("has not been called off");
- an object: a direct object, a copula's attribute, a clausal complement, the
  agent of a passive, or else the first prepositional phrase after the verb,
  whose preposition joins the relation ("relocates to");
- further arguments: the other prepositional phrases, temporal noun phrases.

Coordinated subjects and objects give one fact each.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from kgraph.extract.arguments import (
    Argument,
    Fact,
    conjuncts,
    loose_mention,
    phrase_argument,
    relation,
    resolve_relative,
)
from kgraph.extract.complements import object_of
from kgraph.extract.index import doc_text
from kgraph.extract.lexicon import (
    CLAUSE_DEPS,
    MODALS,
    NAMING_VERBS,
    PARTICLE_ADVERBS,
    PERCEPTION_VERBS,
)
from kgraph.extract.subjects import SUBJECT_DEPS as _SUBJECT_DEPS
from kgraph.extract.subjects import Subject, is_predicate, subjects
from kgraph.extract.time import is_point_in_time
from kgraph.model import Mention, Span

_HELPER_DEPS = frozenset({"aux", "auxpass", "neg"})
#: Adverbs kept in the relation when they sit inside the verb group ("has also been").
_GROUP_ADVERB_DEPS = frozenset({"advmod", "neg"})
#: Complements that are the object of their verb, in order of preference.
_COMPLEMENT_DEPS = ("dobj", "attr", "acomp", "oprd")
#: Right dependents that keep an xcomp out of the relation ("called on X to leave").
_OWN_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "ccomp", "prep", "agent"})
#: Dependents that become further arguments.
_ARGUMENT_DEPS = frozenset({"prep", "agent", "npadvmod", "dative"})
#: Prepositions after a direct object that are read as the verb's ("an operation in X").
_LIFTED_PREPS = frozenset({"in", "into", "inside", "within", "near", "at"})
#: Relative pronouns as objects of a preposition ("the degree to which").
_RELATIVE_OBJECTS = frozenset({"which", "whom"})
#: Nouns of fixed prepositional phrases ("in light of", "in response"): never arguments.
_FIXED_PHRASE_NOUNS = frozenset(
    {"light", "response", "accordance", "addition", "terms", "spite", "view", "favor", "favour"}
)
#: Nouns that open a complex preposition or a purpose clause when nothing but "the" comes
#: before them and a phrase or clause follows ("in order to survive", "in (the) place of",
#: "in lieu of"): the noun is no place or thing of the fact.
_PHRASE_OPENING_NOUNS = frozenset({"order", "lieu", "place"})


#: Light verbs and the bare nouns that make one predicate with them ("take part in",
#: "take place", "make way for"): the noun joins the relation, never an object.
_LIGHT_VERBS = frozenset({"take", "make", "give", "have"})
_IDIOM_NOUNS = frozenset({"part", "place", "way", "care", "note", "charge", "hold", "heed"})


def _is_idiom_noun(token: Token) -> bool:
    """ "part" of "take part in": a bare singular noun object of a light verb."""
    if token.dep_ != "dobj" or token.lemma_.lower() not in _IDIOM_NOUNS:
        return False
    bare = all(c.dep_ == "prep" for c in token.children) and token.tag_ in {"NN", ""}
    return bare and token.head.lemma_.lower() in _LIGHT_VERBS


@dataclass(frozen=True)
class _Object:
    """An object candidate: its mention, head token, joining preposition and rule."""

    mention: Mention
    token: Token
    prep: Token | None
    rule: str

    consumed: Token | None = None  # the dependent it was taken from, when no prep


def clause_facts(doc: Doc) -> Iterator[Fact]:
    """Facts from every predicate that has a subject and an object."""
    for verb in doc:
        if is_predicate(verb) and not _joins_head(verb):
            yield from _verb_facts(verb)


def _joins_head(verb: Token) -> bool:
    """An xcomp verb that is part of its head's relation ("tries to woo")."""
    return (
        verb.dep_ == "xcomp" and is_predicate(verb.head) and _content_verb(verb.head) != verb.head
    )


def _content_verb(verb: Token) -> Token:
    """The verb whose objects the relation takes: the end of an xcomp chain without objects."""
    while not _own_objects(verb):
        nxt = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if nxt is None or _modifies_object(verb, nxt):
            return verb
        verb = nxt
    return verb


def _modifies_object(verb: Token, participle: Token) -> bool:
    """An "-ing" word the parser made the complement of a perception verb, which takes no
    subjectless complement: in "has seen escalating tension" it modifies the noun after it,
    and the relation is "see" (but "started building houses" builds)."""
    return (
        verb.lemma_.lower() in PERCEPTION_VERBS
        and participle.tag_ == "VBG"
        and any(c.dep_ == "dobj" and c.left_edge.i == participle.i + 1 for c in participle.rights)
    )


def _own_objects(verb: Token) -> bool:
    return any(c.dep_ in _OWN_OBJECT_DEPS for c in verb.rights)


def _verb_facts(verb: Token) -> Iterator[Fact]:
    found = subjects(verb)
    if not found:
        return
    content = _content_verb(verb)
    words = _relation_words(verb, content)
    for obj in _objects(content) or _shared_objects(verb) or _first_argument(verb, content):
        yield from _facts_for(verb, content, words, obj, found)


def _shared_objects(verb: Token) -> list[_Object]:
    """A verb coordinated with a later one shares its objects: "buy and sell stocks"."""
    later = [c for c in verb.children if c.dep_ == "conj" and is_predicate(c)]
    if not later or any(c.dep_ in _SUBJECT_DEPS for c in later[0].children):
        return []
    between = verb.doc[verb.i + 1 : later[0].i]
    if any(t.dep_ not in {"cc", "punct"} for t in between) or _is_passive(verb):
        return []
    return [o for o in _complements(later[0]) if o.token.dep_ == "dobj"]


def _first_argument(verb: Token, content: Token) -> list[_Object]:
    """Without an object, the first further argument stands in: "was abandoned at X"."""
    for argument in _arguments(verb, content, None):
        source = argument.prep or argument.source
        return [_Object(argument.mention, argument.head or source, None, "svo_arg", source)]
    return []


def _facts_for(
    verb: Token, content: Token, words: list[Token], obj: _Object, found: list[Subject]
) -> Iterator[Fact]:
    rel_words = [*words, obj.prep] if obj.prep is not None else words
    lemma = _lemma(content, words, obj)
    rel = relation(rel_words, lemma)
    phrase_words = sorted({*_shared_modals(verb), *rel_words}, key=lambda t: t.i)
    phrase = " ".join(t.text for t in phrase_words)
    args = tuple(_arguments(verb, content, obj))
    negated = any(w.dep_ == "neg" for w in words)
    for token, subj in found:
        if subj.start <= obj.mention.start < subj.end:
            continue
        yield Fact(subj, rel, obj.mention, obj.rule, verb, negated, args, phrase,
                   token, obj.token, tuple(words), _key(content, words))  # fmt: skip


def _relation_words(verb: Token, content: Token) -> list[Token]:
    """The verb group of ``verb`` and, through an xcomp chain, of ``content``."""
    words: list[Token] = []
    token = content
    while True:
        words = [*_group(token), *words]
        if token == verb:
            return words
        token = token.head


def _shared_modals(verb: Token) -> list[Token]:
    """A coordinated verb's share of the first verb's modal: "will extend ... and strengthen"."""
    if verb.dep_ != "conj" or any(c.dep_ in _HELPER_DEPS for c in verb.children):
        return []
    return [c for c in verb.head.children if c.dep_ == "aux" and c.lower_ in MODALS]


def _group(verb: Token) -> list[Token]:
    helpers = [c for c in verb.children if c.dep_ in _HELPER_DEPS]
    start = min([h.i for h in helpers if h.i < verb.i], default=verb.i)
    adverbs = [
        c for c in verb.lefts if c.dep_ in _GROUP_ADVERB_DEPS and (start < c.i or c.i == verb.i - 1)
    ]
    particles = [c for c in verb.children if _is_particle(c) or _is_idiom_noun(c)]
    return sorted({*helpers, *adverbs, verb, *particles}, key=lambda t: t.i)


def _key(content: Token, words: list[Token]) -> str:
    """The verb's lemma and particles: "call off"."""
    particles = [
        w.lower_ for w in words if (_is_particle(w) or _is_idiom_noun(w)) and w.head == content
    ]
    return " ".join([content.lemma_.lower(), *particles])


def _is_particle(token: Token) -> bool:
    """A verb's particle: tagged so, or a particle adverb right after its verb ("pushed back")."""
    if token.dep_ == "prt":
        return True
    verb = token.head
    return (
        token.dep_ == "advmod"
        and token.lower_ in PARTICLE_ADVERBS
        and verb.pos_ == "VERB"
        and token.i == verb.i + 1
    )


def _lemma(content: Token, words: list[Token], obj: _Object) -> str:
    """The lookup key: verb lemma and particles, "be" for a passive, the preposition."""
    key = _key(content, words)
    if obj.rule == "copula":
        return "be"
    if obj.prep is None or obj.rule == "passive_agent":
        return key
    return f"{'be ' if _is_passive(content) else ''}{key} {obj.prep.lower_}"


def _objects(content: Token) -> list[_Object]:
    """The object candidates of the first kind the verb has (coordination split)."""
    for kind in (_complements, _modified_objects, _clauses, _agents, _first_phrase):
        found = kind(content)
        if found:
            return found
    return []


def _modified_objects(verb: Token) -> list[_Object]:
    """The noun an "-ing" word modifies, with that word: "seen [escalating tension]"."""
    found = []
    for participle in (c for c in verb.rights if c.dep_ == "xcomp"):
        if not _modifies_object(verb, participle):
            continue
        noun = next(c for c in participle.rights if c.dep_ == "dobj")
        obj = _object(noun, None, "svo", _left_out(noun))
        if obj is not None:
            found.append(replace(obj, mention=_widened(obj.mention, participle)))
    return found


def _widened(found: Mention, word: Token) -> Mention:
    """``found`` (and its head, when it starts with it) from ``word`` on."""
    start = word.idx
    text = doc_text(word.doc)
    head = found.head
    if head is not None and head.start == found.start:
        head = Span(text[start : head.end], start, head.end)
    return replace(found, text=text[start : found.end], start=start, head=head)


def _complements(verb: Token) -> list[_Object]:
    for dep in _COMPLEMENT_DEPS:
        heads = [c for c in verb.children if c.dep_ == dep and not _is_idiom_noun(c)]
        rule = "copula" if verb.lemma_ == "be" and dep in {"attr", "acomp"} else "svo"
        heads = [h for h in heads if _compound_of(h, heads) is None]
        found = [_with_modifier(_object(t, None, rule, _left_out(t)), heads)
                 for h in heads for t in conjuncts(h)]  # fmt: skip
        if any(found):
            return [o for o in found if o is not None]
    return []


def _compound_of(noun: Token, heads: list[Token]) -> Token | None:
    """The next object ``noun`` is a bare modifier of, which the parser made an object of
    its own: "taken line honours" is one object, "line honours", not "line" and "honours"."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    bare = noun.tag_ == "NN" and not list(noun.children) and not noun.ent_type_
    if after is None or not bare or after not in heads or after.pos_ != "NOUN":
        return None
    return after


def _with_modifier(found: _Object | None, heads: list[Token]) -> _Object | None:
    """The object with the bare noun before it that :func:`_compound_of` joined to it."""
    if found is None or found.token.i == 0:
        return found
    before = found.token.doc[found.token.i - 1]
    mention = found.mention
    if _compound_of(before, [*heads, found.token]) != found.token:
        return found
    if mention.key_span.start != found.token.idx or mention.start != found.token.idx:
        return found
    text = doc_text(before.doc)[before.idx : mention.end]
    head = Span(doc_text(before.doc)[before.idx : mention.key_span.end], before.idx,
                mention.key_span.end)  # fmt: skip
    return replace(found, mention=replace(mention, text=text, start=before.idx, head=head))


def _clauses(verb: Token) -> list[_Object]:
    found = []
    for head in (c for c in verb.children if c.dep_ == "ccomp"):
        mark = next((c for c in head.lefts if c.dep_ == "mark" and c.lower_ == "that"), None)
        marks = (mark,) if mark is not None else ()
        found.append(_object(head, mark, "clausal", marks, drop=frozenset()))
    return [o for o in found if o is not None]


def _agents(verb: Token) -> list[_Object]:
    if is_naming(verb):
        return []
    agents = [c for c in verb.children if c.dep_ == "agent" and not time_agent(c)]
    return _prep_objects(verb, "agent", "passive_agent", agents)


def is_naming(verb: Token) -> bool:
    """A passive verb of naming with an "as" phrase: in "Khankendi, known as Stepanakert by
    Armenians", the name is the fact and the agent only who calls it so."""
    if verb.lemma_.lower() not in NAMING_VERBS or not (_is_passive(verb) or verb.tag_ == "VBN"):
        return False
    named = (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as")
    return any(_prep_object(c) is not None for c in named)


def time_agent(prep: Token) -> bool:
    """A "by" the parser took for an agent that sets a deadline: "delivered by 2011"."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return prep.dep_ == "agent" and pobj is not None and is_point_in_time(pobj)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _first_phrase(verb: Token) -> list[_Object]:
    rule = "passive" if _is_passive(verb) else "svo_prep"
    preps = [c for c in verb.rights if c.dep_ == "prep" and _prep_object(c) is not None]
    return _prep_objects(verb, "prep", rule, preps[:1]) if preps else []


def _prep_objects(
    verb: Token, dep: str, rule: str, preps: list[Token] | None = None
) -> list[_Object]:
    found = []
    for prep in preps if preps is not None else [c for c in verb.children if c.dep_ == dep]:
        pobj = _prep_object(prep)
        for target in conjuncts(pobj) if pobj is not None else []:
            found.append(_object(target, prep, rule, ()))
    return [o for o in found if o is not None]


def _prep_object(prep: Token) -> Token | None:
    """The object of a preposition; for "to which" in a relative clause, its antecedent."""
    pobj = object_of(prep)
    if pobj is None or pobj.lemma_.lower() in _FIXED_PHRASE_NOUNS or _opens_phrase(pobj):
        return None
    if pobj.lower_ in _RELATIVE_OBJECTS:
        return prep.head.head if prep.head.dep_ == "relcl" else None
    return pobj


def _opens_phrase(noun: Token) -> bool:
    """ "order" of "in order to survive", "place" of "in the place of": no argument."""
    if noun.lemma_.lower() not in _PHRASE_OPENING_NOUNS:
        return False
    if any(c.dep_ != "det" or c.lower_ != "the" for c in noun.lefts):
        return False
    return any(
        (c.dep_ == "prep" and c.lower_ in {"of", "to", "with"})
        or (c.dep_ in {"acl", "ccomp"} and any(a.lower_ in {"to", "that"} for a in c.lefts))
        for c in noun.rights
    )


def _object(
    token: Token,
    prep: Token | None,
    rule: str,
    exclude: tuple[Token, ...],
    drop: frozenset[str] | None = None,
) -> _Object | None:
    target = resolve_relative(token)
    if target is None:
        return None
    found = loose_mention(target, exclude, CLAUSE_DEPS if drop is None else drop)
    return _Object(found, target, prep, rule) if found is not None else None


def _left_out(obj: Token) -> tuple[Token, ...]:
    """What an object's span leaves out: lifted place phrases and nested relative clauses."""
    nested = tuple(t for t in obj.subtree if t.dep_ == "relcl" and t.head != obj)
    return (*_lifted(obj), *nested)


def _lifted(obj: Token) -> tuple[Token, ...]:
    """Place phrases of a direct object, read as the verb's own arguments."""
    if obj.dep_ != "dobj" and obj.head.dep_ != "dobj":
        return ()
    return tuple(c for c in obj.children if c.dep_ == "prep" and c.lower_ in _LIFTED_PREPS)


def _arguments(verb: Token, content: Token, obj: _Object | None) -> Iterator[Argument]:
    """The prepositional, agent and temporal phrases of the verbs, but the object's own."""
    used = {t.i for t in (obj.prep, obj.consumed) if t is not None} if obj is not None else set()
    lifted = _lifted(obj.token) if obj is not None else ()
    deps = [c for v in {verb, content} for c in v.children if c.dep_ in _ARGUMENT_DEPS]
    for child in sorted([*deps, *lifted], key=lambda t: t.i):
        if child.i in used:
            continue
        found = _argument(child)
        if found is not None:
            yield found


def _argument(child: Token) -> Argument | None:
    if child.dep_ in {"prep", "agent"}:
        pobj = _prep_object(child)
        has_clause = any(c.dep_ == "pcomp" for c in child.children)
        return phrase_argument(child) if pobj is not None or has_clause else None
    found = loose_mention(child)
    return Argument(found, None, None, child) if found is not None else None
