"""Noun-phrase rules: appositions, "Y of Z" attributes and roles of people.

"Yerevan, the capital of Armenia" gives (Yerevan, be, capital) and
(Yerevan, capital of, Armenia); a person with a title ("Armenian Prime Minister
Nikol Pashinyan", "Nikol Pashinyan, Armenia's Prime Minister") gives
(person, hold role, title as written: "Armenian Prime Minister") and, when the
title is qualified, (person, prime minister of, Armenia).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kgraph.extract.arguments import (
    LITERAL_LABELS,
    Fact,
    char_span,
    is_break,
    loose_mention,
    lowered,
    mention,
    of_objects,
    relation,
    stranded_subject,
    title_in_entity,
)
from kgraph.extract.complements import title_tokens, word_start
from kgraph.extract.index import entity_at
from kgraph.extract.lexicon import CONTAINER_NOUNS, HYPHENS, TITLE_NOUNS, TITLE_WORDS
from kgraph.model import Mention, RelationMention

#: Entity labels that can hold a title (the small model often calls people NORP).
_PERSON_LABELS = frozenset({"PERSON", "NORP", ""})
_ROLE = "hold role"
#: Parts of a name that the parser reads as appositions ("John Crozier, Jr.").
_NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III"})
#: Nouns that only count or group their "of" object ("X is the amount of Y"), so they give
#: no "Y of Z" fact; "part" names a relation of its own (partOf), and the kind nouns
#: classify ("two types of expendable rocket").
_COUNTING_NOUNS = CONTAINER_NOUNS - {"part", "kind", "sort", "type", "variety"}
#: Prepositions and entity labels of "X in Y" locations.
_PLACE_PREPS = frozenset({"in", "at"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Parts of speech of a title's hyphenated first part ("vice-president"; not "then-").
_TITLE_PREFIX_POS = frozenset({"NOUN", "PROPN", "ADJ"})
#: Bodies a title written before a name may belong to, and how they modify it.
_BODY_LABELS = frozenset({"ORG", "GPE"})
_BODY_DEPS = frozenset({"compound", "nmod", "poss"})
#: How words before a title modify it ("Argentine", "Apple Inc.", "Victoria 's"), and
#: the most words a written title may have.
_TITLE_MOD_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case"})
_ROLE_WORDS = 10
#: Parts of speech inside a name's "of" phrase ("of the People 's Alliance Party").
_NAME_POS = frozenset({"PROPN", "DET", "PART", "ADP", "CCONJ"})
#: Dependencies of a verb's subject (an expletive "there" too).
_CLAUSE_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
#: Verbs of a clause of their own, that need a subject (not "..., evolved" of a conjunct).
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "parataxis"})
#: Words that open a noun phrase ("a bestseller", "his home", "two homes").
_OPENER_DEPS = frozenset({"det", "poss", "nummod"})
#: Owners of a possessive fact: names and nouns, not pronouns.
_OWNER_POS = frozenset({"PROPN", "NOUN"})


def nominal_facts(doc: Doc) -> Iterator[Fact]:
    """Facts from appositions and from titles written before a person's name."""
    yield from _apposition_facts(doc)
    yield from _possessive_facts(doc)
    yield from _location_facts(doc)
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            yield from _entity_role_facts(ent)


def predicate_facts(
    subject: Token, noun: Token, link: RelationMention, rule: str, anchor: Token, negated: bool
) -> Iterator[Fact]:
    """Facts from "subject is (a) noun": a titled person's roles, else ``rule`` and ``rule_of``."""
    if _coordinated_adjective(noun):
        return
    keeps_of = _of_common_noun(noun)
    subj, obj = mention(subject), mention(noun, of_phrase=keeps_of)
    if subj is None or obj is None:
        return
    title = title_tokens(noun)
    if title and _is_person(subject):
        yield from _role_facts(subj, title, noun, anchor)
        return
    yield Fact(subj, link, obj, rule, anchor, negated)
    words = _noun_words(noun)
    key = " ".join([*(t.lower_ for t in words[:-1]), noun.lemma_.lower()])
    if noun.lemma_.lower() in _COUNTING_NOUNS:
        return  # "the amount of fuel": the noun counts its "of" object, no relation to it
    for of_token, target in of_objects(noun):
        qualifier = mention(target)
        if qualifier is not None:
            rel = relation([*words, *([of_token] if of_token else [])], f"{key} of")
            yield Fact(subj, rel, qualifier, f"{rule}_of", anchor, negated)


