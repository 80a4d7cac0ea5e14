"""Storage engines behind :class:`~kgraph.graph.store.KGStore`.

- :class:`OxigraphBackend` (the default): an Oxigraph RocksDB database on disk;
  SPARQL runs on Oxigraph's engine and every write is one transaction.
- :class:`MemoryBackend` (``--store memory``): an rdflib ``Dataset`` in memory,
  for small jobs and tests, saved to one N-Quads file (replaced atomically) when
  the store is closed after writing.

Both speak pyoxigraph terms at their edges, so the rest of kgraph does not
care which one it has.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Protocol

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from kgraph.errors import QueryError, StoreError

__all__ = ["Backend", "MemoryBackend", "OxigraphBackend", "from_oxigraph", "to_oxigraph"]

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
_MEMORY_FILE = "graph.nq"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class Backend(Protocol):
    """What a storage engine offers KGStore."""

    def extend(self, quads: list[ox.Quad]) -> None:
        """Add quads in one transaction."""

    def replace(self, graphs: Iterable[ox.NamedNode], quads: list[ox.Quad]) -> None:
        """Drop ``graphs`` and add ``quads``, in one transaction."""

    def remove(self, quads: list[ox.Quad]) -> None:
        """Remove quads in one transaction."""

    def change(self, removed: list[ox.Quad], added: list[ox.Quad]) -> None:
        """Remove ``removed`` and add ``added``, in one transaction."""

    def quads(
        self, s: OxTerm | None, p: OxTerm | None, o: OxTerm | None, g: OxTerm | None
    ) -> Iterator[ox.Quad]:
        """The quads matching a pattern (None matches anything)."""

    def query(self, sparql: str, prefixes: dict[str, str]) -> Any:
        """Evaluate SPARQL over the union of all graphs."""

    def dump(
        self, output: IO[bytes], fmt: ox.RdfFormat, graph: OxTerm | None, prefixes: dict[str, str]
    ) -> None:
        """Serialise the dataset, or one graph."""

    def __len__(self) -> int: ...

    def close(self) -> None:
        """Flush and release."""


def to_oxigraph(term: Node) -> OxTerm:
    """The pyoxigraph term of an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store RDF term {term!r}")


