"""The words of a mention: its name as a label, pronouns, the name its head ends.

>>> display_name("the Ministry of Defense's")
'Ministry of Defense'
>>> common_noun_entity(Entity("people", "people", "Group"))
True
>>> common_noun_entity(Entity("two_men", "two men", "Group"), frozenset({"two"}))
True
>>> common_noun_entity(Entity("mine_explosion", "mine explosion", "Concept"), frozenset({"two"}))
False
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kgraph.model import Entity, LinkMethod, Mention, SurfaceTriple
from kgraph.ontology import Linking

if TYPE_CHECKING:
    from kgraph.link import Link, Linker
    from kgraph.link.context import ArticleContext, Named

__all__ = [
    "common_noun_entity",
    "display_name",
    "is_pronoun",
    "name_before_head",
    "personal_noun",
    "plausible_alias",
    "pronoun_agrees",
    "said_by",
    "salient",
    "speaker_antecedent",
    "unambiguous_person",
]


def common_noun_entity(entity: Entity, generic: frozenset[str] = frozenset()) -> bool:
    """An entity named by a generic common noun: no capital letter, no catalog identity,
    and no modifier but numbers and ``generic`` words ("people", "court", "two men",
    "local police", "3,000 people"). A noun with other modifiers ("mine explosion",
    "asylum seekers") is specific enough to be one thing across articles."""
    *modifiers, head = entity.label.split() or [""]
    if entity.wikidata is not None or not (head.isalpha() and head.islower()):
        return False
    return all(_NUMBER.fullmatch(m) or m in generic for m in modifiers)


#: A number or ordinal in digits: "3,000", "1.5", "20", "12th".
_NUMBER = re.compile(r"\d[\d,.]*(?:st|nd|rd|th)?")


def is_pronoun(name: str) -> bool:
    """A pronoun names nothing by itself ("us" and "It" are pronouns; "US" is a country)."""
    from kgraph.extract.arguments import PRONOUNS

    return name.lower() in PRONOUNS and not name.isupper()


_LEADING_WORDS = frozenset({"the", "a", "an"})


def name_before_head(mention: Mention, rules: Linking) -> tuple[list[str], bool] | None:
    """The words of the mention right before its head that belong to the head's name, and
    whether they make it a person's: capitalised words ("Western", "Alejandro"), titles
    and person nouns ("President", "widow"); a possessive or any other word ends them."""
    head = mention.key_span
    if head.start <= mention.start or head.end > mention.end:
        return None
    before = mention.text[: head.start - mention.start].split()
    words: list[str] = []
    person = False
    for word in reversed(before):
        if word.endswith(("'s", "’s", ",")) or not (word[:1].isupper() or rules.is_title(word)):
            break
        person = person or rules.is_title(word)
        words.insert(0, word)
    if words and words[0].lower() in _LEADING_WORDS:
        words = words[1:]
    return (words, person) if words else None


def display_name(text: str) -> str:
    """A mention's name as a label: one line, no leading article, no possessive."""
    words = text.split()
    while words and words[0].lower() in _LEADING_WORDS:
        words = words[1:]
    name = " ".join(words)
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip(" ,;:.\"“”'’()")


#: Pronouns of one person.
_PERSON_PRONOUNS = frozenset({"he", "him", "she", "her"})


def unambiguous_person(
    pronoun: str,
    found: Named,
    mention: Mention,
    context: ArticleContext | None,
    avoid: str | None,
    subject: bool,
) -> bool:
    """Whether "he" or "she" has one fit: of the people of the nearest sentence naming
    any before it (never ``avoid``; for a subject pronoun its subjects, for an object
    pronoun the others, when there are such), the antecedent is the only one ("Aliyev
    met Putin. He thanked him": Aliyev, then Putin; "Ford and Kissinger called, Suharto
    claimed he ...": no one)."""
    if pronoun.lower() not in _PERSON_PRONOUNS or context is None:
        return True
    people = [
        n
        for n in context.discourse
        if n.end <= mention.start and n.entity.cls == "Person" and n.entity.key != avoid
    ]
    people = [n for n in people if not any(_inside(m, n) for m in people)]
    if not people:
        return True
    nearest = [n for n in people if n.sentence == people[-1].sentence]
    candidates = [n for n in nearest if n.subject == subject] or nearest
    return {n.entity.key for n in candidates} == {found.entity.key}


def said_by(context: ArticleContext | None, triple: SurfaceTriple) -> list[Link]:
    """The subject of a fact whose pronoun subject is its speaker (see
    :func:`speaker_antecedent`), or none."""
    from kgraph.link import Link  # the package imports this module: import when called

    named = speaker_antecedent(context, triple) if context is not None else None
    return [Link(named.entity, LinkMethod.COREFERENCE, 0.8)] if named else []


