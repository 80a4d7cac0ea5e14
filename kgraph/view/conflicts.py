"""The conflicts a view shows: each one's kind, comment and its two facts (issue 15, part 6).

The evidence panel of an entity lists the conflicts of its facts with both sides side
by side (``view.js`` ``conflictBlock``). They are read from the store's analysis graph
in one query of the few ``kg:Conflict`` resources, not joined to every fact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kgraph.graph.results import rows
from kgraph.graph.store import KGStore

__all__ = ["ViewConflict", "page_conflicts", "view_conflicts"]

_CONFLICTS = """
SELECT ?c ?kind ?comment ?f WHERE {{ GRAPH <{graph}> {{
  ?c a kg:Conflict ; kg:conflictKind ?kind ; kg:involves ?f .
  OPTIONAL {{ ?c rdfs:comment ?comment }} }} }}
"""


@dataclass(frozen=True)
class ViewConflict:
    """A conflict as the view shows it: kind, comment and the IRIs of its facts (sorted)."""

    iri: str
    kind: str
    comment: str
    facts: tuple[str, ...]


def view_conflicts(store: KGStore) -> list[ViewConflict]:
    """The store's conflicts, sorted by kind and comment (none if it has no analysis)."""
    found: dict[str, tuple[str, str, set[str]]] = {}
    query = _CONFLICTS.format(graph=store.iris.analysis_graph)
    for row in rows(store.query(query)):
        kind, comment, facts = found.setdefault(row["c"].value, (row["kind"].value, "", set()))
        facts.add(row["f"].value)
        if row["comment"] is not None and not comment:
            found[row["c"].value] = (kind, str(row["comment"].value), facts)
    conflicts = [ViewConflict(iri, k, c, tuple(sorted(fs))) for iri, (k, c, fs) in found.items()]
    return sorted(conflicts, key=lambda c: (c.kind, c.comment, c.iri))


def page_conflicts(
    conflicts: Iterable[ViewConflict], facts: Mapping[str, int]
) -> list[dict[str, Any]]:
    """The conflicts whose facts are all on the page, for its JSON: kind (``k``), comment
    (``t``) and the page's indexes of the facts (``f``).

    >>> c = ViewConflict("c1", "count", "6 vs 7 deaths", ("f1", "f2"))
    >>> page_conflicts([c], {"f1": 0, "f2": 3}), page_conflicts([c], {"f1": 0})
    ([{'k': 'count', 't': '6 vs 7 deaths', 'f': [0, 3]}], [])
    """
    return [
        {"k": c.kind, "t": c.comment, "f": [facts[f] for f in c.facts]}
        for c in conflicts
        if c.facts and all(f in facts for f in c.facts)
    ]
