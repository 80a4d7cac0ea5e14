"""What an article's descriptions refer to: "the airline" after "Irish airline Aer Lingus".

:class:`~kgraph.link.context.ArticleContext` notes, as it collects the discourse, the
nouns the article uses for its names (:func:`introduce`), so that a later "the airline"
or "the service" is the name it introduced as one (:func:`introduced_as`); an
indefinite apposition is the name it follows (:func:`apposition_head`); a product's name
before its kind's noun is that product (:func:`branded`); a second "it" of a sentence is
the first one's thing (:func:`earlier_it`); "the two countries" are the entities the
article named together or has acting (:func:`group_antecedents`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from kgraph.link.kinds import (
    brand_noun,
    description_noun,
    introduced_noun,
    product_name,
    relative_apposition,
)
from kgraph.link.words import display_name
from kgraph.model import Entity, Mention, Span
from kgraph.ontology import normalize_name

#: Names written as one list: "Armenia and Azerbaijan", "Armenia, Azerbaijan and Russia".
COORDINATION = re.compile(r"\s*(?:,|,?\s+and|&)\s+")

if TYPE_CHECKING:
    from kgraph.link import Linker
    from kgraph.link.context import ArticleContext, Named

__all__ = [
    "COORDINATION",
    "apposition_head",
    "branded",
    "earlier_it",
    "group_antecedents",
    "introduce",
    "introduced_as",
    "names_a_thing",
]

#: The pronoun "it" as a word, and what follows an "it" that stands for nothing ("It is
#: expected that", "it was hoped to").
_IT = re.compile(r"\b[Ii]t\b")
_EXPLETIVE = re.compile(
    r"(?:\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be|seems|seemed|appears|appeared)"
    r"|['’]s)\s+(?:\w+\s+){0,2}?(?:that|to|whether|if)\b"
)
#: Modifiers that pick out one of several: "the fifth version" is not the version named.
_NOT_THE_ONE = frozenset(
    {"first", "second", "third", "fourth", "fifth", "last", "next", "final", "other", "another"}
)
#: A name right after a description, its own: "The fifth version (iOS 5)", "the capital, Kabul".
_OWN_NAME = re.compile(r"\s*(?:\(|,)\s*[\"“]?[A-Za-z]*[A-Z]")


def _is_name(named: Named) -> bool:
    """A mention that names its entity: capitalised, not a description ("the new version")."""
    first = named.text.split()[0] if named.text.split() else ""
    return any(ch.isupper() for ch in first) and description_noun(named.text) is None


#: Words that set a thing apart from another of its kind: "a larger quake", "another
#: attack", "not an official withdrawal". A later "the quake" is rarely that one.
_ANOTHER_ONE = frozenset(
    {
        "another", "other", "not", "no", "previous", "earlier", "later", "second", "separate",
        "different", "similar", "larger", "smaller", "bigger", "stronger", "weaker", "further",
    }
)  # fmt: skip


def names_a_thing(named: Named) -> bool:
    """An antecedent a description may take: a name ("Russian peacekeepers") or a
    description of the same thing ("the six-week war"), not one set apart from another of
    its kind ("a larger quake", "not an official withdrawal"): "the quake" stays itself."""
    if any(ch.isupper() for ch in named.entity.label):
        return True
    return not _ANOTHER_ONE & set(named.text.lower().split())


def branded(context: ArticleContext, linker: Linker, mention: Mention) -> Entity | None:
    """The product a phrase of a product's name and its kind names, for the discourse:
    "The first A380 superjumbo" is the A380 (a later "the plane", "it"); None for a name
    that is no product's ("an Airbus aircraft" is no Airbus) or a noun of no product."""
    brand = brand_noun(mention.text)
    kind = context.rules.kinds.get(brand[1]) if brand and context.rules is not None else None
    if brand is None or kind != "Product" or not product_name(brand[0]):
        return None
    start = mention.start + mention.text.index(brand[0])
    alone = Mention(brand[0], start, start + len(brand[0]))
    link = linker.resolve(alone, context)
    if link is not None and link.entity.cls not in (kind, "Concept"):
        return None
    return linker.names.fallback(brand[0], alone, kind)[0] if link else None


def introduce(context: ArticleContext, named: Named) -> None:
    """Note the noun the mention and the one before it say a name is ("Irish airline Aer
    Lingus", "iCloud, a service that", "Apple's new offering, iCloud", "a new iCloud
    service"), for a later "the airline" (:func:`introduced_as`)."""
    brand = brand_noun(named.text)
    if brand is not None:
        context.introduced.setdefault(brand[1], {}).setdefault(normalize_name(brand[0]), True)
    k = context.discourse.index(named)
    for other in reversed(context.discourse[max(0, k - 3) : k]):
        name, description = (named, other) if _is_name(named) else (other, named)
        within = description.start < name.start and description.end == name.end
        if not _is_name(name) or (_is_name(description) and not within):
            continue  # "Irish airline Aer Lingus": the phrase around the name may be one
        if description.plural and not name.plural and not within:
            continue  # "Sydney, the storms ...": no apposition of the city
        noun = introduced_noun(context.text, name.span, description.span)
        if noun is not None:
            context.introduced.setdefault(noun, {})[normalize_name(name.text)] = False