def from_oxigraph(term: Any) -> Node:
    """The rdflib term of a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # RDF 1.1: a simple literal is an xsd:string
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise TypeError(f"cannot convert RDF term {term!r}")


def _nt(quads: Iterable[ox.Quad]) -> str:
    return " .\n".join(
        f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads
    )


class OxigraphBackend:
    """An Oxigraph database in ``folder``."""

    def __init__(self, folder: Path, read_only: bool) -> None:
        self.read_only = read_only
        self.db = ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))

    def extend(self, quads: list[ox.Quad]) -> None:
        self.db.extend(quads)

    def replace(self, graphs: Iterable[ox.NamedNode], quads: list[ox.Quad]) -> None:
        drops = "".join(f"DROP SILENT GRAPH {g} ;\n" for g in graphs)
        self.db.update(f"{drops}INSERT DATA {{ {_nt(quads)} }}")

    def remove(self, quads: list[ox.Quad]) -> None:
        if quads:
            self.db.update(f"DELETE DATA {{ {_nt(quads)} }}")

    def change(self, removed: list[ox.Quad], added: list[ox.Quad]) -> None:
        if not removed:
            self.db.extend(added)  # atomic, and much faster than parsing INSERT DATA
        elif added:
            self.db.update(f"DELETE DATA {{ {_nt(removed)} }} ;\nINSERT DATA {{ {_nt(added)} }}")
        else:
            self.remove(removed)

    def quads(self, s: Any, p: Any, o: Any, g: Any) -> Iterator[ox.Quad]:
        return iter(self.db.quads_for_pattern(s, p, o, g))

    def query(self, sparql: str, prefixes: dict[str, str]) -> Any:
        try:
            return self.db.query(sparql, use_default_graph_as_union=True, prefixes=prefixes)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the query failed: {exc}") from exc

    def dump(
        self, output: IO[bytes], fmt: ox.RdfFormat, graph: Any, prefixes: dict[str, str]
    ) -> None:
        self.db.dump(output, format=fmt, from_graph=graph, prefixes=prefixes)

    def __len__(self) -> int:
        return len(self.db)

    def close(self) -> None:
        if not self.read_only:
            self.db.flush()


class MemoryBackend:
    """An rdflib in-memory dataset, loaded from and saved to ``folder/graph.nq``."""

    def __init__(self, folder: Path, read_only: bool) -> None:
        self.path = folder / _MEMORY_FILE
        self.read_only = read_only
        self.dataset = Dataset(default_union=True)
        self._changed = False
        if self.path.is_file():  # parsed by Oxigraph, so literals keep their lexical forms
            self.dataset.addN(
                _rdflib_quads(
                    self.dataset, list(ox.parse(path=self.path, format=ox.RdfFormat.N_QUADS))
                )
            )

    def extend(self, quads: list[ox.Quad]) -> None:
        self.dataset.addN(_rdflib_quads(self.dataset, quads))
        self._changed = True

    def replace(self, graphs: Iterable[ox.NamedNode], quads: list[ox.Quad]) -> None:
        for graph in graphs:
            self.dataset.remove_graph(self.dataset.graph(URIRef(graph.value)))
        self.extend(quads)

    def remove(self, quads: list[ox.Quad]) -> None:
        for s, p, o, g in _rdflib_quads(self.dataset, quads):
            g.remove((s, p, o))
        self._changed = True

    def change(self, removed: list[ox.Quad], added: list[ox.Quad]) -> None:
        self.remove(removed)
        self.extend(added)

    def quads(self, s: Any, p: Any, o: Any, g: Any) -> Iterator[ox.Quad]:
        pattern = tuple(None if t is None else from_oxigraph(t) for t in (s, p, o))
        default = self.dataset.default_graph.identifier
        contexts = (
            [self.dataset.graph(URIRef(g.value))]
            if g is not None
            else [c for c in self.dataset.graphs() if c.identifier != default]
        )
        for context in contexts:
            name: Any = to_oxigraph(context.identifier)
            for ts, tp, to in context.triples(pattern):  # type: ignore[arg-type]
                terms: list[Any] = [to_oxigraph(t) for t in (ts, tp, to)]
                yield ox.Quad(terms[0], terms[1], terms[2], name)

    def query(self, sparql: str, prefixes: dict[str, str]) -> Any:
        try:
            result = self.dataset.query(sparql, initNs=prefixes)
        except Exception as exc:  # rdflib raises pyparsing's ParseException and others
            if type(exc).__name__ == "ParseException":
                where = f"{getattr(exc, 'lineno', '?')}:{getattr(exc, 'col', '?')}"
                raise QueryError(f"invalid SPARQL: error at {where}: {exc}") from exc
            raise QueryError(f"the query failed: {exc}") from exc
        return _as_oxigraph_result(result)

    def dump(
        self, output: IO[bytes], fmt: ox.RdfFormat, graph: Any, prefixes: dict[str, str]
    ) -> None:
        mirror = ox.Store()
        mirror.extend(self.quads(None, None, None, graph))
        mirror.dump(output, format=fmt, from_graph=graph, prefixes=prefixes)

    def __len__(self) -> int:
        return sum(1 for _ in self.quads(None, None, None, None))

    def close(self) -> None:
        if self.read_only or not self._changed:
            return
        buffer = io.BytesIO()
        self.dump(buffer, ox.RdfFormat.N_QUADS, None, {})
        _write_atomically(self.path, buffer.getvalue())
        self._changed = False


def _as_oxigraph_result(result: Any) -> Any:
    """rdflib's result as the pyoxigraph result object with the same content.

    The solutions are replayed through a ``VALUES`` block on an empty Oxigraph
    store, so every caller reads and serialises results the same way.
    """
    if result.type == "ASK":
        return ox.Store().query(f"ASK {{ FILTER({'true' if result.askAnswer else 'false'}) }}")
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        mirror = ox.Store()
        mirror.extend(
            ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.DefaultGraph())  # type: ignore[arg-type]
            for s, p, o in result.graph
        )
        return mirror.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    names = [str(v) for v in result.vars]
    if not names:
        return ox.Store().query("SELECT * WHERE { FILTER(false) }")
    rows = " ".join(
        "(" + " ".join(_values_term(row[name]) for name in names) + ")" for row in result
    )
    head = " ".join(f"?{name}" for name in names)
    return ox.Store().query(f"SELECT {head} WHERE {{ VALUES ({head}) {{ {rows} }} }}")


def _values_term(term: Node | None) -> str:
    if term is None:
        return "UNDEF"
    if isinstance(term, BNode):  # VALUES cannot hold blank nodes: skolemise
        return f"<urn:kgraph:bnode:{term}>"
    return str(to_oxigraph(term))


def _rdflib_quads(dataset: Dataset, quads: list[ox.Quad]) -> Iterator[tuple[Node, Node, Node, Any]]:
    for q in quads:
        graph = dataset.graph(URIRef(q.graph_name.value))  # type: ignore[union-attr]
        yield from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object), graph


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that a crash leaves either the old or the new content."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".graph-", suffix=".nq")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise StoreError(f"cannot save {path}: {exc.strerror}") from exc
