"""Link surface triples to entities and relations of the ontology.

A mention resolves by the first of these that applies (each link records its
method and a score in the fact's provenance):

1. **coreference**: a pronoun ("it", "they", "he") or a definite description
   ("the country", "the ministry") to the latest fitting entity before it in
   the article (:mod:`kgraph.link.context`), "the two countries" to the two
   named together before it (one fact each); an unresolved pronoun is no entity;
2. **text-alias**: a name the article introduced for another ("X (Y)", "X,
   known as Y");
3. **catalog**: a label or alias of ``ontology/entities.csv``, also once a
   title is stripped ("Prime Minister Nikol Pashinyan");
4. **demonym**: "Azerbaijani forces", "Armenian authorities" (a force or
   authority affiliated with its country), "Armenians", "ethnic Armenians" (a
   people: a Group, not the country);
5. **gazetteer**: a country by any current, official or former name or ISO code,
   or a city (:mod:`kgraph.link.gazetteer`);
6. **short-name**: a surname after the full name in the article, or a catalog
   person's surname;
7. **fuzzy**: a misspelt catalog or gazetteer name of a compatible class;
8. **ner** / **new**: spaCy's entity class, or a new concept.

A capital or seat of government used as an actor ("Baku said", "Moscow
brokered") then becomes its country's government (**metonymy**); "in Baku"
stays the city. Keys come from normalised names, so one name is one node
across articles; a node named by a generic common noun ("people", "the court",
"two men", "local police") is the article's own, its key prefixed by the article id
(:meth:`Linker.facts`).

>>> from kgraph.ontology import load_ontology
>>> linker = Linker(load_ontology())
>>> linker.entity(Mention("Khankendi", 0, 9)).key
'Stepanakert'
>>> linker.entity(Mention("the recent action", 0, 17)).key
'recent_action'
>>> link = linker.resolve(Mention("Turkish troops", 0, 14))
>>> link.entity.cls, link.entity.affiliation, link.method.value
('MilitaryForce', 'Turkey', 'demonym')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, overload

from kgraph.link.context import ArticleContext, pronoun_classes
from kgraph.link.gazetteer import Gazetteer
from kgraph.link.kinds import idiom, own_kind, proper_name, unit_after_number, with_model_number
from kgraph.link.names import NameResolver
from kgraph.link.words import (
    common_noun_entity,
    display_name,
    is_pronoun,
    name_before_head,
    said_by,
    unambiguous_person,
)
from kgraph.model import (
    Entity,
    LinkedFact,
    LinkMethod,
    Mention,
    ParsedArticle,
    Provenance,
    Relation,
    SurfaceTriple,
)
from kgraph.ontology import Ontology, normalize_name
from kgraph.vocab import slugify

__all__ = ["ArticleContext", "Gazetteer", "Link", "Linker", "link_article"]

_IS_A = "isA"
#: Links that read a place from a name alone, without its context.
_PLACE_GUESSES = frozenset(
    {LinkMethod.GAZETTEER, LinkMethod.FUZZY, LinkMethod.CATALOG, LinkMethod.NER}
)
#: Rules whose subject is the doer ("Baku said", "Moscow brokered").
_ACTOR_RULES = frozenset({"svo", "svo_prep", "clausal", "passive_agent"})
#: Links that do not name the entity: never recorded as its alternative labels (a fuzzy
#: match is a guess at a misspelling, not a name the entity goes by).
_NOT_A_NAME = frozenset({LinkMethod.COREFERENCE, LinkMethod.METONYMY, LinkMethod.FUZZY})


@dataclass(frozen=True)
class Link:
    """The entity a mention refers to, how it was found and how sure (0-1)."""

    entity: Entity
    method: LinkMethod
    score: float = 1.0


class Linker:
    """Resolves mentions and relation phrases against one loaded ontology.

    Build it once and pass it in. Without ``gazetteer`` it builds one from the
    ontology's linking rules (:meth:`Gazetteer.of`, about half a second); the
    gazetteer is only read.
    """

    def __init__(self, ontology: Ontology, gazetteer: Gazetteer | None = None) -> None:
        self.ontology = ontology
        self.rules = ontology.linking
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.of(self.rules)
        self.names = NameResolver(ontology, self.rules, self.gazetteer)
        self.pronouns = pronoun_classes(ontology)
        self.places = ontology.subclasses_of("Place")
        #: Classes whose longer names a shorter one may stand for ("the Ministry of Defense").
        self.named_classes = (
            ontology.subclasses_of("Organization")
            | ontology.subclasses_of("Event")
            | ontology.subclasses_of("Route")
        )

    def resolve(
        self,
        mention: Mention,
        context: ArticleContext | None = None,
        *,
        actor: bool = False,
        subject: bool = True,
        avoid: str | None = None,
    ) -> Link | None:
        """The entity a mention refers to; None if it names nothing.

        ``actor`` says the mention acts in its fact (a subject of "said", an
        object of "accused"), which turns a capital into its government;
        ``subject`` and ``avoid`` (an entity key) guide pronoun resolution.
        """
        if self.rules.group(mention.text):
            return None  # several things ("the two countries"): see resolve_all
        return self._resolve_one(mention, context, actor=actor, subject=subject, avoid=avoid)

    def _resolve_one(
        self,
        mention: Mention,
        context: ArticleContext | None,
        *,
        actor: bool = False,
        subject: bool = True,
        avoid: str | None = None,
    ) -> Link | None:
        mention = with_model_number(mention)  # "the Boeing 787" is the plane, not Boeing
        name = proper_name(display_name(mention.key_span.text), self.rules)
        text = context.text if context is not None else ""
        if not normalize_name(name) or unit_after_number(mention, text):
            return None
        if idiom(mention, text, self.rules):  # "remained in force": no military force
            entity = Entity(slugify(normalize_name(name)), name, "Concept")
            return Link(entity, LinkMethod.NEW, 0.5)
        if is_pronoun(name):
            found = context.antecedent(mention, avoid=avoid, subject=subject) if context else None
            if found is None or not unambiguous_person(
                name, found[0], mention, context, avoid, subject
            ):
                return None  # no fit, or several: the pronoun names no one
            named, score = found
            return Link(named.entity, LinkMethod.COREFERENCE, score)
        link = self._described(mention, context) or self._named(name, mention, context)
        if link.method in _PLACE_GUESSES and link.entity.cls in self.places:
            link = self._in_longer_name(mention, context, link) or link
        if actor and link.method is not LinkMethod.COREFERENCE:
            government = self.names.government_of_seat(link.entity)
            if government is not None:
                return Link(government, LinkMethod.METONYMY, 0.8)
        return link

    def _in_longer_name(
        self, mention: Mention, context: ArticleContext | None, alone: Link
    ) -> Link | None:
        """A place name that is only the end of a longer name in the mention: a person's
        ("President Alejandro Toledo", "his widow Olivia") or another place's ("Western
        Australia"), resolved as that longer name; None when the head stands alone."""
        longer = name_before_head(mention, self.rules)
        if longer is None:
            return None
        words, person = longer
        head = mention.key_span
        text = " ".join([*words, head.text])
        start = head.end - len(text)
        if person:  # a title or a person noun before a name makes a person
            stripped = " ".join(w for w in text.split() if not self.rules.is_title(w))
            name, _role = self.names.strip(stripped)
            entity = self.ontology.lookup(name) or Entity(
                slugify(normalize_name(name)), name, "Person"
            )
            return Link(entity, LinkMethod.NER, 0.7) if entity.cls == "Person" else None
        longer_mention = Mention(text, start, head.end, ner=mention.ner)
        link = self._named(text, longer_mention, context)
        return None if link.entity.key == alone.entity.key else link

    def resolve_all(
        self, mention: Mention, context: ArticleContext | None = None, **options: Any
    ) -> list[Link]:
        """The entities a mention refers to: several for "the two countries", else its one.

        An unresolved description of several names nothing, like an unresolved pronoun.
        """
        group = self.rules.group(mention.text)
        if group is None:
            link = self._resolve_one(mention, context, **options)
            return [link] if link else []
        classes, number = group
        if context is None:
            return []
        apposed, named = context.apposed(mention)  # "both sides", Israel and Palestine
        if apposed:
            fits = len(named) == number and all(n.entity.cls in classes for n in named)
            found = named if fits else None
        else:
            found = context.group_antecedents(classes, number, mention.start)
        return [Link(n.entity, LinkMethod.COREFERENCE, 0.6) for n in found or ()]

    def entity(self, mention: Mention) -> Entity | None:
        """The entity of a mention, or None."""
        link = self.resolve(mention)
        return link.entity if link else None

    def relation(self, phrase: str) -> Relation:
        """The canonical relation of a verb phrase key, or an open relation for it."""
        canonical = self.ontology.relation_for(phrase)
        if canonical is not None:
            return Relation(canonical, self.ontology.relations[canonical], canonical=True)
        return Relation(phrase, phrase, canonical=False)

    def remember_person(self, context: ArticleContext, mention: Mention) -> None:
        """Note a person named in full (title stripped), for their surname later."""
        person = self.names.full_person(display_name(mention.text), mention.ner)
        if person is not None:
            entity, surname, role = person
            context.add_person(surname, mention.start, entity, role)

    def fact(
        self, triple: SurfaceTriple, article_id: str, context: ArticleContext | None = None
    ) -> LinkedFact | None:
        """The first linked fact of a surface triple (see :meth:`facts`), or None."""
        return next(iter(self.facts(triple, article_id, context)), None)

    def facts(
        self, triple: SurfaceTriple, article_id: str, context: ArticleContext | None = None
    ) -> list[LinkedFact]:
        """The linked facts of a surface triple: none when an argument names nothing, one
        per entity when an argument names several ("the two countries have clashed")."""
        if triple.subject.literal:
            return []
        relation = self.relation(triple.relation.lemma)
        actor = self._actor_subject(triple, relation)
        facts = []
        subjects = said_by(context, triple) or self.resolve_all(
            triple.subject, context, actor=actor
        )
        speaker, about = self._speaker_and_about(triple, context) if subjects else (None, None)
        for subject in subjects:
            objects: list[Link] | list[str]
            if triple.object.literal:
                objects = [triple.object.key_span.text]
            else:
                objects = self.resolve_all(
                    triple.object,
                    context,
                    actor=relation.key in self.rules.actor_object_relations,
                    subject=False,
                    avoid=subject.entity.key,
                )
                if relation.key == _IS_A:
                    objects = self._class_objects(triple.object, objects)
            for obj in objects:
                if isinstance(obj, Link) and obj.entity.key == subject.entity.key:
                    continue  # "the two countries" of "Armenia accused the two countries"
                links = (subject, obj, speaker, about)
                facts.append(self._fact(triple, article_id, relation, *links))
        if len(facts) > 1:
            facts = [dataclasses.replace(f, split=True) for f in facts]
        return facts

    def _class_objects(self, mention: Mention, objects: list[Link]) -> list[Link]:
        """The objects of an isA: a description there says what the subject is, not which
        other entity it is ("Kabul is the capital" is no earlier capital), so one resolved
        by coreference is the description itself."""
        if not any(o.method is LinkMethod.COREFERENCE for o in objects):
            return objects
        name = display_name(mention.key_span.text)
        return [Link(*self.names.fallback(name, mention))] if normalize_name(name) else []

    def _speaker_and_about(
        self, triple: SurfaceTriple, context: ArticleContext | None
    ) -> tuple[Link | None, Link | None]:
        """Who the fact is attributed to, and the event or place a count is about."""
        speaker = about = None
        if triple.attribution is not None:
            speaker = self.resolve(triple.attribution.speaker, context, actor=True)
        if triple.quantity is not None and triple.quantity.about is not None:
            about = self.resolve(triple.quantity.about, context)
        return speaker, about

    def _fact(
        self,
        triple: SurfaceTriple,
        article_id: str,
        relation: Relation,
        subject: Link,
        obj: Link | str,
        speaker: Link | None,
        about: Link | None,
    ) -> LinkedFact:
        subject = self._scoped(subject, article_id)
        speaker, about = self._scoped(speaker, article_id), self._scoped(about, article_id)
        if isinstance(obj, Link):
            obj = self._scoped(obj, article_id)
        forms = _forms(subject, triple.subject)
        if triple.attribution is not None:
            forms += _forms(speaker, triple.attribution.speaker)
        if triple.quantity is not None and triple.quantity.about is not None:
            forms += _forms(about, triple.quantity.about)
        if isinstance(obj, Link):
            forms += _forms(obj, triple.object)
        forms += [  # the country of "Kazakh troops" needs a description too
            (country, country.label)
            for entity, _ in forms
            if entity.affiliation and (country := self.names.affiliates.get(entity.affiliation))
        ]
        provenance = Provenance(article_id, triple.sentence, triple.rule, triple.confidence)
        return LinkedFact(
            subject=subject.entity,
            relation=relation,
            object=obj.entity if isinstance(obj, Link) else obj,
            surface=triple,
            provenance=provenance,
            subject_method=subject.method,
            object_method=obj.method if isinstance(obj, Link) else LinkMethod.LITERAL,
            surface_forms=tuple(forms),
            subject_score=subject.score,
            object_score=obj.score if isinstance(obj, Link) else 1.0,
            speaker=speaker.entity if speaker else None,
            about=about.entity if about else None,
        )

    @overload
    def _scoped(self, link: Link, article_id: str) -> Link: ...
    @overload
    def _scoped(self, link: None, article_id: str) -> None: ...

    def _scoped(self, link: Link | None, article_id: str) -> Link | None:
        """The link with its entity scoped to the article when a common noun made it.

        "people", "two men", "local police", "the court" of one article are not those of
        another: an entity named by a generic common noun (no capital letter, no modifier
        but numbers and the ``[generic]`` words of ``linking.toml``) and not in the catalog
        is the article's own, its key prefixed by the article's. Names and specific nouns
        ("mine explosion", "withdrawal of foreign troops") stay global.
        """
        if link is None or not common_noun_entity(link.entity, self.rules.generic_modifiers):
            return link
        if self.ontology.lookup(link.entity.label) is not None:
            return link
        key = f"{slugify(article_id)}.{link.entity.key}"
        return dataclasses.replace(link, entity=dataclasses.replace(link.entity, key=key))

    def _actor_subject(self, triple: SurfaceTriple, relation: Relation) -> bool:
        return triple.rule in _ACTOR_RULES and relation.key not in self.rules.place_relations

    def _described(self, mention: Mention, context: ArticleContext | None) -> Link | None:
        """A definite description ("the country") resolved to an earlier entity."""
        if context is None:
            return None
        description = self.rules.description(mention.text)
        if description is not None:
            classes, contains, role = description
            apposed, names = context.apposed(mention)  # "the capital, Kabul": that city
            if apposed:
                fit = names[0] if len(names) == 1 and names[0].entity.cls in classes else None
                return Link(fit.entity, LinkMethod.COREFERENCE, 0.8) if fit else None
            named = context.description_antecedent(classes, contains, role, mention.start)
        else:  # "The former Chief Operating Officer, Tim Cook": the person
            named = context.apposed_person(mention) or context.head_antecedent(mention)
        return Link(named.entity, LinkMethod.COREFERENCE, 0.7) if named else None

    def _named(self, name: str, mention: Mention, context: ArticleContext | None) -> Link:
        """A name resolved by alias, catalog, demonym, gazetteer, person, fuzzy, class."""
        if context is not None:
            alias = context.aliases.get(normalize_name(name))
            if alias is not None and normalize_name(alias.entity.label) != normalize_name(name):
                return Link(alias.entity, LinkMethod.TEXT_ALIAS, 0.95)
        found = self.names.lookup(name, mention)
        if found is not None:
            return Link(*found)
        kind = context.kind(name) if context is not None else None
        kind = kind or own_kind(name, mention.ner, self.rules)  # "Nobel Peace Prize"
        if kind is not None:  # "the animation company Pixar": not the person spaCy saw
            return Link(*self.names.fallback(name, mention, kind))
        qualified = context.qualified(mention) if context is not None else None
        if qualified is not None:  # "the Ministry of Defense" (in Baku)
            known = self.ontology.lookup(qualified)
            if known is not None:
                return Link(known, LinkMethod.CATALOG, 0.95)
        short = self.names.short_name(name, mention, context)
        if short is not None:
            return Link(*short)
        if context is not None and name[:1].isupper():
            partial = context.partial_antecedent(name, mention.start, self.named_classes)
            if partial is not None:
                return Link(partial.entity, LinkMethod.SHORT_NAME, 0.75)
        if context is not None and context.sentence_initial(mention.key_span.start):
            common = name[:1].lower() + name[1:]  # "Firefighters say": a common noun
            if common.islower() and " " not in common:  # "Hamas militants" keeps its name
                found = self.names.fallback(common, mention)
                if found[1] is LinkMethod.NEW:
                    return Link(*found)
        return Link(*self.names.fallback(name, mention))


