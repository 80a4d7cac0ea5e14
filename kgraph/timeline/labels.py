"""The store's index for timelines: names by word, and the timeline's rows (:mod:`.facts`).

Finding an entity by a short name or a modified name ("first Airbus A380") means looking
at every name that contains it. A SPARQL ``FILTER(CONTAINS(...))`` reads every label and
alias of the store for that, seconds on a store of 10,000 articles, and more than once per
lookup. This index lists each name (``rdfs:label`` or ``skos:altLabel``) under each of its
words (``\\w+``, case-folded) and under its whole lower-cased text, and beside them the
timeline's facts (:mod:`kgraph.timeline.facts`), in a SQLite file in the store's folder
(:data:`INDEX_FILE`). It is made on first use and made again when the store's generation
(:mod:`kgraph.graph.generations`: every writer bumps it) is not the one it was made from;
where the folder cannot be written, it is made in memory for the one lookup. A fresh index
is read without opening the store at all.

>>> words_of("Boeing 787-8 Dreamliners")
['boeing', '787', '8', 'dreamliners']
"""

from __future__ import annotations

import contextlib
import json
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

__all__ = ["INDEX_FILE", "LabelIndex", "refresh_index", "words_of"]

log = logging.getLogger(__name__)

#: The index's file in the store folder.
INDEX_FILE = "kgraph-timeline-index.sqlite"
_VERSION = "2"
_GENERATION_FILE = "kgraph-generation.json"  # kgraph.graph.generations.GENERATION_FILE
_WORD = re.compile(r"\w+")
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE names (id INTEGER PRIMARY KEY, entity TEXT, label TEXT, lower TEXT, alias INTEGER);
CREATE TABLE words (word TEXT, name INTEGER);
"""
_INDEXES = """
CREATE INDEX words_by_word ON words (word);
CREATE INDEX names_by_lower ON names (lower);
CREATE INDEX names_by_label ON names (label);
CREATE INDEX names_by_entity ON names (entity, alias, id);
"""


def words_of(text: str) -> list[str]:
    """The words of a name, case-folded, in order."""
    return _WORD.findall(text.casefold())


class LabelIndex:
    """The names of a store's nodes by word, and its facts (see the module docstring)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        from kgraph.timeline.facts import FactIndex

        self._db = db
        self.facts = FactIndex(db)

    @classmethod
    def of(cls, store: KGStore | Path | LabelIndex) -> LabelIndex:
        """The index of a store (open, or its folder): read from its folder when it is of the
        store's generation, else made (and kept there when possible)."""
        if isinstance(store, LabelIndex):
            return store
        folder = store if isinstance(store, Path) else store.path
        stamp, path = _stamp(folder), folder / INDEX_FILE
        fresh = _fresh(path, stamp)
        if fresh is not None:
            return cls(fresh)
        if isinstance(store, Path):
            from kgraph.graph import KGStore

            with KGStore.open(store, read_only=True) as kg:
                return cls.of(kg)
        try:
            return cls(sqlite3.connect(f"file:{_write(store, path, stamp)}?mode=ro", uri=True))
        except (OSError, sqlite3.Error) as exc:  # a folder one may not write: in memory
            log.info("timeline index not kept in %s (%s); made in memory", store.path, exc)
            db = sqlite3.connect(":memory:")
            _fill(db, store, stamp)
            return cls(db)

    def close(self) -> None:
        """Close the index's file."""
        self._db.close()

    def containing(self, name: str, ending: bool = False) -> list[tuple[str, str]] | None:
        """(node, name) of every name holding all the words of ``name`` as whole words, its
        last word maybe with an "s" (a superset of the names that contain ``name`` as words),
        in the store's order; with ``ending``, only the names that end with ``name`` or its
        plural (case-insensitively); None when ``name`` has no word."""
        words = words_of(name)
        if not words:
            return None
        *inner, last = words
        query = (
            "SELECT DISTINCT n.id, n.entity, n.label FROM words w JOIN names n ON n.id = w.name "
            "WHERE w.word IN (?, ?)"
        )
        values = [last, last + "s"]
        for word in sorted(set(inner)):
            query += " AND n.id IN (SELECT name FROM words WHERE word = ?)"
            values.append(word)
        if ending:
            escaped = re.sub(r"([\\%_])", r"\\\1", name.lower())
            query += " AND (n.lower LIKE ? ESCAPE '\\' OR n.lower LIKE ? ESCAPE '\\')"
            values += [f"%{escaped}", f"%{escaped}s"]
        rows = self._db.execute(query + " ORDER BY n.id", values)
        return [(entity, label) for _, entity, label in rows]

    def lowered(self, text: str) -> list[str]:
        """The nodes with a name whose lower-cased text is ``text``."""
        rows = self._db.execute("SELECT DISTINCT entity FROM names WHERE lower = ?", (text,))
        return [entity for (entity,) in rows]

    def named(self, name: str) -> list[str]:
        """The nodes with a label or alias written exactly ``name``, in the store's order."""
        rows = self._db.execute("SELECT entity FROM names WHERE label = ? ORDER BY id", (name,))
        return list(dict.fromkeys(entity for (entity,) in rows))

    def label_of(self, iris: list[str]) -> dict[str, str]:
        """The (first) ``rdfs:label`` of each node that has one."""
        found: dict[str, str] = {}
        for start in range(0, len(iris), 500):
            chunk = sorted(set(iris))[start : start + 500]
            query = (
                f"SELECT entity, label FROM names WHERE entity IN ({', '.join('?' * len(chunk))})"
                " AND NOT alias ORDER BY id"
            )
            for entity, label in self._db.execute(query, chunk):
                found.setdefault(entity, label)
        return found

    def labels(self) -> set[str]:
        """Every ``rdfs:label`` of the store."""
        return {label for (label,) in self._db.execute("SELECT label FROM names WHERE NOT alias")}


