"""Load the ontology: classes, relations, the entity catalog and the verb table.

The ontology is data under ``ontology/`` (shipped inside the wheel as
``kgraph/_ontology``):

- ``kgraph.ttl``: entity classes and structural properties (OWL, Turtle);
- ``relations.ttl``: the canonical relation properties with labels;
- ``entities.csv``: catalog entities (key, label, class, wikidata, aliases);
- ``verbs.csv``: verb phrase keys to canonical relations;
- ``ner_classes.csv``: spaCy entity labels to classes;
- ``boilerplate.toml``: the web-page furniture :mod:`kgraph.ingest` drops
  (:mod:`kgraph.ontology.boilerplate`);
- ``linking.toml``: entity-resolution rules (titles, demonym heads, coreference
  descriptions, metonymy, fuzzy thresholds) read by :mod:`kgraph.link`;
- ``modality_cues.csv``, ``speech_cues.csv``, ``quantities.json``,
  ``confidence.json``: the word tables and weights of :mod:`kgraph.extract`
  (:mod:`kgraph.ontology.tables`).

Ingest, extraction and linking all receive the one :class:`Ontology` that
:func:`load_ontology` builds.

>>> normalize_name("the U.S.'s"), normalize_name("Nagorno-Karabakh"), normalize_name("Armenia’s")
('us', 'nagorno karabakh', 'armenia')
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kgraph.errors import OntologyError
from kgraph.model import Entity
from kgraph.ontology.boilerplate import Boilerplate, read_boilerplate
from kgraph.ontology.linking import Linking, read_linking
from kgraph.ontology.names import normalize_name
from kgraph.ontology.tables import (
    ConfidenceWeights,
    ModalityCues,
    QuantityTable,
    SpeechCue,
    _rows,
    read_confidence,
    read_modality_cues,
    read_quantities,
    read_speech_cues,
)
from kgraph.vocab import KG_NS

__all__ = [
    "Boilerplate",
    "ConfidenceWeights",
    "Linking",
    "ModalityCues",
    "Ontology",
    "QuantityTable",
    "SpeechCue",
    "default_ontology_dir",
    "load_ontology",
    "normalize_name",
]

_TTL_FILES = ("kgraph.ttl", "relations.ttl")


def default_ontology_dir() -> Path:
    """The shipped ontology folder (inside the wheel, or ``ontology/`` of a checkout)."""
    packaged = Path(str(resources.files("kgraph"))) / "_ontology"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "ontology"


@dataclass(frozen=True)
class Ontology:
    """The loaded ontology. Build it once with :func:`load_ontology` and pass it in."""

    graph: Graph
    classes: frozenset[str]
    relations: Mapping[str, str]  # canonical relation local name -> label
    entities: tuple[Entity, ...]
    verbs: Mapping[str, str]  # verb phrase key -> relation local name
    ner_classes: Mapping[str, str]  # spaCy label -> class local name
    modality_cues: ModalityCues
    speech_cues: Mapping[tuple[str, str], SpeechCue]  # (lemma, kind) -> cue
    quantities: QuantityTable
    confidence: ConfidenceWeights
    trust: ConfidenceWeights  # trust.json: the calibrated confidence (kgraph.link.trust)
    linking: Linking  # linking.toml, parsed and checked
    boilerplate: Boilerplate  # boilerplate.toml: the web-page furniture ingest drops
    _index: dict[str, Entity] = field(default_factory=dict, repr=False)

    def lookup(self, name: str) -> Entity | None:
        """The catalog entity a name or alias refers to, if any.

        >>> load_ontology().lookup("Khankendi").label
        'Stepanakert'
        """
        return self._index.get(normalize_name(name))

    def subclasses_of(self, name: str) -> frozenset[str]:
        """The class ``name`` and every class under it (``rdfs:subClassOf`` of ``kgraph.ttl``).

        >>> sorted(load_ontology().subclasses_of("Organization"))
        ['GovernmentBody', 'MilitaryForce', 'Organization']

        Raises:
            OntologyError: ``name`` is no class of the ontology.
        """
        if name not in self.classes:
            raise OntologyError(
                f"unknown class {name!r}; the classes are {', '.join(sorted(self.classes))}"
            )
        root = URIRef(KG_NS + name)
        below = self.graph.transitive_subjects(RDFS.subClassOf, root)  # root included
        return frozenset(str(c)[len(KG_NS) :] for c in below if str(c).startswith(str(KG_NS)))

    def relation_for(self, phrase: str) -> str | None:
        """The canonical relation a verb phrase key maps to, if any."""
        return self.verbs.get(phrase.lower().strip())


def load_ontology(directory: str | Path | None = None) -> Ontology:
    """Load and check the ontology files of ``directory`` (default: the shipped ones).

    Raises:
        OntologyError: a file is missing or malformed; the message names it.
    """
    root = Path(directory) if directory else default_ontology_dir()
    graphs = [_load_turtle(root / name) for name in _TTL_FILES]
    graph = graphs[0] + graphs[1]
    classes = frozenset(_local_names(graph, OWL.Class))
    relations = {  # every property of relations.ttl: object ones, and holdsRole's literal one
        name: str(graph.value(URIRef(KG_NS + name), RDFS.label) or name)
        for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
        for name in _local_names(graphs[1], kind)
    }
    entities = tuple(_read_entities(root / "entities.csv", classes))
    verbs = _read_verbs(root / "verbs.csv", relations)
    ner = _read_pairs(root / "ner_classes.csv", "ner_label", "class")
    _check_values(root / "ner_classes.csv", ner.values(), classes, "class")
    linking = read_linking(root / "linking.toml", classes)
    index = _build_index(root, entities)
    return Ontology(
        graph,
        classes,
        relations,
        entities,
        verbs,
        ner,
        modality_cues=read_modality_cues(root / "modality_cues.csv"),
        speech_cues=read_speech_cues(root / "speech_cues.csv", relations),
        quantities=read_quantities(root / "quantities.json"),
        confidence=read_confidence(root / "confidence.json"),
        trust=read_confidence(root / "trust.json"),
        linking=linking,
        boilerplate=read_boilerplate(root / "boilerplate.toml"),
        _index=index,
    )


def _load_turtle(path: Path) -> Graph:
    if not path.is_file():
        raise OntologyError(f"{path}: missing; the ontology folder needs {', '.join(_TTL_FILES)}")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser exception types
        raise OntologyError(f"{path}: not valid Turtle: {exc}") from exc


def _local_names(graph: Graph, rdf_type: URIRef) -> Iterator[str]:
    for subject in graph.subjects(RDF.type, rdf_type):
        if isinstance(subject, URIRef) and subject.startswith(str(KG_NS)):
            yield subject[len(KG_NS) :]


def _read_entities(path: Path, classes: frozenset[str]) -> Iterator[Entity]:
    seen: set[str] = set()
    for lineno, row in _rows(path, ("key", "label", "class", "wikidata", "aliases")):
        key, cls = row["key"], row["class"]
        if not re.fullmatch(r"[\w\-.]+", key) or key in seen:
            raise OntologyError(f"{path}:{lineno}: key {key!r} is empty, not IRI-safe or repeated")
        _check_values(path, [cls], classes, "class", lineno)
        seen.add(key)
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        yield Entity(key, row["label"] or key, cls, aliases, row["wikidata"] or None)


def _read_verbs(path: Path, relations: Mapping[str, str]) -> dict[str, str]:
    verbs = _read_pairs(path, "phrase", "relation")
    _check_values(path, verbs.values(), relations, "relation")
    return {phrase.lower(): rel for phrase, rel in verbs.items()}


def _read_pairs(path: Path, key_column: str, value_column: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for lineno, row in _rows(path, (key_column, value_column)):
        if row[key_column] in pairs:
            raise OntologyError(f"{path}:{lineno}: {key_column} {row[key_column]!r} is repeated")
        pairs[row[key_column]] = row[value_column]
    return pairs


def _check_values(
    path: Path,
    values: Iterable[str],
    allowed: Collection[str],
    what: str,
    lineno: int | None = None,
) -> None:
    for value in values:
        if value not in allowed:
            where = f"{path}:{lineno}" if lineno else str(path)
            raise OntologyError(
                f"{where}: unknown {what} {value!r}; declare it in the ontology's Turtle files"
            )


def _build_index(root: Path, entities: tuple[Entity, ...]) -> dict[str, Entity]:
    index: dict[str, Entity] = {}
    for entity in entities:
        for name in (entity.label, *entity.aliases):
            key = normalize_name(name)
            other = index.setdefault(key, entity)
            if other is not entity:
                raise OntologyError(
                    f"{root / 'entities.csv'}: the name {name!r} belongs to both "
                    f"{other.key} and {entity.key}; keep it on one of them"
                )
    return index
