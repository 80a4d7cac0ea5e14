"""The timeline's rows kept beside the store: one per fact and entity, with the fields it shows.

A timeline of a busy entity reads a thousand facts, each with some twenty fields, and the
article, labels and conflicts they point to. Read from the store, that is a lookup per row and
field (ten seconds and more on a store of 10,000 articles); read from this index, it is a few
indexed SQLite reads. The tables live in the store's index file with the names
(:mod:`kgraph.timeline.labels`), made from the store and made again when its generation changes:

- ``facts``: a fact (``rdf:Statement`` with subject, predicate, object, article and sentence)
  and its fields as JSON, keyed as :data:`kgraph.timeline.TIMELINE_QUERY` names them;
- ``roles``: (entity, role, fact) for each subject, object, participant (``kg:about``) and
  speaker (``prov:wasAttributedTo``) that is a node;
- ``texts``: (text, role, fact) for the subject's and the object's text as written;
- ``articles``: an article's ``dcterms`` fields (issued, identifier, title, source, publisher);
- ``conflicts``: (fact, comment) of the ``kg:Conflict`` nodes that ``kg:involves`` a fact;
- ``persons``: the nodes typed ``kg:Person``.

The store is read one predicate at a time (``quads_for_pattern``), so making the index reads
only the quads it keeps, in order.

>>> FACT_FIELDS["https://w3id.org/kgraph/ns#sentenceStart"]
'sentenceStart'
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kgraph.graph import KGStore

__all__ = ["ARTICLE_FIELDS", "FACT_FIELDS", "FactIndex", "fill_facts"]

_KG = "https://w3id.org/kgraph/ns#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_PROV = "http://www.w3.org/ns/prov#"
_DCTERMS = "http://purl.org/dc/terms/"
_STATEMENT = _RDF + "Statement"
_TYPE = _RDF + "type"
_ABOUT = _KG + "about"
_SPEAKER = _PROV + "wasAttributedTo"
_INVOLVES = _KG + "involves"
_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
_PERSON = _KG + "Person"

#: The fields of a fact, by predicate, named as the timeline query's variables.
FACT_FIELDS = {
    _RDF + "subject": "s",
    _RDF + "predicate": "p",
    _RDF + "object": "o",
    _PROV + "wasDerivedFrom": "article",
    _KG + "sentence": "sentence",
    **{
        _KG + name: name
        for name in (
            "sentenceStart",
            "relationText",
            "relationStart",
            "relationEnd",
            "objectStart",
            "objectEnd",
            "time",
            "timeText",
            "negated",
            "modality",
            "denied",
            "confidence",
            "extractor",
            "subjectText",
            "objectText",
        )
    },
    _KG + "attributionCue": "cue",
    _SPEAKER: "speakerNode",
}
#: The fields of an article, by predicate.
ARTICLE_FIELDS = {
    _DCTERMS + "issued": "issued",
    _DCTERMS + "identifier": "identifier",
    _DCTERMS + "title": "title",
    _DCTERMS + "source": "url",
    _DCTERMS + "publisher": "publisher",
}
_REQUIRED = ("s", "p", "o", "article", "sentence")
_SCHEMA = """
CREATE TABLE facts (fact TEXT PRIMARY KEY, fields TEXT) WITHOUT ROWID;
CREATE TABLE roles (e TEXT, role TEXT, fact TEXT);
CREATE TABLE texts (text TEXT, role TEXT, fact TEXT);
CREATE TABLE articles (article TEXT PRIMARY KEY, fields TEXT) WITHOUT ROWID;
CREATE TABLE conflicts (fact TEXT, comment TEXT);
CREATE TABLE persons (entity TEXT PRIMARY KEY) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX roles_by_entity ON roles (e, fact);
CREATE INDEX texts_by_text ON texts (text);
CREATE INDEX conflicts_by_fact ON conflicts (fact);
"""


def fill_facts(db: sqlite3.Connection, store: KGStore) -> None:
    """Write the tables of the module docstring from ``store`` into ``db``."""
    db.executescript(_SCHEMA)
    facts = _facts(store)
    rows = ((fact, json.dumps(values)) for fact, values in facts.items())
    db.executemany("INSERT INTO facts VALUES (?, ?)", rows)
    db.executemany("INSERT INTO roles VALUES (?, ?, ?)", _roles(store, facts))
    db.executemany("INSERT INTO texts VALUES (?, ?, ?)", _texts(facts))
    articles = _values(store, ARTICLE_FIELDS, {v["article"] for v in facts.values()})
    db.executemany(
        "INSERT INTO articles VALUES (?, ?)", ((a, json.dumps(v)) for a, v in articles.items())
    )
    db.executemany("INSERT INTO conflicts VALUES (?, ?)", _conflicts(store))
    persons = ((str(q.subject.value),) for q in _quads(store, _TYPE, _PERSON))
    db.executemany("INSERT OR IGNORE INTO persons VALUES (?)", persons)
    db.executescript(_INDEXES)


def _quads(store: KGStore, predicate: str, obj: str | None = None) -> Iterator[Any]:
    import pyoxigraph as ox

    value = ox.NamedNode(obj) if obj is not None else None
    return iter(store.backend.quads(None, ox.NamedNode(predicate), value, None))


def _values(
    store: KGStore, fields: dict[str, str], subjects: set[str]
) -> dict[str, dict[str, str]]:
    """The first value of each field of each subject (the store's union of graphs)."""
    found: dict[str, dict[str, str]] = {s: {} for s in subjects}
    for predicate, name in fields.items():
        for quad in _quads(store, predicate):
            values = found.get(quad.subject.value)
            if values is not None and name not in values:
                values[name] = quad.object.value
    return found


def _facts(store: KGStore) -> dict[str, dict[str, str]]:
    """Every statement with the fields the timeline shows (those it requires, at least)."""
    statements = {q.subject.value for q in _quads(store, _TYPE, _STATEMENT)}
    facts = _values(store, FACT_FIELDS, statements)
    return {f: v for f, v in facts.items() if all(k in v for k in _REQUIRED)}


def _roles(store: KGStore, facts: dict[str, dict[str, str]]) -> Iterator[tuple[str, str, str]]:
    import pyoxigraph as ox

    nodes = (ox.NamedNode, ox.BlankNode)
    for role, predicate in (
        ("subject", _RDF + "subject"),
        ("object", _RDF + "object"),
        ("participant", _ABOUT),
        ("speaker", _SPEAKER),
    ):
        seen: set[tuple[str, str]] = set()
        for quad in _quads(store, predicate):
            fact, entity = quad.subject.value, quad.object
            if fact in facts and isinstance(entity, nodes) and (fact, entity.value) not in seen:
                seen.add((fact, entity.value))
                yield entity.value, role, fact


def _texts(facts: dict[str, dict[str, str]]) -> Iterator[tuple[str, str, str]]:
    for fact, values in facts.items():
        for role, key in (("subject", "subjectText"), ("object", "objectText")):
            if key in values:
                yield values[key], role, fact


def _conflicts(store: KGStore) -> Iterator[tuple[str, str]]:
    comments: dict[str, list[str]] = {}
    involved = [(q.subject.value, q.object.value) for q in _quads(store, _INVOLVES)]
    if not involved:
        return
    conflicts = {c for c, _ in involved}
    for quad in _quads(store, _COMMENT):
        if quad.subject.value in conflicts:
            comments.setdefault(quad.subject.value, []).append(quad.object.value)
    for conflict, fact in dict.fromkeys(involved):
        for comment in comments.get(conflict, ()):
            yield fact, comment


class FactIndex:
    """The timeline's reads of the index (see the module docstring)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def of_entities(self, entities: Iterable[str]) -> list[dict[str, str]]:
        """A row per (fact, entity, role) of the entities, with the fact's fields."""
        query = (
            "SELECT r.e, r.role, r.fact, f.fields FROM roles r JOIN facts f ON f.fact = r.fact "
            "WHERE r.e IN ({}) ORDER BY r.rowid"
        )
        return self._rows(query, sorted(set(entities)))

    def written(self, texts: Iterable[str]) -> list[dict[str, str]]:
        """A row per fact whose subject or object text is one of ``texts`` (exactly)."""
        query = (
            "SELECT CASE t.role WHEN 'subject' THEN json_extract(f.fields, '$.s') "
            "ELSE json_extract(f.fields, '$.o') END, t.role, t.fact, f.fields "
            "FROM texts t JOIN facts f ON f.fact = t.fact WHERE t.text IN ({}) ORDER BY t.rowid"
        )
        return self._rows(query, sorted(set(texts)))

    def articles(self, articles: Iterable[str]) -> dict[str, dict[str, str]]:
        """The fields of each article."""
        found = {}
        for chunk in _chunks(sorted(set(articles))):
            query = f"SELECT article, fields FROM articles WHERE article IN ({_marks(chunk)})"
            for article, fields in self._db.execute(query, chunk):
                found[article] = {"article": article, **json.loads(fields)}
        return found

    def conflicts(self, facts: Iterable[str]) -> dict[str, list[str]]:
        """The comments of the conflicts that involve each fact."""
        found: dict[str, list[str]] = {}
        for chunk in _chunks(sorted(set(facts))):
            query = f"SELECT fact, comment FROM conflicts WHERE fact IN ({_marks(chunk)})"
            for fact, comment in self._db.execute(query, chunk):
                found.setdefault(fact, []).append(comment)
        return found

    def is_person(self, entities: Iterable[str]) -> bool:
        """Whether one of the nodes is typed ``kg:Person``."""
        chunk = sorted(set(entities))
        query = f"SELECT 1 FROM persons WHERE entity IN ({_marks(chunk)}) LIMIT 1"
        return bool(chunk) and self._db.execute(query, chunk).fetchone() is not None

    def _rows(self, query: str, values: list[str]) -> list[dict[str, str]]:
        found = []
        for chunk in _chunks(values):
            for e, role, fact, fields in self._db.execute(query.format(_marks(chunk)), chunk):
                found.append({**json.loads(fields), "e": e, "role": role, "fact": fact})
        return found


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _marks(values: list[str]) -> str:
    return ", ".join("?" * len(values))
