"""The analysis after a change of a few articles: recompute only what they touch.

A change (articles added or removed, entities merged) can alter only the
corroboration counts of facts over a *touched node*: an entity a changed article's
facts mention (subject, object, event, speaker), a merged entity, or one of the
articles whose syndicated-copy group changed (their sources changed). Those are
recomputed; the conflicts are recomputed in full (few facts, found from the marked
facts and the counts; the sides and places of counts come from the names of the whole
store).

Everything else of the stored analysis graph stays, so the result equals
:func:`~kgraph.graph.analysis.refresh_analysis` of the whole store. A removed
article's facts are gone from the store, so :func:`analysis_scope` is taken before
it goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kgraph.graph.analysis.copies import article_texts, copies_and_neighbours
from kgraph.graph.results import rows
from kgraph.graph.store import KGStore

__all__ = ["AnalysisScope", "analysis_scope", "touched_nodes"]

_NODES = """
SELECT DISTINCT ?n WHERE {{ VALUES ?a {{ {articles} }} GRAPH ?a {{ ?f prov:wasDerivedFrom ?a .
  {{ ?f rdf:subject ?n }} UNION {{ ?f rdf:object ?n }} UNION {{ ?f kg:about ?n }}
  UNION {{ ?f prov:wasAttributedTo ?n }} }} FILTER (isIRI(?n)) }}
"""
_FACTS = """
SELECT DISTINCT ?f WHERE {{ VALUES ?a {{ {articles} }} GRAPH ?a {{ ?f prov:wasDerivedFrom ?a }} }}
"""


@dataclass(frozen=True)
class AnalysisScope:
    """What a change touched: article IRIs, and of removed articles their nodes, facts and
    texts (taken before they went)."""

    articles: frozenset[str] = frozenset()
    nodes: frozenset[str] = frozenset()
    facts: frozenset[str] = frozenset()
    texts: dict[str, str] = field(default_factory=dict)

    def __or__(self, other: AnalysisScope) -> AnalysisScope:
        return AnalysisScope(
            self.articles | other.articles,
            self.nodes | other.nodes,
            self.facts | other.facts,
            {**self.texts, **other.texts},
        )


def analysis_scope(store: KGStore, articles: Iterable[str]) -> AnalysisScope:
    """The scope of articles about to be removed (or just added): their IRIs, the nodes
    their facts mention, their fact nodes and texts."""
    chosen = frozenset(str(a) for a in articles)
    if not chosen:
        return AnalysisScope()
    values = " ".join(f"<{a}>" for a in sorted(chosen))
    facts = frozenset(row["f"].value for row in rows(store.query(_FACTS.format(articles=values))))
    texts = {a: t for a, t in article_texts(store).items() if a in chosen}
    return AnalysisScope(chosen, touched_nodes(store, chosen), facts, texts)


def touched_nodes(store: KGStore, articles: Iterable[str]) -> frozenset[str]:
    """The entities the facts of ``articles`` mention (subject, object, event, speaker)."""
    values = " ".join(f"<{a}>" for a in sorted(set(articles)))
    if not values:
        return frozenset()
    return frozenset(row["n"].value for row in rows(store.query(_NODES.format(articles=values))))


def changed_copies(
    texts: dict[str, str], scope: AnalysisScope
) -> tuple[dict[str, str], frozenset[str]]:
    """The copy groups of ``texts`` (the store's), and the articles whose group may have
    changed: the groups of the changed articles and of the copies of removed ones."""
    gone = {a: t for a, t in scope.texts.items() if a not in texts}
    groups, neighbours = copies_and_neighbours(texts, gone)
    seeds = (scope.articles & texts.keys()) | neighbours
    firsts = {groups.get(a, a) for a in seeds}
    return groups, frozenset(seeds | {a for a, first in groups.items() if first in firsts})
