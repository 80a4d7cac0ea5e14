"""Storage engines behind :class:`~kgraph.graph.store.KGStore`.

- :class:`OxigraphBackend` (the default): an Oxigraph RocksDB database on disk;
  SPARQL runs on Oxigraph's engine and every write is one transaction.
- :class:`MemoryBackend` (``--store memory``): an rdflib ``Dataset`` in memory,
  for small jobs and tests, saved to one N-Quads file (replaced atomically) when
  the store is closed after writing.

Both give SPARQL the same dataset: the one the query names (``FROM``, ``FROM
NAMED``) or the caller passes (a :class:`~kgraph.graph.sparql.QueryDataset`,
which wins), else the union of all graphs as the default graph. A graph the
store does not hold is empty: neither engine fetches anything for ``FROM``.
A query that does not parse raises QueryError with the message of
:func:`kgraph.graph.syntax.explain`.

Both speak pyoxigraph terms at their edges, so the rest of kgraph does not
care which one it has.
"""

from __future__ import annotations

import functools
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from kgraph.errors import QueryError, StoreError
from kgraph.graph.sparql import QueryDataset, has_dataset_clause
from kgraph.graph.syntax import explain

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query

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

    def query(
        self, sparql: str, prefixes: dict[str, str], dataset: QueryDataset | None = None
    ) -> Any:
        """Evaluate SPARQL over ``dataset``, the query's own, or the union of all graphs."""

    def dump(
        self, output: IO[bytes], fmt: ox.RdfFormat, graph: OxTerm | None, prefixes: dict[str, str]
    ) -> None:
        """Serialise the dataset, or one graph."""

    def __len__(self) -> int: ...

    def backup(self, folder: Path) -> None:
        """Write a consistent copy of the data, as this backend opens it, into ``folder``."""

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


def as_oxigraph(term: Any) -> Any:
    """A pyoxigraph term for an rdflib or pyoxigraph term."""
    return term if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)) else to_oxigraph(term)


