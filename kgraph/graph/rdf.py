"""Turn linked facts into RDF: the graph contract of docs/vocabulary.md.

- every fact is a plain triple in the named graph of its article (negated facts
  are not asserted);
- every fact has a provenance node (``rdf:Statement``) in that graph;
- entity and open-relation descriptions go to the entities graph;
- build runs go to the runs graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kgraph.graph.claims import claim_triples
from kgraph.graph.links import link_triples
from kgraph.graph.measures import count_literal, measure_triples
from kgraph.model import Article, Entity, LinkedFact, ModelInfo, Relation, Span
from kgraph.vocab import KG, Iris

__all__ = [
    "BuildRun",
    "EntityDescription",
    "Triple",
    "article_triples",
    "catalog_descriptions",
    "entity_descriptions",
    "issued_literal",
    "relation_description",
    "run_triples",
]

#: A triple of rdflib terms, or of pyoxigraph terms on the hot path; the store takes both.
Triple = tuple[Any, Any, Any]

_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+")
_ISO_PARTIAL = (
    (re.compile(r"\d{4}"), XSD.gYear),
    (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),
)


@dataclass(frozen=True)
class BuildRun:
    """One ``kgraph build``: what generated the facts, and when."""

    iri: URIRef
    kgraph_version: str
    model: ModelInfo
    started: datetime


@dataclass(frozen=True)
class EntityDescription:
    """An entity's triples: ``core`` (type, label) once per entity, ``names`` always."""

    iri: URIRef
    label: str
    core: tuple[Triple, ...]
    names: tuple[Triple, ...]


def issued_literal(published: str) -> Literal:
    """``dcterms:issued`` value: xsd:gYear, gYearMonth, date or dateTime by precision.

    >>> issued_literal("2023-09").datatype.endswith("gYearMonth")
    True
    """
    for pattern, datatype in _ISO_PARTIAL:
        if pattern.fullmatch(published):
            return Literal(published, datatype=datatype)
    return Literal(published, datatype=XSD.dateTime)


def run_triples(run: BuildRun) -> list[Triple]:
    """The build run's description."""
    return [
        (run.iri, RDF.type, KG.BuildRun),
        (run.iri, RDF.type, PROV.Activity),
        (
            run.iri,
            PROV.startedAtTime,
            Literal(_utc(run.started), datatype=XSD.dateTime, normalize=False),
        ),
        (run.iri, KG.kgraphVersion, Literal(run.kgraph_version)),
        (run.iri, KG.spacyModel, Literal(run.model.name)),
        (run.iri, KG.spacyModelVersion, Literal(run.model.version)),
        (run.iri, KG.spacyVersion, Literal(run.model.spacy_version)),
    ]


def _utc(moment: datetime) -> str:
    """The canonical xsd:dateTime form of a UTC time (``...Z``), as stores normalise it."""
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def article_triples(
    iris: Iris,
    article: Article,
    sentences: tuple[Span, ...],
    facts: Iterable[LinkedFact],
    run: URIRef,
) -> list[Triple]:
    """Everything that goes into the article's named graph."""
    triples = list(_article_metadata(iris, article, len(sentences)))
    for fact in facts:
        triples.extend(_fact_triples(iris, fact, run))
    return triples


def entity_descriptions(iris: Iris, facts: Iterable[LinkedFact]) -> list[EntityDescription]:
    """The descriptions of every entity the facts mention, with their surface forms."""
    forms: dict[str, tuple[Entity, set[str]]] = {}
    for fact in facts:
        for entity, form in fact.surface_forms:
            forms.setdefault(entity.key, (entity, set()))[1].add(form)
    return [_describe(iris, entity, seen) for entity, seen in forms.values()]


def catalog_descriptions(iris: Iris, entities: Iterable[Entity]) -> list[EntityDescription]:
    """The descriptions of catalog entities, with their aliases."""
    return [_describe(iris, entity, set()) for entity in entities]


def relation_description(iris: Iris, relation: Relation) -> list[Triple]:
    """An open relation's declaration; canonical relations are in the ontology graph."""
    if relation.canonical:
        return []
    iri = iris.open_relation(relation.key)
    return [(iri, RDF.type, KG.OpenRelation), (iri, RDFS.label, Literal(relation.label, lang="en"))]


def _describe(iris: Iris, entity: Entity, seen: set[str]) -> EntityDescription:
    iri = iris.entity(entity.key)
    core: list[Triple] = [
        (iri, RDF.type, iris.ontology_class(entity.cls)),
        (iri, RDFS.label, Literal(entity.label, lang="en")),
    ]
    if entity.wikidata:
        core.append((iri, OWL.sameAs, iris.wikidata(entity.wikidata)))
    if entity.affiliation:
        core.append((iri, KG.affiliatedWith, iris.entity(entity.affiliation)))
    names = sorted((set(entity.aliases) | seen) - {entity.label})
    alt = tuple((iri, SKOS.altLabel, Literal(name, lang="en")) for name in names)
    return EntityDescription(iri, entity.label, tuple(core), alt)