def _of_common_noun(noun: Token) -> bool:
    """Whether a class noun keeps its "of" phrase: "a source of conflict", "the amount of
    fuel" are the class; a name's "of" gives a fact of its own ("the capital of Armenia")."""
    return all(target.pos_ != "PROPN" and not target.ent_type_ for _, target in of_objects(noun))


def _is_person(token: Token) -> bool:
    return token.ent_type_ == "PERSON" or (
        token.pos_ == "PROPN" and token.ent_type_ in _PERSON_LABELS
    )


def _noun_words(noun: Token) -> list[Token]:
    """The noun with the compound words right before it ("security bloc")."""
    start = noun.i
    while start > 0 and noun.doc[start - 1].dep_ == "compound" and noun.doc[start - 1].head == noun:
        start -= 1
    return list(noun.doc[start : noun.i + 1])


def _apposition_facts(doc: Doc) -> Iterator[Fact]:
    """apposition: "X, a Y" -> (X, is, a Y); the named side becomes the subject."""
    for token in doc:
        if token.dep_ != "appos" or token.head == token:
            continue
        if _is_false_apposition(token):
            continue
        named, other = token.head, token
        if not named.ent_type_ and other.ent_type_:
            named, other = other, named
        mentions = (mention(named), mention(other))
        yield from _nominal(
            "apposition", (named, other, token), mentions, _noun_words(other), "be", "is"
        )


def _possessive_facts(doc: Doc) -> Iterator[Fact]:
    """possessive: "Descartes 's reductionism" -> (Descartes, has, reductionism)."""
    for owner in doc:
        if owner.dep_ != "poss" or owner.pos_ not in _OWNER_POS or owner.head.pos_ != "NOUN":
            continue
        thing = owner.head
        mentions = (mention(owner), loose_mention(thing, exclude=[owner]))
        yield from _nominal("possessive", (owner, thing, thing), mentions, [thing], "have", "has")


def _location_facts(doc: Doc) -> Iterator[Fact]:
    """location: "Henry Wood Hall in Glasgow" -> (Henry Wood Hall, is in, Glasgow)."""
    for prep in doc:
        if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS or prep.head.pos_ != "PROPN":
            continue
        place = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if place is None or place.ent_type_ not in _PLACE_LABELS:
            continue
        mentions = (mention(prep.head, exclude=[prep]), mention(place))
        lemma, phrase = f"be {prep.lower_}", f"is {prep.text}"
        yield from _nominal("location", (prep.head, place, prep), mentions, [prep], lemma, phrase)


def _nominal(
    rule: str,
    tokens: tuple[Token, Token, Token],
    mentions: tuple[Mention | None, Mention | None],
    words: list[Token],
    lemma: str,
    phrase: str,
) -> Iterator[Fact]:
    """The fact of a noun-phrase rule from (subject, object, anchor) tokens, if both are fit."""
    subj, obj = mentions
    if subj is None or obj is None:
        return
    link = relation(words, lemma)
    yield Fact(subj, link, obj, rule, tokens[2], phrase=phrase,
               subject_token=tokens[0], object_token=tokens[1])  # fmt: skip


def _is_false_apposition(appos: Token) -> bool:
    """Lists, literals, parentheses, headline colons and stranded subjects are no definitions."""
    head = appos.head
    if appos.text in _NAME_SUFFIXES:
        return True
    between = appos.doc[min(head.i, appos.i) + 1 : max(head.i, appos.i)]
    if any(t.text in {":", "(", ")"} or is_break(t) for t in between):
        return True
    if head.ent_type_ in LITERAL_LABELS or appos.ent_type_ in LITERAL_LABELS:
        return True
    if _is_amount(head) or _is_amount(appos):
        return True  # "US$140bn ($96bn, £86bn)": the amount in other currencies
    if _unmarked_common(appos, between) or _clause_subject(appos) or _disagrees(head, appos):
        return True
    if head.ent_type_ and appos.ent_type_ and not title_tokens(appos):
        return True  # two names side by side are more often a list than a definition
    verb = head.head.head
    return head.dep_ == "pobj" and verb.pos_ in {"VERB", "AUX"} and stranded_subject(verb) == appos


