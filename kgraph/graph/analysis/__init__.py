"""Conflicts and corroboration: facts compared across articles, in the graph ``graph/analysis``.

After every build and remove, :func:`refresh_analysis` recomputes, over the whole
store, which facts of different articles disagree (``kg:Conflict`` resources) and
how many distinct articles and sources support each fact
(``kg:supportingArticles``, ``kg:supportingSources``), and writes them in one
atomic replacement of the analysis graph. IRIs are hashes of what they name, so
recomputing an unchanged store writes nothing. ``docs/news-facts.md`` documents
the rules.

A build or remove first marks the analysis pending (``kg:analysisPending true``)
and the refresh's replacement removes the mark, so a store whose last build was
interrupted before its analysis finished tells so (:func:`analysis_state`)
rather than offering an analysis of other articles.

A build that adds articles, and a remove, call :func:`update_analysis` instead
when the analysis was current before the change: it recomputes only what the
changed articles touch (:mod:`kgraph.graph.analysis.incremental`), with the same
result as a refresh. Every function takes the :class:`~kgraph.ontology.Ontology`
whose ``linking.toml`` words say which nodes are generic (docs/decisions/0012).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD

from kgraph.graph.analysis.conflicts import KINDS, FoundConflict, find_conflicts
from kgraph.graph.analysis.copies import article_texts
from kgraph.graph.analysis.corroboration import Support, corroboration
from kgraph.graph.analysis.incremental import (
    AnalysisScope,
    analysis_scope,
    changed_copies,
    touched_nodes,
)
from kgraph.graph.analysis.report import (
    Conflict,
    ConflictFact,
    read_candidates,
    read_conflicts,
)
from kgraph.graph.analysis.specific import specific_nodes
from kgraph.graph.rdf import Triple
from kgraph.graph.store import KGStore
from kgraph.vocab import KG

if TYPE_CHECKING:
    from kgraph.ontology import Ontology

__all__ = [
    "ANALYSIS_VERSION",
    "KINDS",
    "AnalysisReport",
    "AnalysisScope",
    "AnalysisState",
    "Conflict",
    "ConflictFact",
    "analysis_scope",
    "analysis_state",
    "analysis_triples",
    "has_analysis",
    "mark_analysis_pending",
    "read_candidates",
    "read_conflicts",
    "refresh_analysis",
    "update_analysis",
]

#: Written on the analysis graph as ``kg:analysisVersion``; bump when the rules change.
ANALYSIS_VERSION = 4

_HAS_ANALYSIS = "ASK {{ GRAPH <{graph}> {{ <{graph}> kg:analysisVersion {version} }} }}"
_IS_PENDING = "ASK {{ GRAPH <{graph}> {{ <{graph}> kg:analysisPending true }} }}"


class AnalysisState(Enum):
    """Whether a store's analysis graph matches its articles."""

    CURRENT = "current"  # computed by today's rules after the last change
    PENDING = "pending"  # articles changed, and the analysis step did not finish since
    MISSING = "missing"  # never computed, or by an older kgraph's rules


@dataclass(frozen=True)
class AnalysisReport:
    """What :func:`refresh_analysis` found."""

    conflicts: dict[str, int]  # by kind
    facts: int  # fact nodes given corroboration counts
    seconds: float


def analysis_triples(
    store: KGStore, found: list[FoundConflict], support: list[Support]
) -> list[Triple]:
    """The analysis graph's triples (pyoxigraph terms): a version marker, conflicts, counts."""
    graph = _named(store.iris.analysis_graph)
    version = ox.Literal(str(ANALYSIS_VERSION), datatype=_INTEGER)
    triples: list[Triple] = [(graph, _named(KG.analysisVersion), version)]
    for conflict in found:
        iri = _named(store.iris.conflict(conflict.kind, *conflict.facts))
        triples += [
            (iri, _TYPE, _CONFLICT),
            (iri, _KIND, ox.Literal(conflict.kind)),
            (iri, _COMMENT, ox.Literal(conflict.comment, language="en")),
        ]
        triples += [(iri, _INVOLVES, _named(fact)) for fact in conflict.facts]
    for row in support:
        fact = _named(row.fact)
        triples.append((fact, _ARTICLES, ox.Literal(str(row.articles), datatype=_INTEGER)))
        triples.append((fact, _SOURCES, ox.Literal(str(row.sources), datatype=_INTEGER)))
    return triples


