"""From n-ary facts to the binary triples the graph stores.

An n-ary fact gives its main triple, one triple per prepositional argument
when the verb has no direct object or noun complement ("Azerbaijani troops
moved to Karabakh" gives (troops, move to, Karabakh); "Azerbaijan has
initiated an operation in Karabakh" only (Azerbaijan, initiate, operation),
whose argument the PP stays, since "initiate in Karabakh" drops what was
initiated; a predicative adjective or a bare object noun stays in the
relation: "is available on", "opened fire on"), passives with
an agent turned active, and for copulas and appositions the "Y of Z" and role
triples of :func:`~kgraph.extract.nominal.predicate_facts`. Only noun phrases
become graph arguments: pronouns, adjectives and clauses do not.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from kgraph.extract.arguments import Argument, Fact, is_argument, mention, relation
from kgraph.extract.clauses import is_naming, time_agent
from kgraph.extract.complements import object_of
from kgraph.extract.lexicon import (
    COREFERABLE,
    HELD_PLACE_LABELS,
    HELD_PLACE_PREPS,
    HOLDING_VERBS,
    NAMING_VERBS,
    PLACE_NOUNS,
    TIME_NOUNS,
)
from kgraph.extract.nominal import predicate_facts
from kgraph.extract.subjects import SUBJECT_DEPS
from kgraph.extract.time import date_range, is_point_in_time
from kgraph.model import RelationMention, Span

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
#: Objects of the verb that carry its content: a prepositional phrase beside them stays an
#: argument of their fact ("introduced the iPhone at WWDC" is no fact "introduce at WWDC").
_CONTENT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})
#: Rules of facts whose object is a prepositional phrase's.
_PREPOSITIONAL_RULES = frozenset({"svo_prep", "passive", "object_prep", "svo_arg"})
#: Entity labels of times and durations.
_TIME_LABELS = frozenset({"DATE", "TIME"})
#: Rules whose object may be the verb's complement (or a conjunct of it).
_COMPLEMENT_RULES = frozenset({"svo", "copula"})


def binary_facts(fact: Fact) -> Iterator[Fact]:
    """The graph triples of one n-ary fact."""
    if fact.rule in _BINARY_RULES:
        yield fact
        return
    if fact.rule in _OPEN_IE_RULES or not _fits(fact.subject_token) or _borrowed_subject(fact):
        return
    if _misplaced_naming(fact):
        return
    made = _whole_ranges([*_main(fact), *_prepositional_facts(fact)])
    yield from (_by_name(f) for f in _dated_elsewhere(made, told=fact.rule == "clausal"))


def _by_name(fact: Fact) -> Fact:
    """A fact whose object is a common noun given a name ("a task manager named Mission
    Control", "the only route into Karabakh from Armenia, known as the Lachin Corridor"):
    the object is what the name names (the mention's text keeps the noun phrase)."""
    noun = fact.object_token
    if fact.rule in _PREDICATE_RULES or noun is None or noun.pos_ != "NOUN" or noun.ent_type_:
        return fact
    name = _given_name(noun)
    if name is None or name.i <= noun.i or fact.anchor.head == noun:
        return fact
    found = mention(name)
    doc = noun.doc
    whole = doc.char_span(fact.object.start, found.end) if found is not None else None
    if found is None or whole is None:
        return fact
    obj = replace(found, text=whole.text, start=whole.start_char, end=whole.end_char)
    return replace(fact, object=obj)


def _given_name(noun: Token) -> Token | None:
    """The proper name a naming clause gives ``noun`` ("named Mission Control", "called
    Power8", "known as the Lachin Corridor"), also when the parser hung the clause, after a
    comma, on the name ending the noun's phrase ("route into X from Armenia, known as ...")."""
    clauses = [c for c in noun.children if _names(c)]
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        clauses += [c for p in prep.children if p.dep_ == "pobj" for c in p.children
                    if _names(c) and c.doc[c.i - 1].text == ","]  # fmt: skip
    for clause in clauses:
        for child in clause.children:
            target = object_of(child) if child.dep_ == "prep" and child.lower_ == "as" else child
            given = child.dep_ == "oprd" or child.lower_ == "as"
            if given and target is not None and target.pos_ == "PROPN":
                return target
    return None


def _names(token: Token) -> bool:
    """A participle clause of naming: "named", "called", "known (as)"."""
    return (
        token.dep_ == "acl" and token.lemma_.lower() in NAMING_VERBS and token.tag_ in _PARTICIPLES
    )


#: Tags of a participle of naming ("named" is often tagged a past tense).
_PARTICIPLES = frozenset({"VBN", "VBD"})


def _misplaced_naming(fact: Fact) -> bool:
    """A naming fact whose clause the parser hung, after a comma, on the name ending a noun
    phrase ("the only route into X from Armenia, known as the Lachin Corridor"): the name is
    the noun's (the route's, which :func:`_by_name` makes the object of its own fact), not
    Armenia's, and the fact is not made."""
    anchor, subject = fact.anchor, fact.subject_token
    if subject is None or not _names(anchor) or anchor.head != subject:
        return False
    prep = subject.head
    if subject.dep_ != "pobj" or prep.dep_ != "prep" or anchor.doc[anchor.i - 1].text != ",":
        return False
    return prep.head.pos_ == "NOUN" and not prep.head.ent_type_


def _prepositional_facts(fact: Fact) -> Iterator[Fact]:
    """One fact per further argument, unless a direct object or complement carries the content."""
    kept = _kept_word(fact)
    content = _has_content_object(fact) and kept is None
    for argument in fact.arguments:
        if not content or (argument.prep is not None and _is_agent(argument.prep)):
            yield from _argument_fact(fact, argument, kept)


def _is_agent(prep: Token) -> bool:
    """A passive's "by" phrase naming who did it, not a deadline ("delivered by 2011")."""
    return prep.dep_ == "agent" and not time_agent(prep)


def _dated_elsewhere(made: list[Fact], told: bool = False) -> list[Fact]:
    """The clause's facts without those whose object is only a time or duration, when others
    exist or the clause's content is a clause (``told``: "said on Tuesday that ...").

    A date beside another complement is that fact's time, not a fact of its own
    ("resumed in Geneva on Monday" is "resume in Geneva", dated Monday), and a duration
    beside it no thing the clause is about ("engaged in a dispute for decades"); when it
    is the clause's only complement it stays the object ("was founded in 1976").
    """
    timed = [f for f in made if _time_object(f)]
    if len(timed) == len(made) and not told:
        return made
    return [f for f in made if not _time_object(f)]


def _whole_ranges(made: list[Fact]) -> list[Fact]:
    """A range of dates is one object, not its ends: "ran from March to June" is one fact
    with the object "March to June", not "run from March" and "run to June"."""
    kept: list[Fact] = []
    for fact in made:
        found = date_range(fact.object_token) if fact.object.literal and fact.object_token else None
        if found is not None:
            head = Span(found.text, found.start_char, found.end_char)
            whole = replace(fact.object, text=head.text, start=head.start, end=head.end, head=head)
            fact = replace(fact, object=whole)
        if all(_span_of(fact.object) != _span_of(k.object) for k in kept):
            kept.append(fact)
    return kept


def _span_of(found: Span) -> tuple[int, int]:
    return found.start, found.end


def _time_object(fact: Fact) -> bool:
    """A prepositional fact whose object is a time: a point in time ("on Monday", "in 1976"),
    a duration ("for decades", "over the past two years") or a time noun ("at the time")."""
    obj = fact.object_token
    if fact.rule not in _PREPOSITIONAL_RULES or obj is None:
        return False
    timed = fact.object.literal and obj.ent_type_ in _TIME_LABELS
    return timed or is_point_in_time(obj) or obj.lemma_.lower() in TIME_NOUNS


def _complement(fact: Fact) -> Token | None:
    """The verb's complement the fact took as its object, through coordination."""
    obj = fact.object_token
    if fact.rule not in _COMPLEMENT_RULES or obj is None:
        return None
    while obj.dep_ == "conj" and obj.head != obj:
        obj = obj.head
    return obj


def _has_content_object(fact: Fact) -> bool:
    """The fact's object is a direct object or a noun complement of the verb."""
    complement = _complement(fact)
    return complement is not None and complement.dep_ in _CONTENT_DEPS


def _kept_word(fact: Fact) -> Token | None:
    """The complement a prepositional fact keeps in its relation.

    A predicative adjective ("is available on" is no "be on") or a bare singular
    object that makes a fixed phrase with its verb ("opened fire on", "take part in").
    """
    complement = _complement(fact)
    if complement is None or complement.dep_ not in {"acomp", "dobj"}:
        return None
    obj = fact.object_token
    if complement.dep_ == "dobj" and not (obj is not None and _bare_noun(obj)):
        return None
    return obj


def _bare_noun(token: Token) -> bool:
    """A singular common noun with no determiner or modifier and no name: "fire", "part"."""
    own = [c for c in token.children if c.dep_ not in {"prep", "punct"}]
    return token.tag_ == "NN" and not own and not token.ent_type_ and token.dep_ == "dobj"


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
        yield _with_place(fact)


def _with_place(fact: Fact) -> Fact:
    """An object keeps the place phrase right after it that the parser hung on it ("struck
    three buildings in the police headquarters"), and a thing had the verb's one too ("has
    military bases in Armenia"); the fact's other arguments read it as the verb's."""
    obj, noun = fact.object, fact.object_token
    if fact.rule != "svo" or noun is None:
        return fact
    if noun.dep_ != "dobj" or noun.pos_ != "NOUN" or obj.ner is not None:
        return fact
    holding = fact.key in HOLDING_VERBS
    place = next((a for a in fact.arguments if _is_held_place(a, fact.anchor, noun, holding)), None)
    prep = place.prep if place is not None else None
    if place is None or prep is None or place.mention.start != prep.idx:
        return fact
    doc = noun.doc
    if doc[prep.i - 1].idx + len(doc[prep.i - 1]) != obj.end:
        return fact  # not right after the object: "has, in Armenia, ..."
    head = doc.char_span(obj.key_span.start, place.mention.key_span.end)
    whole = doc.char_span(obj.start, place.mention.end)
    if head is None or whole is None or (not holding and len(head) > _PLACE_WORDS):
        return fact
    found = replace(obj, text=whole.text, end=whole.end_char,
                    head=Span(head.text, head.start_char, head.end_char))  # fmt: skip
    return replace(fact, object=found)


def _is_held_place(argument: Argument, verb: Token, noun: Token, holding: bool) -> bool:
    """A place phrase of the object (which the verb's facts lift), or for a verb of
    holding (``holding``) a named place or place noun phrase of the verb."""
    prep = argument.prep
    if prep is None or prep.dep_ != "prep" or prep.lower_ not in HELD_PLACE_PREPS:
        return False
    if argument.head is None or argument.mention.literal:
        return False  # "signed the deal in 2005": a time dates the fact
    if prep.head == noun and prep.lower_ not in _BESIDE_PREPS:
        return True
    return holding and prep.head in (verb, noun) and _is_place(argument.head)


#: Prepositions of a place beside a thing, not the thing's own ("a blast near Fuzuli").
_BESIDE_PREPS = frozenset({"near"})
#: An object's label with its place phrase is at most this many tokens ("three buildings in
#: the Palestinian police headquarters", "a huge drop in the number of people"); a longer
#: one leaves the phrase to the fact's arguments.
_PLACE_WORDS = 10


def _is_place(token: Token) -> bool:
    """A named place or body ("Armenia", "Aer Lingus") or a place noun ("the region")."""
    return token.ent_type_ in HELD_PLACE_LABELS or token.lemma_.lower() in PLACE_NOUNS


def _as_argument(fact: Fact, head: Token) -> Argument:
    """The further argument a "svo_arg" fact took as its object."""
    prep = head.head if head.dep_ == "pobj" else None
    return Argument(fact.object, prep, head, prep or head)


def _agent_relation(fact: Fact, agent: Token | None = None) -> RelationMention:
    words = [*fact.verb_words, *([agent] if agent is not None else [])]
    rel = fact.relation if agent is None else relation(words, fact.key)
    return replace(rel, lemma=fact.key)


def _argument_fact(fact: Fact, argument: Argument, kept: Token | None = None) -> Iterator[Fact]:
    prep, head = argument.prep, argument.head
    if prep is None or head is None or not _fits(head):
        return
    obj = mention(head)
    if obj is None or (prep.i < fact.anchor.i and not (obj.literal and prep.lower_ in _TIME_PREPS)):
        return
    if prep.dep_ == "agent" and is_naming(fact.anchor):
        return  # "known as Stepanakert by Armenians": who calls it so, no fact of its own
    if _is_agent(prep):
        rel = _agent_relation(fact, prep)
        yield replace(fact, subject=obj, object=fact.subject, relation=rel, rule="passive_agent")
        return
    passive = any(w.dep_ == "auxpass" for w in fact.verb_words)
    middle = f" {kept.lower_}" if kept is not None else ""
    lemma = f"{'be ' if passive else ''}{fact.key}{middle} {prep.lower_}"
    rule = "passive" if passive else "object_prep" if prep.head == fact.object_token else "svo_prep"
    words = [*fact.verb_words, *([kept] if kept is not None else []), prep]
    rel = relation(words, lemma)
    yield replace(fact, object=obj, relation=rel, rule=rule, object_token=head)
