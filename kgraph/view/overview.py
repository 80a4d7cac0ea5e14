"""What a view opens on: the most important entities first, and the communities of the graph.

The first screen of a whole store shows its *core*: the named entities (not
Concepts, the bare common nouns) with the most facts, at most :data:`CORE_LIMIT`
of them, and the links among them. Everything else is one click away in the page
(search, expanding a node, "show all"). A view of at most :data:`ALL_LIMIT`
entities, or one focused on an entity, opens with everything.

>>> import networkx as nx
>>> graph = nx.MultiDiGraph()
>>> graph.add_node("a", label="A", cls="x#Person", values=[])
>>> graph.add_node("b", label="B", cls="x#Concept", values=[])
>>> graph.add_edge("a", "b")
0
>>> ranking(graph), sorted(core(graph, everything=0))
(['a', 'b'], ['a', 'b'])
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator

import networkx as nx

__all__ = [
    "ALL_LIMIT",
    "CORE_LIMIT",
    "CORE_MIN",
    "bfs_layers",
    "communities",
    "core",
    "facts_of",
    "induced",
    "is_concept",
    "ranking",
    "undirected_links",
]

#: The most entities the first screen of a view shows.
CORE_LIMIT = 150
#: The fewest entities the first screen shows (Concepts make up for missing named entities).
CORE_MIN = 20
#: Views of at most this many entities open with all of them.
ALL_LIMIT = 80
_WHOLE = 12  # a component this small is one community
_LOUVAIN_LIMIT = 5_000  # more: Louvain would take networkx longer than the view's budget
_CONCEPT = "Concept"


def facts_of(graph: nx.MultiDiGraph, node: Hashable) -> int:
    """How many facts an entity takes part in (links to other entities and literal values)."""
    return int(graph.degree(node)) + len(graph.nodes[node]["values"])


def is_concept(cls: str | None) -> bool:
    """Whether an ontology class IRI is the class of bare common nouns (``kg:Concept``)."""
    return bool(cls) and str(cls).rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1] == _CONCEPT


def ranking(graph: nx.MultiDiGraph) -> list[Hashable]:
    """The entities, most important first: named before Concepts, then by facts, then label."""
    degrees = dict(graph.degree())  # one pass: a degree view per node is slow
    concept = {cls: is_concept(cls) for _, cls in graph.nodes(data="cls")}
    nodes = graph.nodes
    return sorted(
        graph,
        key=lambda n: (
            concept[nodes[n]["cls"]],
            -(degrees[n] + len(nodes[n]["values"])),
            str(nodes[n]["label"]),
        ),
    )


def core(
    graph: nx.MultiDiGraph, limit: int = CORE_LIMIT, everything: int = ALL_LIMIT
) -> set[Hashable]:
    """The entities the first screen shows: every one in a small or focused view, else the core.

    The core is the ``limit`` highest ranked named entities; Concepts, the highest ranked
    first, join it only to make it :data:`CORE_MIN` entities.
    """
    if graph.number_of_nodes() <= everything or "focus" in graph.graph:
        return set(graph)
    ranked = ranking(graph)
    named = [n for n in ranked if not is_concept(graph.nodes[n]["cls"])][:limit]
    return set(named) | set(ranked[len(named) : max(CORE_MIN, len(named))])


def communities(graph: nx.MultiDiGraph, seed: int = 0) -> dict[Hashable, int]:
    """A community number for every entity: 0 is the largest community, and so on.

    A connected component of at most :data:`_WHOLE` entities is one community; a larger
    one is split by Louvain (networkx). In a component of more than :data:`_LOUVAIN_LIMIT`
    entities, Louvain splits the ones with the most links, and each other entity joins the
    community of a neighbour it links to, when it has one there. Entities alone all get
    the last number (they are shown without a group colour).
    """
    undirected = undirected_links(graph)
    found: list[set[Hashable]] = []
    for component in nx.connected_components(undirected):
        if len(component) <= _WHOLE:
            found.append(component)
        elif len(component) <= _LOUVAIN_LIMIT:
            found.extend(
                nx.community.louvain_communities(induced(undirected, component), seed=seed)
            )
        else:
            found.extend(_split_large(undirected, component, seed))
    groups = sorted((g for g in found if len(g) > 1), key=lambda g: (-len(g), min(map(str, g))))
    numbers = {node: i for i, group in enumerate(groups) for node in group}
    alone = len(groups)
    return {node: numbers.get(node, alone) for node in graph}


def _split_large(undirected: nx.Graph, component: set[Hashable], seed: int) -> list[set[Hashable]]:
    """Louvain on the best linked entities of a large component; the others join a neighbour's."""
    hubs = sorted(component, key=lambda n: (-undirected.degree(n), str(n)))[:_LOUVAIN_LIMIT]
    groups = nx.community.louvain_communities(induced(undirected, hubs), seed=seed)
    number = {node: i for i, group in enumerate(groups) for node in group}
    for layer in list(bfs_layers(undirected, hubs))[1:]:
        for node in layer:
            near = [number[other] for other in undirected[node] if other in number]
            if near:
                number[node] = min(near)
    joined: list[set[Hashable]] = [set() for _ in groups]
    for node, i in number.items():
        joined[i].add(node)
    return joined


def induced(graph: nx.Graph, nodes: Iterable[Hashable]) -> nx.Graph:
    """The subgraph of ``nodes``, its nodes and edges in ``graph``'s own order.

    A networkx subgraph view walks the set of nodes it is given, whose order changes with
    Python's string hashing from one process to the next; layouts and communities read in
    this order, so the same store must give them the same one.

    >>> list(induced(nx.path_graph(["a", "b", "c", "d"]), {"d", "b", "c"}).edges())
    [('b', 'c'), ('c', 'd')]
    """
    kept = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(n for n in graph if n in kept)
    sub.add_edges_from((u, v) for u, v in graph.edges(sub) if v in kept)
    return sub


def bfs_layers(graph: nx.Graph, sources: Iterable[Hashable]) -> Iterator[list[Hashable]]:
    """networkx's breadth-first layers from ``sources``, each in ``graph``'s node order.

    networkx starts from a set of the sources, so the order within its layers changes
    with Python's string hashing from one process to the next.

    >>> list(bfs_layers(nx.star_graph(["hub", "c", "b", "a"]), ["b", "c"]))
    [['c', 'b'], ['hub'], ['a']]
    """
    order = {node: i for i, node in enumerate(graph)}
    for layer in nx.bfs_layers(graph, list(sources)):
        yield sorted(layer, key=order.__getitem__)


def undirected_links(graph: nx.Graph) -> nx.Graph:
    """The simple undirected graph of who has a fact with whom (no self-links).

    >>> undirected_links(nx.MultiDiGraph([(1, 2), (2, 1), (2, 2)])).edges()
    EdgeView([(1, 2)])
    """
    undirected = nx.Graph()
    undirected.add_nodes_from(graph)
    undirected.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    return undirected
