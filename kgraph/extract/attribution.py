"""Who says a fact, and how sure: attribution (X said that S) and modality (may, could)."""

from __future__ import annotations

from spacy.tokens import Doc

from kgraph.model import SurfaceTriple

__all__ = ["attribute"]


def attribute(doc: Doc, triple: SurfaceTriple) -> SurfaceTriple:
    """The triple with its attribution and modality set when its sentence gives them."""
    return triple
