"""Node positions computed in Python, so that large views need no physics in the browser.

Each connected component is laid out on its own with a force-directed layout
(Fruchterman–Reingold with random vertex sampling: each step, every node is
pushed away from a random sample of nodes rather than from all of them, so a
step costs O(n) rather than O(n²); Gove, "It Pays to Be Lazy", 2019), then the
components are packed in rows, largest first. Only numpy is needed.

>>> import networkx as nx
>>> positions = layout(nx.path_graph(3))
>>> sorted(positions), all(len(xy) == 2 for xy in positions.values())
([0, 1, 2], True)
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Iterator

import networkx as nx
import numpy as np

from kgraph.view.memory import without_gc
from kgraph.view.overview import bfs_layers, induced, undirected_links

__all__ = ["CORE_SPREAD", "SPACING", "layout"]

#: Distance between neighbouring nodes, in the browser's canvas units.
SPACING = 90.0
#: How much further apart the nodes a view opens on are laid out, to leave room for labels.
CORE_SPREAD = 1.8
_SAMPLE = 128  # nodes each node is repelled by per step; components this small are exact
_LARGE = 5_000  # above, fewer samples (down to _SAMPLE_LARGE) and steps, to stay within seconds
_SAMPLE_LARGE = 24
_STEPS = 120


@without_gc
def layout(
    graph: nx.Graph, seed: int = 0, first: set[Hashable] | None = None
) -> dict[Hashable, tuple[float, float]]:
    """Positions of every node of ``graph``, in canvas units (about :data:`SPACING` apart).

    With ``first`` (the nodes a view opens on), those are laid out on their own and
    :data:`CORE_SPREAD` times further apart, so that they fill the first screen with room
    for their labels; the rest of their components settles around them, and the other
    components are packed after them.
    """
    rng = np.random.default_rng(seed)
    undirected = undirected_links(graph)
    if not first or len(first) >= undirected.number_of_nodes():
        return _pack(_components(undirected, nx.connected_components(undirected), rng))
    core = {node: xy * CORE_SPREAD for node, xy in _positions(layout(induced(undirected, first)))}
    attached: set[Hashable] = set()
    others = []
    for nodes in nx.connected_components(undirected):
        if nodes & first:
            attached.update(nodes)
        else:
            others.append(nodes)
    whole = len(attached) == undirected.number_of_nodes()  # a view is slow to walk: copy it
    around = _around(undirected if whole else induced(undirected, attached), core, rng)
    return _pack([around, *_components(undirected, others, rng)])


def _positions(placed: dict[Hashable, tuple[float, float]]) -> list[tuple[Hashable, np.ndarray]]:
    return [(node, np.array(xy)) for node, xy in placed.items()]


def _components(
    undirected: nx.Graph, found: Iterable[set[Hashable]], rng: np.random.Generator
) -> list[dict[Hashable, np.ndarray]]:
    """Each component laid out on its own, largest first."""
    components = sorted(found, key=len, reverse=True)
    placed: dict[frozenset[Hashable], dict[Hashable, np.ndarray]] = {}
    by_size: dict[int, list[list[Hashable]]] = {}
    for nodes in components:
        if len(nodes) > _SAMPLE:
            placed[frozenset(nodes)] = _component(induced(undirected, nodes), rng)
        else:
            by_size.setdefault(len(nodes), []).append(sorted(nodes, key=str))
    for size, group in by_size.items():  # many small components of one size: one simulation
        for listed, positions in zip(group, _batch(undirected, group, size, rng), strict=True):
            placed[frozenset(listed)] = dict(zip(listed, positions * SPACING, strict=True))
    return [placed[frozenset(nodes)] for nodes in components]


def _around(
    graph: nx.Graph, fixed: dict[Hashable, np.ndarray], rng: np.random.Generator
) -> dict[Hashable, np.ndarray]:
    """Positions of ``graph``'s nodes with those of ``fixed`` held where they are.

    Each other node starts near the nodes it links to that are placed already
    (breadth first from the fixed ones), then a force layout settles them.
    """
    start = {node: complex(*xy) / SPACING for node, xy in fixed.items()}
    for node, _ in _bfs(graph, list(fixed)):
        near = [start[other] for other in graph[node] if other in start]
        jitter = complex(*rng.normal(0, 0.7, 2))
        start[node] = (sum(near) / len(near) if near else 0) + jitter
    nodes = list(start)
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[a], index[b]) for a, b in graph.edges()], dtype=int).reshape(-1, 2)
    held = np.array([node in fixed for node in nodes])
    z = np.array([start[node] for node in nodes])
    positions = _force(len(nodes), edges, rng, z=z, held=held, temperature=2.0, steps=60)
    return dict(zip(nodes, positions * SPACING, strict=True))


def _component(graph: nx.Graph, rng: np.random.Generator) -> dict[Hashable, np.ndarray]:
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[a], index[b]) for a, b in graph.edges()], dtype=int)
    steps = _STEPS if len(nodes) <= _LARGE else _STEPS // 2
    positions = _force(len(nodes), edges.reshape(-1, 2), rng, steps=steps)
    return dict(zip(nodes, positions * SPACING, strict=True))


def _batch(
    graph: nx.Graph, group: list[list[Hashable]], size: int, rng: np.random.Generator
) -> np.ndarray:
    """Fruchterman–Reingold, exact, for ``len(group)`` components of ``size`` nodes at once.

    Returns positions of shape (components, size, 2) with an ideal edge length of 1.
    """
    count = len(group)
    if size == 1:
        return np.zeros((count, 1, 2))
    flat = {node: c * size + i for c, nodes in enumerate(group) for i, node in enumerate(nodes)}
    edges = np.array([(flat[a], flat[b]) for nodes in group for a, b in graph.edges(nodes)])
    source, target = edges[:, 0], edges[:, 1]
    z = (rng.uniform(-1, 1, (count, size)) + 1j * rng.uniform(-1, 1, (count, size))) * size**0.5
    temperature = size**0.5 / 2
    order = np.arange(size)
    apart = _apart(order, order)[None]
    far = np.eye(size, dtype=bool)[None]
    for _ in range(_STEPS):
        delta = z[:, :, None] - z[:, None, :]
        delta = np.where(np.abs(delta) < 1e-2, apart, delta)
        delta = np.where(far, np.inf, delta)  # no node repels itself
        moves = (1 / np.conj(delta)).sum(axis=2).ravel()
        flat_z = z.ravel()
        pull = (flat_z[source] - flat_z[target]) * np.abs(flat_z[source] - flat_z[target])
        moves += _sum_at(target, pull, count * size) - _sum_at(source, pull, count * size)
        length = np.maximum(np.abs(moves), 1e-9)
        z = (flat_z + moves / length * np.minimum(length, temperature)).reshape(count, size)
        temperature = max(temperature * 0.95, 0.02)
    z -= z.mean(axis=1, keepdims=True)
    return np.stack([z.real, z.imag], axis=2)


def _force(
    n: int,
    edges: np.ndarray,
    rng: np.random.Generator,
    *,
    z: np.ndarray | None = None,
    held: np.ndarray | None = None,
    temperature: float | None = None,
    steps: int = _STEPS,
) -> np.ndarray:
    """Fruchterman–Reingold with sampled repulsion; the ideal edge length is 1.

    Positions are complex numbers: the repulsion d/|d|² of a difference d is 1/conj(d).
    ``z`` are starting positions (default: random), ``held`` the nodes that do not move
    (then the result is not re-centred).
    """
    if z is None:
        z = (rng.uniform(-1, 1, n) + 1j * rng.uniform(-1, 1, n)) * math.sqrt(n)
    z = z.copy()
    sample_size = min(n, _SAMPLE, max(_SAMPLE_LARGE, _SAMPLE * _LARGE // n))
    scale = n / sample_size
    temperature = math.sqrt(n) / 2 if temperature is None else temperature
    source, target = edges[:, 0], edges[:, 1]
    order = np.arange(n)
    for _ in range(steps):
        sample = rng.choice(n, size=sample_size, replace=False)
        delta = z[:, None] - z[None, sample]
        square = delta.real**2 + delta.imag**2  # |d|², without abs's square root
        close = square < 1e-4
        if close.any():
            delta = np.where(close, _apart(order, sample), delta)
            square = delta.real**2 + delta.imag**2
        moves = (delta / square).sum(axis=1) * scale  # d / |d|² = 1 / conj(d), cheaper
        pull = (z[source] - z[target]) * np.abs(z[source] - z[target])
        moves += _sum_at(target, pull, n) - _sum_at(source, pull, n)
        if held is not None:
            moves[held] = 0
        length = np.maximum(np.abs(moves), 1e-9)
        z += moves / length * np.minimum(length, temperature)
        temperature = max(temperature * 0.95, 0.02)
    if held is None:
        z -= z.mean()
    return np.column_stack([z.real, z.imag])


def _bfs(graph: nx.Graph, sources: list[Hashable]) -> Iterator[tuple[Hashable, int]]:
    """The nodes not in ``sources``, breadth first from them (with their distance)."""
    for hops, layer in enumerate(bfs_layers(graph, sources)):
        if hops:
            yield from ((node, hops) for node in layer)


def _apart(rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """The difference to use for two nodes at one place: opposite for the two, so they part."""
    return np.where(rows[:, None] < columns[None, :], 1e-2, -1e-2)


def _sum_at(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Complex ``values`` summed per ``index`` (0..n-1)."""
    real = np.bincount(index, weights=values.real, minlength=n)
    return real + 1j * np.bincount(index, weights=values.imag, minlength=n)


def _pack(placed: list[dict[Hashable, np.ndarray]]) -> dict[Hashable, tuple[float, float]]:
    """Components side by side in rows about as wide as the whole layout is tall."""
    if not placed:  # an empty view
        return {}
    boxes = [_box(positions) for positions in placed]
    area = sum((w + SPACING) * (h + SPACING) for w, h, _ in boxes)
    row_width = max(math.sqrt(area), max(w for w, _, _ in boxes))
    result: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for positions, (width, height, low) in zip(placed, boxes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + SPACING, 0.0
        for node, xy in positions.items():
            result[node] = (float(xy[0] - low[0] + x), float(xy[1] - low[1] + y))
        x += width + SPACING
        row_height = max(row_height, height)
    return result


def _box(positions: dict[Hashable, np.ndarray]) -> tuple[float, float, np.ndarray]:
    points = np.array(list(positions.values()))
    low, high = points.min(axis=0), points.max(axis=0)
    width, height = high - low
    return float(width), float(height), low