def link_article(linker: Linker, parsed: ParsedArticle) -> Iterator[LinkedFact]:
    """Every linkable fact of a parsed article, with its names resolved in context.

    Aliases, people and antecedents are collected from all the article's names
    (:attr:`~kgraph.model.ParsedArticle.mentions`), not only from the facts' arguments.
    """
    article = parsed.article
    context = ArticleContext.collect(linker, article.text, parsed.sentences, parsed.mentions)
    facts = []
    for triple in parsed.triples:
        facts.extend(linker.facts(triple, article.id, context))
    yield from _with_aliases(facts, context)


def _with_aliases(facts: list[LinkedFact], context: ArticleContext) -> Iterator[LinkedFact]:
    """The facts, the first one naming an entity also carrying its text-introduced aliases."""
    pending: dict[str, list[tuple[Entity, str]]] = {}
    for entity, alias in context.alias_forms:
        pending.setdefault(entity.key, []).append((entity, alias))
    for fact in facts:
        extra: list[tuple[Entity, str]] = []
        for entity, _form in fact.surface_forms:
            extra.extend(pending.pop(entity.key, ()))
        if extra:
            fact = dataclasses.replace(fact, surface_forms=fact.surface_forms + tuple(extra))
        yield fact


def _forms(link: Link | None, mention: Mention) -> list[tuple[Entity, str]]:
    """The entity with the name the mention gives it ("it" gives none: just its label)."""
    if link is None:
        return []
    if link.method in _NOT_A_NAME:
        return [(link.entity, link.entity.label)]
    return [(link.entity, display_name(with_model_number(mention).key_span.text))]
