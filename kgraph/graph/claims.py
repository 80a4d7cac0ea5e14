"""Provenance of who says a fact and how sure it is: attribution, quotation, modality."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from kgraph.model import LinkedFact
from kgraph.vocab import Iris

__all__ = ["claim_triples"]


def claim_triples(
    iris: Iris, node: ox.NamedNode, fact: LinkedFact
) -> Iterator[tuple[Any, Any, Any]]:
    """The fact node's triples for this part (pyoxigraph terms)."""
    return iter(())