def _object_key(fact: LinkedFact) -> str:
    return fact.object.key if isinstance(fact.object, Entity) else fact.object


def _article_metadata(iris: Iris, article: Article, sentence_count: int) -> Iterator[Triple]:
    iri = iris.article(article.id)
    yield iri, RDF.type, KG.Article
    yield iri, DCTERMS.identifier, Literal(article.record_id or article.id)  # the input's id first
    yield iri, KG.sha256, Literal(article.sha256)
    yield iri, KG.text, Literal(article.text)
    yield iri, KG.sentenceCount, Literal(sentence_count)
    if article.title:
        yield iri, DCTERMS.title, Literal(article.title)
    if article.url:
        yield iri, DCTERMS.source, _iri_or_literal(article.url)
    if article.published:
        yield iri, DCTERMS.issued, issued_literal(article.published)
    if article.source:
        yield iri, DCTERMS.publisher, Literal(article.source)
    if article.origin:
        yield iri, KG.origin, Literal(article.origin)


def _iri_or_literal(value: str) -> URIRef | Literal:
    """An IRI when ``value`` is a valid absolute IRI, else a plain literal."""
    return URIRef(value) if _IRI.fullmatch(value) else Literal(value)


def _fact_triples(iris: Iris, fact: LinkedFact, run: URIRef) -> Iterator[Triple]:
    """The plain triple and its provenance node, as pyoxigraph terms (the hot path)."""
    surface, provenance = fact.surface, fact.provenance
    subject = _named(iris.entity(fact.subject.key))
    predicate = _named(
        iris.relation(fact.relation.key)
        if fact.relation.canonical
        else iris.open_relation(fact.relation.key)
    )
    obj = (
        _named(iris.entity(fact.object.key))
        if isinstance(fact.object, Entity)
        else count_literal(surface.quantity.value)
        if surface.quantity is not None
        else ox.Literal(fact.object)
    )
    if surface.asserted and not fact.held_back:
        yield subject, predicate, obj
    node = _named(
        iris.fact(
            provenance.article_id,
            surface.subject.start,
            surface.subject.end,
            surface.relation.lemma,
            surface.relation.start,
            surface.object.start,
            surface.object.end,
            surface.rule,
            *((fact.subject.key, _object_key(fact)) if fact.split else ()),
        )
    )
    yield node, _named(RDF.type), _named(RDF.Statement)
    yield node, _named(RDF.subject), subject
    yield node, _named(RDF.predicate), predicate
    yield node, _named(RDF.object), obj
    yield node, _named(PROV.wasDerivedFrom), _named(iris.article(provenance.article_id))
    yield node, _named(PROV.wasGeneratedBy), _named(run)
    yield node, _named(KG.sentence), ox.Literal(provenance.sentence.text)
    yield node, _named(KG.sentenceStart), _integer(provenance.sentence.start)
    yield node, _named(KG.sentenceEnd), _integer(provenance.sentence.end)
    confidence = ox.Literal(repr(round(float(provenance.confidence), 4)), datatype=_XSD_DOUBLE)
    yield node, _named(KG.confidence), confidence
    if provenance.extraction_confidence is not None:
        score = repr(round(float(provenance.extraction_confidence), 4))
        yield node, _named(KG.extractionConfidence), ox.Literal(score, datatype=_XSD_DOUBLE)
    if fact.held_back:
        yield node, _named(KG.heldBack), ox.Literal("true", datatype=_XSD_BOOLEAN)
    yield node, _named(KG.extractor), ox.Literal(provenance.extractor)
    yield node, _named(KG.subjectLink), ox.Literal(fact.subject_method.value)
    yield node, _named(KG.objectLink), ox.Literal(fact.object_method.value)
    if surface.negated:
        yield node, _named(KG.negated), ox.Literal("true", datatype=_XSD_BOOLEAN)
    for span, (text, start, end) in zip(
        (surface.subject, surface.relation, surface.object), _SPAN_PROPERTIES, strict=True
    ):
        yield node, text, ox.Literal(span.text)
        yield node, start, _integer(span.start)
        yield node, end, _integer(span.end)
    yield from link_triples(node, fact)
    yield from claim_triples(iris, node, fact)
    yield from measure_triples(iris, node, fact)


@lru_cache(maxsize=1 << 16)
def _named(iri: str) -> ox.NamedNode:
    """The pyoxigraph IRI of a string or URIRef (cached: the same IRIs recur)."""
    return ox.NamedNode(str(iri))


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_XSD_INTEGER)


_XSD_INTEGER = ox.NamedNode(str(XSD.integer))
_XSD_DOUBLE = ox.NamedNode(str(XSD.double))
_XSD_BOOLEAN = ox.NamedNode(str(XSD.boolean))
_SPAN_PROPERTIES = tuple(
    tuple(_named(KG[f"{part}{field}"]) for field in ("Text", "Start", "End"))
    for part in ("subject", "relation", "object")
)