def refresh_index(folder: Path) -> bool:
    """Make the index of the store at ``folder`` again when it has one of an older generation;
    whether it did. ``kgraph build`` and ``kgraph remove`` call it after writing, so that a
    store whose timelines were asked for answers the next one at once.
    """
    path = folder / INDEX_FILE
    if not path.is_file():
        return False
    fresh = _fresh(path, _stamp(folder))
    if fresh is not None:
        fresh.close()
        return False
    LabelIndex.of(folder).close()
    return True


def _fresh(path: Path, stamp: str) -> sqlite3.Connection | None:
    """The index file at ``path`` opened for reading, when it is there and of ``stamp``."""
    if not path.is_file():
        return None
    with contextlib.suppress(sqlite3.Error):
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        if dict(db.execute("SELECT key, value FROM meta")).get("stamp") == stamp:
            return db
        db.close()
    return None


def _stamp(folder: Path) -> str:
    """The store's generation as the index records it. Read here rather than with
    :func:`kgraph.graph.generations.read_generation`, whose package a fresh index spares."""
    try:
        data = json.loads((folder / _GENERATION_FILE).read_text(encoding="utf-8"))
        number, completed = int(data["generation"]), str(data["completed"])
    except (OSError, ValueError, KeyError, TypeError):
        number, completed = 0, "None"
    return f"{_VERSION} {number} {completed}"


def _write(store: KGStore, path: Path, stamp: str) -> Path:
    """Make the index in a new file beside ``path``, then put it in its place."""
    handle, temporary = tempfile.mkstemp(prefix=".timeline-index-", dir=path.parent)
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
    from kgraph.timeline.facts import fill_facts

    db.executescript(_SCHEMA)
    names = list(_read(store))
    db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)", names)
    db.executemany("INSERT INTO words VALUES (?, ?)", _words(names))
    db.executescript(_INDEXES)
    fill_facts(db, store)
    db.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
    db.commit()


def _read(store: KGStore) -> Iterator[tuple[int, str, str, str, bool]]:
    """Every label, then every alias, of the store (one predicate at a time, in order)."""
    import pyoxigraph as ox

    i = 0
    for predicate, alias in ((_LABEL, False), (_ALT_LABEL, True)):
        for quad in store.backend.quads(None, ox.NamedNode(predicate), None, None):
            if isinstance(quad.object, ox.Literal):
                label = quad.object.value
                yield i, getattr(quad.subject, "value", ""), label, label.lower(), alias
                i += 1


def _words(names: list[tuple[int, str, str, str, bool]]) -> Iterator[tuple[str, int]]:
    for i, _, label, lower, _ in names:
        for word in set(words_of(label)) | set(_WORD.findall(lower)):
            yield word, i