def _disagrees(head: Token, appos: Token) -> bool:
    """A plural common noun and one singular name are no one thing: "some great catches -
    Ricky Ponting" gives an example of them (but "the two leaders, Aliyev and Pashinyan"),
    unless the name is marked as one of them ("countries, particularly Iran", "one of the
    worst hit parts, Wahroonga"): then it is a member of the noun's class."""
    pair = {head.tag_, appos.tag_}
    name = head if head.tag_ == "NNP" else appos
    if pair != {"NNS", "NNP"} or any(c.dep_ == "conj" for c in name.children):
        return False
    return not (name is appos and (_focused(appos) or _one_of(head)))


def _focused(name: Token) -> bool:
    """ "particularly Iran": an adverb before the name picks it out of the group."""
    return any(c.dep_ == "advmod" and c.i < name.i for c in name.children)


def _one_of(noun: Token) -> bool:
    """ "one of the parts": the plural noun of a partitive "one of"."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ == "one"


def _is_amount(token: Token) -> bool:
    """An amount of money the model did not tag: a currency sign before the word."""
    return any(c.tag_ == "$" or c.is_currency for c in token.lefts)


def _unmarked_common(appos: Token, between: SpacySpan) -> bool:
    """ "the pain of people the world over": a common noun apposed with no comma between is
    no definition (a close apposition names: "the poet Burns", "parent company EADS")."""
    return appos.pos_ == "NOUN" and not appos.ent_type_ and not any(t.is_punct for t in between)


def _clause_subject(appos: Token) -> bool:
    """ "his master, Hawthorne's performances were great": a noun phrase right before a verb
    that has no subject is that verb's subject, not an apposition."""
    after = appos.right_edge.i + 1
    if after >= len(appos.doc):
        return False
    verb = appos.doc[after]
    if verb.dep_ in {"aux", "auxpass"}:  # "The newest iPhone, iPhone 4 was introduced"
        verb = verb.head
    subjects = (c for c in verb.children if c.dep_ in _CLAUSE_SUBJECT_DEPS)
    return verb.dep_ in _CLAUSE_DEPS and verb.pos_ in {"VERB", "AUX"} and not any(subjects)


def _coordinated_adjective(noun: Token) -> bool:
    """ "is smaller and squarer": a bare word coordinated with an adjective complement is
    one too, whatever its tag, and names no class (not "small and a bestseller")."""
    bare = not any(c.dep_ in _OPENER_DEPS for c in noun.children)
    return bare and noun.dep_ == "conj" and noun.head.pos_ == "ADJ" and noun.head.dep_ == "acomp"


def _role_facts(
    subj: Mention, title: list[Token], noun: Token, anchor: Token, named: Token | None = None
) -> Iterator[Fact]:
    """role: (person, hold role, title literal); role_of: (person, "<title> of", qualifier).

    The qualifiers are the title's "of" and possessive ones, and ``named``, a body named
    right before the title ("EADS chief executive Louis Gallois").
    """
    written = _written_title(title, noun)
    span = char_span(noun.doc, written[0], written[-1])
    role = Mention(span.text, span.start, span.end, head=span, ner=None, literal=True)
    yield Fact(subj, relation(title, _ROLE), role, "role", anchor, phrase="is")
    qualifiers = [*of_objects(noun), *([(None, named)] if named is not None else [])]
    for of_token, target in qualifiers:
        qualifier = mention(target)
        if qualifier is not None:
            words = [*title, *([of_token] if of_token else [])]
            rel = relation(words, f"{lowered(title)} of")
            phrase = " ".join(["is", *(t.text for t in words)])
            yield Fact(subj, rel, qualifier, "role_of", anchor, phrase=phrase)