def introduced_as(context: ArticleContext, mention: Span) -> Named | None:
    """The latest name before "the airline" that the article said was an airline; of a
    name only written before the noun ("a new iCloud service"), a product's or a
    work's ("the Air Canada deal" is no Air Canada)."""
    words = display_name(mention.text).split()
    if not words or not all(w.isalpha() and w.islower() for w in words):
        return None
    if any(w in _NOT_THE_ONE or w not in _modifiers(context) for w in words[:-1]):
        return None  # "the fifth version" is not "Lion, the new version"
    if _OWN_NAME.match(context.text, mention.end):
        return None  # "The fifth version (iOS 5)": named where it stands
    names = context.introduced.get(words[-1], {})
    for named in context.before(mention.start) if names else ():
        compound = names.get(normalize_name(display_name(named.text)))
        if compound is None or (compound and not _kind_of(context, words[-1], named)):
            continue
        return named
    return None


def _modifiers(context: ArticleContext) -> frozenset[str]:
    """The modifiers a description may have and still be the name introduced ("the new")."""
    return context.rules.generic_modifiers if context.rules is not None else frozenset()


def _kind_of(context: ArticleContext, noun: str, named: Named) -> bool:
    """Whether a name written before ``noun`` is one ("the iCloud service": a product
    and a service; "the iPhone issue" is no iPhone): the noun is a kind of its class."""
    rules = context.rules
    return rules is not None and rules.kinds.get(noun) == named.entity.cls


def apposition_head(context: ArticleContext, mention: Span) -> Named | None:
    """The name an indefinite apposition with a relative clause is said of:
    "Nagorno-Karabakh, an enclave that belongs to Azerbaijan"."""
    before = next(context.before(mention.start), None)
    if before is None or not _is_name(before):
        return None
    return before if relative_apposition(context.text, mention, before.span) else None


def earlier_it(context: ArticleContext, mention: Span) -> Mention | None:
    """The first "it" of the pronoun's sentence before it, if another: the same thing
    (never an "it" of "It is expected that ...", which stands for nothing)."""
    start = (
        context.sentence_starts[context.sentence_of(mention.start)]
        if context.sentence_starts
        else 0
    )
    found = _IT.search(context.text, start, mention.start) if start < mention.start else None
    if found is None or _EXPLETIVE.match(context.text, found.end()):
        return None
    return Mention(found.group(0), found.start(), found.end())


def group_antecedents(
    context: ArticleContext, classes: tuple[str, ...], number: int, offset: int
) -> list[Named] | None:
    """The ``number`` entities of ``classes`` that "the two countries" at ``offset`` means,
    in text order, or None if the article did not name them together before.

    The latest entities the article named together ("Armenia and Azerbaijan",
    "Armenia, Azerbaijan and Russia") when their number is right; else, of those
    named in the last sentences (the description window), the ones the article has
    named most often so far (the parties of the story, not Russia named once as
    their mediator), the latest named first on a tie, if some earlier sentence names
    them together ("Pakistan wants to defuse the crisis with India"): two entities
    never named in one sentence (an envoy's country, the country he visits) are no
    pair the article set up, and the description stays unresolved.
    """
    window = context.sentence_of(offset) - context.description_window
    earlier = [n for n in context.discourse if n.end <= offset and n.entity.cls in classes]
    paired = _coordinated(context, earlier, number)
    if paired is not None:  # "between Armenia and Azerbaijan ... both sides"
        return paired
    recent = {n.entity.key: n for n in earlier if n.sentence >= window}
    if len(recent) < number:
        return None
    mentions = Counter(n.entity.key for n in earlier)
    acting = Counter(n.entity.key for n in earlier if n.subject)  # not the court they go to
    ranked = sorted(
        recent.values(), key=lambda n: (acting[n.entity.key], mentions[n.entity.key], n.start)
    )
    chosen = sorted(ranked[-number:], key=lambda n: n.start)
    together = {n.entity.key for n in chosen}
    sentences: dict[int, set[str]] = {}
    for n in earlier:
        sentences.setdefault(n.sentence, set()).add(n.entity.key)
    if not any(together <= keys for keys in sentences.values()):
        return None  # never named in one sentence: not a pair the article set up
    return chosen


def _coordinated(context: ArticleContext, earlier: list[Named], number: int) -> list[Named] | None:
    """The latest ``number`` distinct entities written as "X and Y" (or "X, Y and Z")."""
    run: list[Named] = []
    found = None
    for named in earlier:  # in text order, as the discourse is
        between = context.text[run[-1].end : named.start] if run else ""
        known = {n.entity.key for n in run}
        if run and COORDINATION.fullmatch(between) and named.entity.key not in known:
            run.append(named)
        else:
            run = [named]
        if len(run) == number:
            found = list(run)
    return found
