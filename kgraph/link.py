"""Link surface triples to entities and relations of the ontology.

A mention resolves, in order, to

1. a catalog entity, by its label or an alias (case, punctuation, possessives
   and leading articles ignored);
2. a named entity spaCy recognised, its label mapped to an ontology class;
3. a new entity (class ``Concept``) minted for any other noun phrase.

Keys come from the normalised name, so the same name in two articles is one
node. A relation phrase resolves through the ontology's verb table to a
canonical relation, or stays an open relation labelled with its phrase.

>>> from kgraph.ontology import load_ontology
>>> from kgraph.model import Mention
>>> linker = Linker(load_ontology())
>>> linker.entity(Mention("Khankendi", 0, 9)).key
'Stepanakert'
>>> linker.entity(Mention("the recent action", 0, 17)).key
'recent_action'
"""

from __future__ import annotations

from collections.abc import Iterator

from kgraph.extract.arguments import PRONOUNS
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

__all__ = ["Linker", "link_article"]

_GENERIC_CLASS = "Concept"
_LEADING_WORDS = {"the", "a", "an"}


class Linker:
    """Resolves mentions and relation phrases against one loaded ontology."""

    def __init__(self, ontology: Ontology) -> None:
        self.ontology = ontology

    def resolve(self, mention: Mention) -> tuple[Entity, LinkMethod] | None:
        """The entity a mention refers to and how it was found; None if it names nothing."""
        name = _display_name(mention.key_span.text)
        if not normalize_name(name) or _is_pronoun(name):
            return None
        for candidate in (name, mention.text):
            found = self.ontology.lookup(candidate)
            if found is not None:
                return found, LinkMethod.CATALOG
        key = slugify(normalize_name(name))
        cls = self.ontology.ner_classes.get(mention.ner or "")
        if cls is not None:
            return Entity(key, name, cls), LinkMethod.NER
        return Entity(key, name, _GENERIC_CLASS), LinkMethod.NEW

    def entity(self, mention: Mention) -> Entity | None:
        """The entity of a mention, or None."""
        resolved = self.resolve(mention)
        return resolved[0] if resolved else None

    def relation(self, phrase: str) -> Relation:
        """The canonical relation of a verb phrase key, or an open relation for it."""
        canonical = self.ontology.relation_for(phrase)
        if canonical is not None:
            return Relation(canonical, self.ontology.relations[canonical], canonical=True)
        return Relation(phrase, phrase, canonical=False)

    def fact(self, triple: SurfaceTriple, article_id: str) -> LinkedFact | None:
        """The linked fact of a surface triple, or None when an argument names nothing."""
        subject = self.resolve(triple.subject)
        if subject is None or triple.subject.literal:
            return None
        obj: tuple[Entity | str, LinkMethod] | None
        if triple.object.literal:
            obj = (triple.object.key_span.text, LinkMethod.LITERAL)
        else:
            obj = self.resolve(triple.object)
        if obj is None:
            return None
        forms = [(subject[0], _display_name(triple.subject.key_span.text))]
        if isinstance(obj[0], Entity):
            forms.append((obj[0], _display_name(triple.object.key_span.text)))
        speaker = about = None
        if triple.attribution is not None:
            speaker = self.entity(triple.attribution.speaker)
            if speaker is not None:
                forms.append((speaker, _display_name(triple.attribution.speaker.key_span.text)))
        if triple.quantity is not None and triple.quantity.about is not None:
            about = self.entity(triple.quantity.about)
            if about is not None:
                forms.append((about, _display_name(triple.quantity.about.key_span.text)))
        provenance = Provenance(article_id, triple.sentence, triple.rule, triple.confidence)
        return LinkedFact(
            subject=subject[0],
            relation=self.relation(triple.relation.lemma),
            object=obj[0],
            surface=triple,
            provenance=provenance,
            subject_method=subject[1],
            object_method=obj[1],
            surface_forms=tuple(forms),
            speaker=speaker,
            about=about,
        )


def link_article(linker: Linker, parsed: ParsedArticle) -> Iterator[LinkedFact]:
    """Every linkable fact of a parsed article."""
    for triple in parsed.triples:
        fact = linker.fact(triple, parsed.article.id)
        if fact is not None:
            yield fact


def _is_pronoun(name: str) -> bool:
    """A pronoun names nothing by itself ("us" and "It" are pronouns; "US" is a country)."""
    return name.lower() in PRONOUNS and not name.isupper()


def _display_name(text: str) -> str:
    """A mention's name as a label: one line, no leading article, no possessive."""
    words = text.split()
    while words and words[0].lower() in _LEADING_WORDS:
        words = words[1:]
    name = " ".join(words)
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip(" ,;:.\"“”'’()")
