"""What made a store's facts: a digest of kgraph's code, its rule files and the spaCy model.

A build skips an article whose text the store already has, but only while the
store's facts come from the same rules: after an upgrade of kgraph, an edit of
a rule file under ``ontology/``, another spaCy model, or another
``--min-confidence``, the same text gives other facts, so every article is
extracted again. The digest of the last complete build is kept in the store's
``kgraph-store.json`` (:attr:`kgraph.graph.KGStore.rules_digest`).

>>> a = rules_digest(None, "en_core_web_sm 3.8.0", 0.0)
>>> a == rules_digest(None, "en_core_web_sm 3.8.0", 0.0), a == rules_digest(None, "other", 0.0)
(True, False)
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import kgraph
from kgraph.graph import KGStore
from kgraph.ontology import default_ontology_dir

__all__ = ["rules_after", "rules_before", "rules_digest"]

_PACKAGE = Path(kgraph.__file__).resolve().parent


def rules_digest(ontology_dir: Path | None, model: str, min_confidence: float) -> str:
    """The digest of kgraph's code, the ontology folder's files, the model and the bar."""
    digest = hashlib.sha256()
    digest.update(_code_digest().encode())  # the code a process runs does not change under it
    digest.update(_tree_digest(Path(ontology_dir or default_ontology_dir()), "*").encode())
    digest.update(f"\0{model}\0{min_confidence!r}".encode())
    return digest.hexdigest()[:32]


@functools.cache
def _code_digest() -> str:
    return _tree_digest(_PACKAGE, "*.py")


def _tree_digest(root: Path, pattern: str) -> str:
    """Every file under ``root`` matching ``pattern``: its path and its bytes, in order."""
    digest = hashlib.sha256()
    files = (p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def rules_before(kg: KGStore, digest: str) -> bool:
    """Whether the store's articles come from other rules than ``digest`` (then mark it mixed).

    A store whose articles all come from ``digest`` (or that has none) stays
    marked with it while a build adds more, so an interrupted build resumes
    where it stopped; a store of other rules is marked mixed until a build has
    made every one of its articles again (:func:`rules_after`).
    """
    if kg.rules_digest == digest:
        return False
    if kg.article_count() == 0:
        kg.note_rules(digest)
        return False
    kg.note_rules(f"mixed {digest}")
    return True


def rules_after(kg: KGStore, digest: str, written: list[str]) -> int:
    """After a build that made articles again: how many it did not make (0: marked ``digest``)."""
    stale = kg.article_count() - len(set(written))
    if stale <= 0:
        kg.note_rules(digest)
    return max(stale, 0)
