"""How each argument of a fact was linked: method, score, antecedent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from kgraph.model import LinkedFact

__all__ = ["link_triples"]


def link_triples(node: ox.NamedNode, fact: LinkedFact) -> Iterator[tuple[Any, Any, Any]]:
    """The fact node's triples for this part (pyoxigraph terms)."""
    return iter(())