def graph_quads(triples: Iterable[tuple[Any, Any, Any]], graph: Any) -> list[ox.Quad]:
    """``triples`` (of rdflib or pyoxigraph terms) as quads of the named graph ``graph``."""
    name = ox.NamedNode(str(graph))
    return [ox.Quad(as_oxigraph(s), as_oxigraph(p), as_oxigraph(o), name) for s, p, o in triples]


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

    def query(
        self, sparql: str, prefixes: dict[str, str], dataset: QueryDataset | None = None
    ) -> Any:
        try:
            return self.db.query(sparql, prefixes=prefixes, **_oxigraph_dataset(sparql, dataset))
        except SyntaxError as exc:
            raise QueryError(_oxigraph_syntax_error(sparql, exc, prefixes)) from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the query failed: {exc}") from exc

    def dump(
        self, output: IO[bytes], fmt: ox.RdfFormat, graph: Any, prefixes: dict[str, str]
    ) -> None:
        self.db.dump(output, format=fmt, from_graph=graph, prefixes=prefixes)

    def __len__(self) -> int:
        return len(self.db)

    def backup(self, folder: Path) -> None:
        """A RocksDB checkpoint: hard links to the immutable files, a copy of the rest.

        A checkpoint of a read-only store holds what is flushed to disk: every
        completed build (a writer flushes on close), not the writes of one running.
        """
        self.db.backup(str(folder))

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

    def query(
        self, sparql: str, prefixes: dict[str, str], dataset: QueryDataset | None = None
    ) -> Any:
        parsed = _rdflib_query(sparql, prefixes)
        try:
            view, parsed = self._dataset_for(parsed, dataset)
            result = view.query(parsed)
        except Exception as exc:  # rdflib raises plain Exceptions for evaluation errors
            raise QueryError(f"the query failed: {exc}") from exc
        return _as_oxigraph_result(result)

    def _dataset_for(self, parsed: Query, dataset: QueryDataset | None) -> tuple[Dataset, Query]:
        """The dataset to evaluate on (the union of all graphs, or a copy of the named ones)
        and the query to evaluate there.

        The query's own dataset clause is taken out (of a copy: the parsed query is
        shared), so that rdflib never loads a graph it does not hold from the web.
        """
        from rdflib.plugins.sparql.parserutils import CompValue  # slow to import: when used
        from rdflib.plugins.sparql.sparql import Query

        clauses = parsed.algebra.datasetClause or []
        if dataset is None and not clauses:
            return self.dataset, parsed
        if dataset is None:
            dataset = QueryDataset(
                tuple(str(c.default) for c in clauses if c.default),
                tuple(str(c.named) for c in clauses if c.named),
            )
        algebra = CompValue(parsed.algebra.name, **parsed.algebra)
        algebra.datasetClause = None
        parsed = Query(parsed.prologue, algebra)
        view = Dataset()
        for name in dataset.default_graphs:
            view.default_graph += self.dataset.get_context(URIRef(name))
        for name in dataset.named_graphs:
            named = view.graph(URIRef(name))
            named += self.dataset.get_context(URIRef(name))
        return view, parsed

    def dump(
        self, output: IO[bytes], fmt: ox.RdfFormat, graph: Any, prefixes: dict[str, str]
    ) -> None:
        mirror = ox.Store()
        mirror.extend(self.quads(None, None, None, graph))
        mirror.dump(output, format=fmt, from_graph=graph, prefixes=prefixes)

    def __len__(self) -> int:
        return sum(1 for _ in self.quads(None, None, None, None))

    def backup(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        self.dump(buffer, ox.RdfFormat.N_QUADS, None, {})
        _write_atomically(folder / _MEMORY_FILE, buffer.getvalue())

    def close(self) -> None:
        if self.read_only or not self._changed:
            return
        buffer = io.BytesIO()
        self.dump(buffer, ox.RdfFormat.N_QUADS, None, {})
        _write_atomically(self.path, buffer.getvalue())
        self._changed = False


def _oxigraph_dataset(sparql: str, dataset: QueryDataset | None) -> dict[str, Any]:
    """pyoxigraph's dataset arguments: the given dataset, the query's own, or the union."""
    if dataset is not None:
        return {
            "default_graph": [ox.NamedNode(g) for g in dataset.default_graphs],
            "named_graphs": [ox.NamedNode(g) for g in dataset.named_graphs],
        }
    if has_dataset_clause(sparql):
        return {}  # Oxigraph honours FROM and FROM NAMED unless told to use the union
    return {"use_default_graph_as_union": True}


_OXIGRAPH_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def _oxigraph_syntax_error(sparql: str, exc: SyntaxError, prefixes: dict[str, str]) -> str:
    found = _OXIGRAPH_ERROR.match(str(exc))
    if found is None:
        return explain(sparql, None, None, str(exc), prefixes)
    return explain(sparql, int(found.group(1)), int(found.group(2)), found.group(3), prefixes)


_PYPARSING_WHERE = re.compile(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)")


def _rdflib_query(sparql: str, prefixes: dict[str, str]) -> Query:
    """rdflib's parsed and translated query, parsed once per text and prefixes.

    Parsing (pyparsing) costs far more than evaluating the small queries the
    library asks again and again; a parsed query is never changed (a dataset clause
    is taken out of a copy), so it is kept, for the last 256 queries.

    Raises:
        QueryError: the query does not parse, or uses an undeclared prefix.
    """
    return _parsed_query(sparql, tuple(prefixes.items()))


@functools.lru_cache(maxsize=256)
def _parsed_query(sparql: str, prefixes: tuple[tuple[str, str], ...]) -> Query:
    from rdflib.plugins.sparql.algebra import translateQuery  # slow to import: only when used
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(sparql)
    except Exception as exc:  # pyparsing's ParseException, or RecursionError
        detail = _PYPARSING_WHERE.sub("", str(exc))
        line, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
        raise QueryError(explain(sparql, line, column, detail, dict(prefixes))) from exc
    try:
        return translateQuery(tree, initNs=dict(prefixes))
    except Exception as exc:  # "Unknown namespace prefix : foo" and the like
        raise QueryError(explain(sparql, None, None, str(exc), dict(prefixes))) from exc


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
