"""Namespaces and IRI minting: the only module that builds IRIs.

The vocabulary (classes, structural properties, canonical relations) lives in the
fixed namespace ``https://w3id.org/kgraph/ns#``; open relations (verb phrases the
ontology has no relation for) in ``https://w3id.org/kgraph/rel/``. Data IRIs
(articles, entities, facts, runs, graphs) hang off a configurable base IRI.

>>> iris = Iris("https://example.org/kg/")
>>> str(iris.entity("Nikol_Pashinyan"))
'https://example.org/kg/entity/Nikol_Pashinyan'
>>> str(iris.open_relation("call on"))
'https://w3id.org/kgraph/rel/call_on'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote, urlsplit

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kgraph.errors import ConfigError

__all__ = [
    "DEFAULT_BASE_IRI",
    "KG",
    "KG_NS",
    "PREFIXES",
    "REL_NS",
    "WD",
    "Iris",
    "slugify",
]

DEFAULT_BASE_IRI = "https://example.org/kgraph/"
KG_NS = Namespace("https://w3id.org/kgraph/ns#")
REL_NS = Namespace("https://w3id.org/kgraph/rel/")
WD = Namespace("http://www.wikidata.org/entity/")


class KG(DefinedNamespace):
    """The structural part of the kgraph vocabulary (``ontology/kgraph.ttl``).

    Canonical relations are data (``ontology/relations.ttl``) and are minted by
    :meth:`Iris.relation` after checking them against the loaded ontology.
    """

    _NS = KG_NS
    _fail = True

    # classes
    Entity: URIRef
    Place: URIRef
    Country: URIRef
    Region: URIRef
    City: URIRef
    Route: URIRef
    Facility: URIRef
    Person: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    MilitaryForce: URIRef
    Group: URIRef
    Event: URIRef
    Work: URIRef
    Product: URIRef
    Award: URIRef
    Concept: URIRef
    Article: URIRef
    BuildRun: URIRef
    OpenRelation: URIRef
    # article metadata
    sha256: URIRef
    text: URIRef
    origin: URIRef
    sentenceCount: URIRef
    # provenance
    sentence: URIRef
    sentenceStart: URIRef
    sentenceEnd: URIRef
    subjectText: URIRef
    subjectStart: URIRef
    subjectEnd: URIRef
    relationText: URIRef
    relationStart: URIRef
    relationEnd: URIRef
    objectText: URIRef
    objectStart: URIRef
    objectEnd: URIRef
    confidence: URIRef
    extractionConfidence: URIRef
    heldBack: URIRef
    extractor: URIRef
    negated: URIRef
    subjectLink: URIRef
    objectLink: URIRef
    subjectLinkScore: URIRef
    objectLinkScore: URIRef
    affiliatedWith: URIRef
    # attribution and modality (kgraph/graph/claims.py)
    attributionCue: URIRef
    quote: URIRef
    denied: URIRef
    modality: URIRef
    # quantities and time (kgraph/graph/measures.py)
    Quantity: URIRef
    count: URIRef
    quantityKind: URIRef
    qualifier: URIRef
    about: URIRef
    time: URIRef
    timeText: URIRef
    timeStart: URIRef
    timeEnd: URIRef
    # build runs
    kgraphVersion: URIRef
    spacyModel: URIRef
    spacyModelVersion: URIRef
    spacyVersion: URIRef
    # conflicts and corroboration (graph/analysis)
    Conflict: URIRef
    conflictKind: URIRef
    involves: URIRef
    supportingArticles: URIRef
    supportingSources: URIRef
    analysisVersion: URIRef
    analysisPending: URIRef


PREFIXES: dict[str, str] = {
    "kg": str(KG_NS),
    "kgrel": str(REL_NS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "wd": str(WD),
}

_NON_WORD = re.compile(r"[^\w\-]+")


def slugify(name: str) -> str:
    """An IRI-safe local name for ``name``: words joined by ``_``, accents kept.

    >>> slugify("Nagorno-Karabakh Republic"), slugify("  the U.S.  "), slugify("Xankəndi")
    ('Nagorno-Karabakh_Republic', 'the_U_S', 'Xankəndi')
    """
    text = unicodedata.normalize("NFC", name).strip()
    slug = _NON_WORD.sub("_", text).strip("_")
    return slug or "_"


class Iris:
    """Mints every data IRI of a graph from its base IRI.

    Args:
        base: an absolute http(s) IRI ending in ``/`` or ``#``; a missing
            trailing ``/`` is added.

    Raises:
        ConfigError: if ``base`` is not an absolute http(s) or urn IRI.
    """

    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        parts = urlsplit(base)
        if parts.scheme not in {"http", "https", "urn"} or not (parts.netloc or parts.path):
            raise ConfigError(
                f"base IRI {base!r} is not an absolute http(s) IRI; "
                "use one such as 'https://example.org/kgraph/'"
            )
        if not base.endswith(("/", "#", ":")):
            base += "/"
        self.base = base
        self.entities_graph = URIRef(base + "graph/entities")
        self.runs_graph = URIRef(base + "graph/runs")
        self.ontology_graph = URIRef(base + "graph/ontology")
        self.analysis_graph = URIRef(base + "graph/analysis")

    def article(self, article_id: str) -> URIRef:
        """The article's IRI, which also names the graph of its facts."""
        return URIRef(f"{self.base}article/{article_id}")

    def entity(self, key: str) -> URIRef:
        """An entity IRI from its key (a slug, see :func:`slugify`)."""
        return URIRef(f"{self.base}entity/{quote(key, safe='-_.~')}")

    def fact(self, *parts: object) -> URIRef:
        """A fact's provenance node, named by a hash of what identifies the fact."""
        return self._hashed("fact", parts, 24)

    def conflict(self, kind: str, *facts: object) -> URIRef:
        """A conflict between facts, named by its kind and the sorted fact IRIs: stable."""
        return self._hashed("conflict", (kind, *sorted(map(str, facts))), 24)

    def run(self, *parts: object) -> URIRef:
        """A build run's IRI, named by a hash of what identifies the run."""
        return self._hashed("run", parts, 16)

    def _hashed(self, kind: str, parts: tuple[object, ...], length: int) -> URIRef:
        digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
        return URIRef(f"{self.base}{kind}/{digest[:length]}")

    @staticmethod
    def relation(key: str) -> URIRef:
        """A canonical relation of the ontology, by local name (``"initiates"``)."""
        return URIRef(str(KG_NS) + key)

    @staticmethod
    def open_relation(phrase: str) -> URIRef:
        """An open relation for a verb phrase the ontology does not map."""
        return URIRef(str(REL_NS) + quote(slugify(phrase.lower()), safe="-_.~"))

    @staticmethod
    def ontology_class(name: str) -> URIRef:
        """An ontology class by local name; raises AttributeError for an unknown one."""
        return URIRef(getattr(KG, name))

    @staticmethod
    def wikidata(qid: str) -> URIRef:
        """The Wikidata entity IRI of ``qid`` (``"Q227"``)."""
        return WD[qid]
