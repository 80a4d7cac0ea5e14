"""Facts with their provenance, as rows: for CSV and for the entity graph.

One row per fact (provenance node): its subject, relation and object with
labels and IRIs, the sentence and every offset, the article with its title
and date, the confidence and the extraction rule. Negated facts are rows too,
with ``negated`` true.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import astuple, dataclass, fields
from typing import IO, Any

import pyoxigraph as ox
from rdflib import URIRef

from kgraph.errors import ConfigError
from kgraph.graph import KGStore, rows

__all__ = ["FactRow", "fact_rows", "find_article", "write_csv"]

_FACTS = """
SELECT * WHERE {
  GRAPH ?article {
    ?fact a rdf:Statement ; rdf:subject ?subject_iri ; rdf:predicate ?relation_iri ;
          rdf:object ?object_iri ; kg:sentence ?sentence ;
          kg:sentenceStart ?sentence_start ; kg:sentenceEnd ?sentence_end ;
          kg:subjectStart ?subject_start ; kg:subjectEnd ?subject_end ;
          kg:relationStart ?relation_start ; kg:relationEnd ?relation_end ;
          kg:objectStart ?object_start ; kg:objectEnd ?object_end ;
          kg:confidence ?confidence ; kg:extractor ?extractor .
    OPTIONAL { ?fact kg:negated ?negated }
  }
  %s
  OPTIONAL { ?subject_iri rdfs:label ?subject }
  OPTIONAL { ?subject_iri a ?subject_class }
  OPTIONAL { ?relation_iri rdfs:label ?relation }
  OPTIONAL { ?object_iri rdfs:label ?object }
  OPTIONAL { ?object_iri a ?object_class }
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article dcterms:issued ?date }
} ORDER BY ?article ?sentence_start ?subject_start ?relation_start ?object_start ?fact
"""


@dataclass(frozen=True)
class FactRow:
    """A fact and its provenance, as plain values (IRIs as strings, "" when absent)."""

    subject: str
    subject_iri: str
    subject_class: str
    relation: str
    relation_iri: str
    object: str
    object_iri: str
    object_class: str
    negated: bool
    sentence: str
    sentence_start: int
    sentence_end: int
    subject_start: int
    subject_end: int
    relation_start: int
    relation_end: int
    object_start: int
    object_end: int
    article: str
    title: str
    date: str
    confidence: float
    extractor: str
    fact: str


#: The CSV header: FactRow's fields in order.
FACT_COLUMNS = [f.name for f in fields(FactRow)]


def find_article(store: KGStore, key: str) -> URIRef:
    """The IRI of an article given its id, IRI, URL or origin file.

    Raises:
        ConfigError: the store has no such article.
    """
    found = store.find_article(key)
    if found is None:
        raise ConfigError(
            f"no article {key!r} in {store.path}; give an article's id, IRI, URL or file, "
            "listed by: kgraph query STORE 'SELECT ?article ?id ?title WHERE { ?article a "
            "kg:Article ; dcterms:identifier ?id OPTIONAL { ?article dcterms:title ?title } }'"
        )
    return found.iri


def fact_rows(store: KGStore, article: URIRef | None = None) -> Iterator[FactRow]:
    """Every fact of the store (or of one article's graph), in article and text order."""
    only = f"VALUES ?article {{ {ox.NamedNode(str(article))} }}" if article is not None else ""
    seen: set[str] = set()
    for row in rows(store.query(_FACTS % only)):
        fact = row["fact"].value
        if fact not in seen:  # a second label or class would repeat the fact
            seen.add(fact)
            yield _fact_row(row)


def _fact_row(row: dict[str, Any]) -> FactRow:
    values: dict[str, Any] = {name: _value(row.get(name)) for name in FACT_COLUMNS}
    obj = row["object_iri"]
    if isinstance(obj, ox.Literal):  # a value, not an entity: its text is its label
        values.update(object=obj.value, object_iri="")
    for name in ("subject_class", "object_class"):
        values[name] = values[name].rpartition("#")[2]
    for name in FACT_COLUMNS:
        if name.endswith(("_start", "_end")):
            values[name] = int(values[name])
    values["negated"] = values["negated"] == "true"
    values["confidence"] = float(values["confidence"])
    return FactRow(**values)


def _value(term: Any) -> str:
    return "" if term is None else str(term.value)


def write_csv(store: KGStore, output: IO[bytes], article: URIRef | None = None) -> None:
    """Facts with their provenance as CSV (UTF-8, a header row, RFC 4180 quoting)."""
    text = io.TextIOWrapper(output, encoding="utf-8", newline="")
    writer = csv.writer(text)
    writer.writerow(FACT_COLUMNS)
    for fact in fact_rows(store, article):
        writer.writerow(str(v).lower() if isinstance(v, bool) else v for v in astuple(fact))
    text.flush()
    text.detach()  # leave ``output`` open for the caller