def _named(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


_INTEGER = _named(XSD.integer)
_TRUE = ox.Literal("true", datatype=_named(XSD.boolean))
_TYPE, _COMMENT = _named(RDF.type), _named(RDFS.comment)
_CONFLICT, _KIND, _INVOLVES = _named(KG.Conflict), _named(KG.conflictKind), _named(KG.involves)
_ARTICLES, _SOURCES = _named(KG.supportingArticles), _named(KG.supportingSources)
_PENDING = _named(KG.analysisPending)


def refresh_analysis(
    store: KGStore,
    ontology: Ontology,
    corroborate: Callable[[KGStore, frozenset[str]], list[Support]] = corroboration,
) -> AnalysisReport:
    """Recompute the conflicts and corroboration counts of the whole store, atomically
    (dropping the pending mark of :func:`mark_analysis_pending`).

    ``corroborate`` gives the counts from the store and its specific nodes:
    :func:`~kgraph.graph.analysis.corroboration.corroboration` by default, a
    group-by over Parquet tables of the facts in a cluster build
    (:mod:`kgraph.cluster.analysis`).

    Example:
        >>> import tempfile
        >>> from kgraph.ontology import load_ontology
        >>> with KGStore.open(tempfile.mkdtemp(), create=True, kind="memory") as kg:
        ...     refresh_analysis(kg, load_ontology()).conflicts
        {'count': 0, 'negation': 0, 'denial': 0}
    """
    began = time.perf_counter()
    specific = specific_nodes(store, ontology)
    found = find_conflicts(store, specific)
    support = corroborate(store, specific)
    store.replace_graph(store.iris.analysis_graph, analysis_triples(store, found, support))
    return _report(found, len(support), began)


def update_analysis(store: KGStore, ontology: Ontology, scope: AnalysisScope) -> AnalysisReport:
    """Bring a current analysis up to date after the change ``scope`` names (articles
    added, or removed: their :func:`analysis_scope` taken before), recomputing only what
    the change touches; the same result as :func:`refresh_analysis`.

    ``AnalysisReport.facts`` counts the facts whose counts were recomputed.
    """
    began = time.perf_counter()
    specific = specific_nodes(store, ontology)
    groups, regrouped = changed_copies(article_texts(store), scope)
    nodes = scope.nodes | touched_nodes(store, scope.articles | regrouped)
    found = find_conflicts(store, specific)
    support = corroboration(store, specific, nodes, groups)
    graph = _named(store.iris.analysis_graph)
    old = set(store.backend.quads(None, None, None, graph))
    stale: set[Any] = {_named(f) for f in scope.facts | {str(row.fact) for row in support}}
    stale |= {q.subject for q in old if q.object == _CONFLICT}  # conflicts: all recomputed
    new = {q for q in old if q.subject not in stale and q.predicate != _PENDING}
    new |= {ox.Quad(*t, graph) for t in analysis_triples(store, found, support)}
    if new != old:
        store.backend.change(list(old - new), list(new - old))
    kinds = [_value(q.object) for q in new if q.predicate == _KIND]
    by_kind = {kind: kinds.count(kind) for kind in KINDS}
    return AnalysisReport(by_kind, len(support), time.perf_counter() - began)


def _value(term: Any) -> str:
    return str(term.value)


def _report(found: list[FoundConflict], facts: int, began: float) -> AnalysisReport:
    by_kind = {kind: sum(1 for c in found if c.kind == kind) for kind in KINDS}
    return AnalysisReport(by_kind, facts, time.perf_counter() - began)


def has_analysis(store: KGStore) -> bool:
    """Whether the store's analysis graph was computed by today's rules after the last
    change of its articles (stores built by an older kgraph lack one, or have one of older
    rules; see :func:`analysis_state` for which)."""
    return analysis_state(store) is AnalysisState.CURRENT


def analysis_state(store: KGStore) -> AnalysisState:
    """Whether the analysis is current, pending (an interrupted step) or missing.

    Example:
        >>> import tempfile
        >>> from kgraph.ontology import load_ontology
        >>> with KGStore.open(tempfile.mkdtemp(), create=True, kind="memory") as kg:
        ...     before = analysis_state(kg)
        ...     mark_analysis_pending(kg)
        ...     pending = analysis_state(kg)
        ...     _ = refresh_analysis(kg, load_ontology())
        ...     before.value, pending.value, analysis_state(kg).value
        ('missing', 'pending', 'current')
    """
    graph = store.iris.analysis_graph
    if store.query(_IS_PENDING.format(graph=graph)):
        return AnalysisState.PENDING
    if store.query(_HAS_ANALYSIS.format(graph=graph, version=ANALYSIS_VERSION)):
        return AnalysisState.CURRENT
    return AnalysisState.MISSING


def mark_analysis_pending(store: KGStore) -> None:
    """Record that the analysis no longer matches the articles, until the next refresh."""
    graph = _named(store.iris.analysis_graph)
    store.backend.extend([ox.Quad(graph, _PENDING, _TRUE, graph)])