def speaker_antecedent(context: ArticleContext, triple: SurfaceTriple) -> Named | None:
    """The speaker of indirect speech, for a pronoun subject of what is said, when they
    agree ("Local commanders have warned they will shoot ...", "Cisco states that it has
    received ..."): the governing clause's subject (of a speaker named inside a longer
    mention, the innermost name that agrees). In a quotation, or before the speaker ("They
    were killed by shell fire, the sources said"), the pronoun is someone else."""
    said, word = triple.attribution, triple.subject.text.lower()
    if said is None or said.quote is not None or word not in context.pronouns:
        return None
    if not is_pronoun(triple.subject.text):
        return None
    classes, number = context.pronouns[word]
    speaker = said.speaker
    if speaker.end > triple.subject.start:
        return None  # "They were killed ..., the sources said": someone else
    within = [
        n
        for n in context.discourse
        if speaker.start <= n.start
        and n.end <= speaker.end
        and pronoun_agrees(n, classes, number == "p")
    ]
    return within[-1] if within else None


def _inside(inner: Named, outer: Named) -> bool:
    """A name inside a longer mention of the same person ("Apple CEO Steve Jobs")."""
    return outer.start <= inner.start and inner.end <= outer.end and inner != outer


def pronoun_agrees(
    named: Named, classes: frozenset[str], plural: bool, here: int | None = None
) -> bool:
    """Whether a pronoun of ``classes`` and number may stand for ``named``.

    The number must agree (a Group is plural for "they"). "it" never stands for a person,
    nor for a common noun naming one ("the poor man", "a spokesman", "residents"); a plural
    pronoun also stands for a plural common noun that is a subject ("Local commanders
    have warned they will shoot ...") of its own sentence ``here``, or of an earlier one
    when it names people ("residents", "commanders"): "The weather conditions were bad.
    They ..." is rarely the conditions.
    """
    if named.personal and not plural:
        return False
    number = named.plural == plural or (named.entity.cls == "Group" and plural)
    common = plural and named.subject and named.entity.cls == _CONCEPT
    nearby = here is None or named.sentence == here or named.personal
    kind = named.entity.cls in classes or (common and nearby)
    return number and kind


#: The class of an entity named by a common noun.
_CONCEPT = "Concept"


def salient(fits: list[Named], subject: bool, here: int) -> Named | None:
    """The antecedent of a pronoun of sentence ``here`` among ``fits`` (in text order).

    A subject pronoun takes the first subject before it in its own sentence (the main
    clause's subject: "Cisco states that it has received ...", "The company has refused
    to say what the money would be used for or how much it wants"; of "Presiding Judge
    Martin Mann", the name inside), else the nearest candidate of its own sentence
    ("a passenger in the car when it hit a pole"), else the latest subject of the
    nearest sentence before that has candidates, else its latest candidate. An object
    pronoun takes the nearest candidate.
    """
    if subject:
        for sentence in sorted({n.sentence for n in fits}, reverse=True):
            candidates = [n for n in fits if n.sentence == sentence]
            subjects = [n for n in candidates if n.subject]
            if sentence == here and subjects:
                first = subjects[0]
                return next((n for n in subjects[1:] if _inside(n, first)), first)
            return subjects[-1] if subjects and sentence != here else candidates[-1]
    return fits[-1] if fits else None


def personal_noun(entity: Entity, rules: Linking) -> bool:
    """A common noun naming a person or people, or a generic one: its head is a title, a
    person noun or a ``[generic]`` head ("the poor man", "a spokesman", "Iraq's
    ambassador", "residents", "the total")."""
    if entity.cls != _CONCEPT or not entity.label:
        return False
    head = entity.label.split()[-1]
    return rules.is_title(head) or head.casefold() in rules.generic_heads


def plausible_alias(linker: Linker, name: str, alias: str, link: Link) -> bool:
    """An acronym of the name's initials, or a name that means nothing else."""
    if _acronym(alias):
        alias = alias.upper()  # "AfD" is an acronym too, of "Alternative für Deutschland"
        words = re.findall(r"[A-Za-z][\w\-]*", name)
        if words and words[0].lower() == "the":
            words = words[1:]
        initials = "".join(w[0] for w in words if w[0].isupper())
        letters = alias.replace(".", "")
        return _subsequence(letters, initials) or _subsequence(letters, "".join(words).upper())
    if any(ch.isdigit() for ch in alias) or len(alias.split()) > 5:
        return False
    other = linker.resolve(Mention(alias, 0, len(alias)), None)
    return (
        other is None
        or other.entity.key == link.entity.key
        or other.method
        in (
            LinkMethod.NEW,
            LinkMethod.NER,
        )
    )


def _acronym(text: str) -> bool:
    """ "UNSC", "U.N.", "AfD", "MbS": one short word, mostly capitals."""
    letters = text.replace(".", "")
    capitals = sum(ch.isupper() for ch in letters)
    return 2 <= len(letters) <= 8 and letters.isalpha() and capitals >= max(2, len(letters) - 1)


def _subsequence(letters: str, within: str) -> bool:
    iterator = iter(within)
    return bool(letters) and letters[0] == within[:1] and all(ch in iterator for ch in letters)
