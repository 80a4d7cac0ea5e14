"""kgraph: build a provenance-rich RDF knowledge graph from news articles.

``import kgraph`` is light: spaCy, the model and the store load only when used.

>>> import kgraph
>>> kgraph.Iris("https://example.org/kg/").article("abc")
rdflib.term.URIRef('https://example.org/kg/article/abc')
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "Article",
    "BuildReport",
    "ConfigError",
    "InputError",
    "Iris",
    "KGStore",
    "KGraphError",
    "OntologyError",
    "QueryError",
    "StoreError",
    "__version__",
    "build",
    "export",
    "graph_stats",
    "iter_articles",
    "load_ontology",
    "load_pipeline",
]

_LAZY = {
    "Article": "kgraph.model",
    "BuildReport": "kgraph.pipeline",
    "ConfigError": "kgraph.errors",
    "InputError": "kgraph.errors",
    "Iris": "kgraph.vocab",
    "KGStore": "kgraph.graph",
    "KGraphError": "kgraph.errors",
    "OntologyError": "kgraph.errors",
    "QueryError": "kgraph.errors",
    "StoreError": "kgraph.errors",
    "build": "kgraph.pipeline",
    "export": "kgraph.export",
    "graph_stats": "kgraph.graph",
    "iter_articles": "kgraph.ingest",
    "load_ontology": "kgraph.ontology",
    "load_pipeline": "kgraph.nlp",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":  # read when asked: importlib.metadata costs a short command 0.1 s
        return _version()
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kgraph")
    except PackageNotFoundError:  # running from a checkout that is not installed
        return "0.0.0+unknown"
