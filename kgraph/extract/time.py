"""When a fact happened: time expressions resolved against the publication date."""

from __future__ import annotations

from spacy.tokens import Doc

from kgraph.model import SurfaceTriple

__all__ = ["timestamp"]


def timestamp(doc: Doc, triple: SurfaceTriple, published: str | None) -> SurfaceTriple:
    """The triple with its time expression set when its sentence has one."""
    return triple
