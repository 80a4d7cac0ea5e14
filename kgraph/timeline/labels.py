"""An index of the store's names by word, so that finding an entity reads no other name.

Finding an entity by a short name or a modified name ("first Airbus A380") means looking
at every name that contains it. A SPARQL ``FILTER(CONTAINS(...))`` reads every label and
alias of the store for that, seconds on a store of 10,000 articles, and more than once per
lookup. This index lists each name (``rdfs:label`` or ``skos:altLabel``) under each of its
words (``\\w+``, case-folded) and under its whole lower-cased text, in a SQLite file in the
store's folder (:data:`INDEX_FILE`). It is made on first use and made again when the store's
generation (:mod:`kgraph.graph.generations`: every writer bumps it) is not the one it was made
from; where the folder cannot be written, it is made in memory for the one lookup.

>>> words_of("Boeing 787-8 Dreamliners")
['boeing', '787', '8', 'dreamliners']
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kgraph.graph import KGStore

__all__ = ["INDEX_FILE", "LabelIndex", "words_of"]

log = logging.getLogger(__name__)

#: The index's file in the store folder.
INDEX_FILE = "kgraph-label-index.sqlite"
_VERSION = "1"
_WORD = re.compile(r"\w+")
_NAMES = """\
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?l ?alias WHERE {
  { ?e rdfs:label ?l BIND(false AS ?alias) } UNION { ?e skos:altLabel ?l BIND(true AS ?alias) }
}"""
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE names (id INTEGER PRIMARY KEY, entity TEXT, label TEXT, lower TEXT, alias INTEGER);
CREATE TABLE words (word TEXT, name INTEGER);
"""
_INDEXES = """
CREATE INDEX words_by_word ON words (word);
CREATE INDEX names_by_lower ON names (lower);
"""


def words_of(text: str) -> list[str]:
    """The words of a name, case-folded, in order."""
    return _WORD.findall(text.casefold())


class LabelIndex:
    """The names of a store's nodes by word (see the module docstring)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    @classmethod
    def of(cls, store: KGStore) -> LabelIndex:
        """The index of ``store``: read from its folder, or made (and kept there when possible)."""
        stamp = _stamp(store)
        path = store.path / INDEX_FILE
        if path.is_file():
            with contextlib.suppress(sqlite3.Error):
                db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                if dict(db.execute("SELECT key, value FROM meta")).get("stamp") == stamp:
                    return cls(db)
                db.close()
        try:
            return cls(sqlite3.connect(f"file:{_write(store, path, stamp)}?mode=ro", uri=True))
        except (OSError, sqlite3.Error) as exc:  # a folder one may not write: in memory
            log.info("label index not kept in %s (%s); made in memory", store.path, exc)
            db = sqlite3.connect(":memory:")
            _fill(db, store, stamp)
            return cls(db)

    def containing(self, name: str) -> list[tuple[str, str]] | None:
        """(node, name) of every name holding all the words of ``name`` as whole words, its
        last word maybe with an "s" (a superset of the names that contain ``name`` as words);
        None when ``name`` has no word."""
        words = words_of(name)
        if not words:
            return None
        *inner, last = words
        found: set[int] | None = None
        for wanted in sorted(set(inner), key=self._count):
            found = self._ids((wanted,), found)
        found = self._ids((last, last + "s"), found)
        return self._names(found)

    def lowered(self, text: str) -> list[str]:
        """The nodes with a name whose lower-cased text is ``text``."""
        rows = self._db.execute("SELECT DISTINCT entity FROM names WHERE lower = ?", (text,))
        return [entity for (entity,) in rows]

    def labels(self) -> set[str]:
        """Every ``rdfs:label`` of the store."""
        return {label for (label,) in self._db.execute("SELECT label FROM names WHERE NOT alias")}

    def _count(self, word: str) -> int:
        (count,) = self._db.execute("SELECT COUNT(*) FROM words WHERE word = ?", (word,)).fetchone()
        return int(count)

    def _ids(self, words: tuple[str, ...], within: set[int] | None) -> set[int]:
        marks = ", ".join("?" * len(words))
        rows = self._db.execute(f"SELECT name FROM words WHERE word IN ({marks})", words)
        ids = {name for (name,) in rows}
        return ids if within is None else ids & within

    def _names(self, ids: set[int]) -> list[tuple[str, str]]:
        found = []
        for start in range(0, len(ids), 500):
            chunk = sorted(ids)[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT entity, label FROM names WHERE id IN ({marks}) ORDER BY id"
            found += self._db.execute(query, chunk).fetchall()
        return found


def _stamp(store: KGStore) -> str:
    from kgraph.graph.generations import read_generation

    generation = read_generation(store.path)
    return f"{_VERSION} {generation.number} {generation.completed}"


def _write(store: KGStore, path: Path, stamp: str) -> Path:
    """Make the index in a new file beside ``path``, then put it in its place."""
    handle, temporary = tempfile.mkstemp(prefix=".label-index-", dir=path.parent)
    os.close(handle)
    try:
        db = sqlite3.connect(temporary)
        _fill(db, store, stamp)
        db.close()
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return path


def _fill(db: sqlite3.Connection, store: KGStore, stamp: str) -> None:
    db.executescript(_SCHEMA)
    names = list(_read(store))
    db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)", names)
    db.executemany("INSERT INTO words VALUES (?, ?)", _words(names))
    db.executescript(_INDEXES)
    db.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
    db.commit()


def _read(store: KGStore) -> Iterator[tuple[int, str, str, str, bool]]:
    from kgraph.graph import rows

    for i, row in enumerate(rows(store.query(_NAMES))):
        label = row["l"].value
        yield i, row["e"].value, label, label.lower(), row["alias"].value == "true"


def _words(names: list[tuple[int, str, str, str, bool]]) -> Iterator[tuple[str, int]]:
    for i, _, label, lower, _ in names:
        for word in set(words_of(label)) | set(_WORD.findall(lower)):
            yield word, i