def _written_title(title: list[Token], noun: Token) -> list[Token]:
    """The title as written, for the role literal: the title words with the names and
    adjectives that modify them before ("Argentine President", "New South Wales Emergency
    Services Minister", "Victoria's Industrial Relations Minister", "Apple Inc. executive")
    and the "of" phrase right after ("parliamentary leader of the People's Alliance
    Party"), unless that makes it longer than :data:`_ROLE_WORDS`."""
    doc, start, end = noun.doc, title[0].i, title[-1].i + 1
    while start > noun.sent.start and _modifies_title(doc[start - 1], noun):
        start -= 1
    phrase = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    if phrase is not None and phrase.i == end and _of_name(phrase):
        end = phrase.right_edge.i + 1
    if end - start > _ROLE_WORDS:
        return title
    return list(doc[start:end])


def _modifies_title(word: Token, noun: Token) -> bool:
    """A word before the title that belongs to it: a name, adjective or possessor (with
    its "'s") that modifies the title noun, not a determiner or a word of the name."""
    return (
        word.dep_ in _TITLE_MOD_DEPS
        and noun in word.ancestors
        and not is_break(word)
        and (word.dep_ != "case" or word.head.dep_ == "poss")
    )


def _of_name(phrase: Token) -> bool:
    """An "of" phrase naming a body ("of the Cancer Council"), all of it a name or its
    determiner and no clause ("of the party that ...")."""
    words = list(phrase.subtree)[1:]
    named = [t for t in words if t.ent_type_ or t.pos_ == "PROPN"]
    return bool(named) and all(t.ent_type_ or t.pos_ in _NAME_POS for t in words)


def _entity_role_facts(ent: SpacySpan) -> Iterator[Fact]:
    """Roles from title words before (or opening) a PERSON name: "President Ilham Aliyev"."""
    title = [*_title_before(ent), *title_in_entity(list(ent))]
    nouns = [t for t in title if t.lemma_.lower() in TITLE_NOUNS or t.lower_ in TITLE_NOUNS]
    subj = mention(ent.root)
    if not nouns or subj is None:
        return
    whole = title[: title.index(nouns[-1]) + 1] == title  # no words between title and name
    title = title[: title.index(nouns[-1]) + 1]
    body = _body_before(title[0]) if whole else None
    yield from _role_facts(subj, title, nouns[-1], ent.root, body)


def _body_before(first: Token) -> Token | None:
    """The organisation or place named right before a title, as its modifier: "EADS" of
    "EADS chief executive Louis Gallois", "Pakistan" of "Pakistan Foreign Minister ..."
    (a nationality adjective, "Armenian Prime Minister", names no body)."""
    if first.i == first.sent.start or _names_on(first):
        return None
    before = first.doc[first.i - 1]
    ent = entity_at(before)
    if ent is None or ent.label_ not in _BODY_LABELS or before.dep_ not in _BODY_DEPS:
        return None
    whole = all(t == before or before in t.ancestors for t in ent)  # the parser agrees
    return before if ent.end == first.i and whole else None


def _names_on(first: Token) -> bool:
    """A capitalised word that is no title word: the name goes on into the title ("Fair
    Trading Minister", "Employment Services Minister"), so the entity before it is cut short."""
    word = first.lemma_.lower()
    return first.is_title and word not in TITLE_NOUNS and first.lower_ not in TITLE_WORDS


def _joins_words(token: Token) -> bool:
    """A hyphen with no space on either side: part of one word ("Attorney-General")."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (
        token.text in HYPHENS
        and not token.whitespace_
        and before is not None
        and not before.whitespace_
    )


def _title_before(ent: SpacySpan) -> list[Token]:
    """Untagged compound/adjective words right before the name that modify it."""
    doc, words = ent.doc, list[Token]()
    i = ent.start - 1
    while i >= ent.sent.start:
        token = doc[i]
        joins = _joins_words(token) and i > ent.sent.start  # "Attorney-General"
        if (token.dep_ not in {"compound", "amod"} and not joins) or token.ent_type_:
            break
        if ent.root not in token.ancestors:
            break
        words.insert(0, token)
        i -= 1
    while words and words[0].text in HYPHENS:
        words = words[1:]
    first = word_start(words[0]) if words else None  # "vice-president", split by the parser
    if first is None or first.pos_ not in _TITLE_PREFIX_POS:  # "then-president": no title
        return words
    return [*doc[first.i : words[0].i], *words]
