"""Counts as facts: "at least two civilian deaths", "about 2,000 peacekeepers"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kgraph.model import Span, SurfaceTriple

__all__ = ["quantity_triples"]


def quantity_triples(doc: Doc, sentences: tuple[Span, ...]) -> Iterator[SurfaceTriple]:
    """One quantity fact per count in the doc."""
    return iter(())
