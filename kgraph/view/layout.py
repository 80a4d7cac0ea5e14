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
from collections.abc import Hashable

import networkx as nx
import numpy as np

__all__ = ["SPACING", "layout"]

#: Distance between neighbouring nodes, in the browser's canvas units.
SPACING = 90.0
_SAMPLE = 128  # nodes each node is repelled by per step; components this small are exact
_STEPS = 120


def layout(graph: nx.Graph, seed: int = 0) -> dict[Hashable, tuple[float, float]]:
    """Positions of every node of ``graph``, in canvas units (about :data:`SPACING` apart)."""
    rng = np.random.default_rng(seed)
    undirected = nx.Graph(graph)
    components = sorted(nx.connected_components(undirected), key=len, reverse=True)
    placed = [_component(undirected.subgraph(nodes), rng) for nodes in components]
    return _pack(placed)


def _component(graph: nx.Graph, rng: np.random.Generator) -> dict[Hashable, np.ndarray]:
    nodes = list(graph)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[a], index[b]) for a, b in graph.edges() if a != b], dtype=int)
    positions = _force(len(nodes), edges.reshape(-1, 2), rng)
    return dict(zip(nodes, positions * SPACING, strict=True))


def _force(n: int, edges: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Fruchterman–Reingold with sampled repulsion; the ideal edge length is 1.

    Positions are complex numbers: the repulsion d/|d|² of a difference d is 1/conj(d).
    """
    z = (rng.uniform(-1, 1, n) + 1j * rng.uniform(-1, 1, n)) * math.sqrt(n)
    sample_size = min(n, _SAMPLE)
    scale = n / sample_size
    temperature = math.sqrt(n) / 2
    source, target = edges[:, 0], edges[:, 1]
    for _ in range(_STEPS):
        delta = z[:, None] - z[None, rng.choice(n, size=sample_size, replace=False)]
        delta[np.abs(delta) < 1e-2] = 1e-2
        moves = (1 / np.conj(delta)).sum(axis=1) * scale
        pull = (z[source] - z[target]) * np.abs(z[source] - z[target])
        moves += _sum_at(target, pull, n) - _sum_at(source, pull, n)
        length = np.maximum(np.abs(moves), 1e-9)
        z += moves / length * np.minimum(length, temperature)
        temperature = max(temperature * 0.95, 0.02)
    z -= z.mean()
    return np.column_stack([z.real, z.imag])


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
