"""Shards: what one partition of articles gives, in a folder given as a path or an fsspec URL.

A shard is three files named by its key (:func:`shard_key`):

- ``KEY.nq.gz``: gzip N-Quads of its articles' named graphs, their open relations
  (entities graph) and the description of the run that built it (runs graph);
- ``KEY.entities.parquet``: the entities each article describes, in article order
  (``seq``, ``iri``, ``label``, ``core`` and ``names`` as N-Triples), replayed in
  order by the loader because an entity's first label wins;
- ``KEY.facts.parquet``: one row per fact node as corroboration reads it
  (:class:`~kgraph.graph.analysis.corroboration.FactRow`: ``fact``, ``s``, ``p``,
  ``o``, ``literal``, ``article``, ``stance``, and the article's ``sha256``),
  the input of the cross-article steps on the cluster (:mod:`kgraph.cluster.analysis`);
- ``KEY.articles.parquet``: one row per article (``seq``, ``id``, ``iri``,
  ``sha256``, ``origin``, ``sentences``, ``facts``, ``error``), written last: a
  shard is finished when it exists. Each file is written under a temporary name
  and renamed, so a killed worker leaves no half shard.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kgraph import __version__
from kgraph.graph import BuildRun, EntityDescription, run_triples
from kgraph.graph.analysis.corroboration import FACTS, fact_rows
from kgraph.graph.backends import to_oxigraph
from kgraph.model import Article
from kgraph.nlp import ModelInfo
from kgraph.ontology import default_ontology_dir
from kgraph.pipeline import ArticleWrites
from kgraph.vocab import PREFIXES, Iris

__all__ = ["ShardSpec", "shard_done", "shard_key", "write_shard"]

#: Bumped when the files of a shard change meaning: older shards are then rebuilt.
SHARD_FORMAT = 2

_OX_TERMS = (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)
_ARTICLE_COLUMNS = ("seq", "id", "iri", "sha256", "origin", "sentences", "facts", "error")
_ENTITY_COLUMNS = ("seq", "iri", "label", "core", "names")
FACT_COLUMNS = ("fact", "s", "p", "o", "literal", "article", "stance", "sha256")


@dataclass(frozen=True)
class ShardSpec:
    """What every shard of a build shares: where shards go, the graph's IRIs, the run."""

    folder: str
    base_iri: str
    run: BuildRun


def shard_key(
    articles: Sequence[Article],
    *,
    model: ModelInfo,
    base_iri: str,
    min_confidence: float,
    ontology_dir: Path | None = None,
) -> str:
    """The name of the shard of ``articles``: a hash of their texts and metadata, kgraph's
    version, the model, the rule files and the options that change the triples."""
    digest = hashlib.sha256()
    settings = [SHARD_FORMAT, __version__, model.name, model.version, base_iri, min_confidence]
    digest.update(json.dumps(settings).encode())
    digest.update(_rules_digest(ontology_dir or default_ontology_dir()).encode())
    for a in articles:
        fields = [a.id, a.sha256, a.title, a.url, a.published, a.source, a.origin, a.record_id]
        digest.update(json.dumps(fields).encode())
    return digest.hexdigest()[:32]


def shard_done(folder: str, key: str) -> bool:
    """Whether the shard ``key`` is finished in ``folder``."""
    fs, root = _fs(folder)
    return bool(fs.exists(f"{root}/{key}.articles.parquet"))


def write_shard(
    spec: ShardSpec, key: str, rows: Sequence[tuple[dict[str, Any], ArticleWrites | None]]
) -> int:
    """Write the shard ``key``: ``rows`` are each article's manifest row and its writes
    (None for an article that failed). Returns the number of quads written."""
    iris = Iris(spec.base_iri)
    quads = list(_shard_quads(iris, spec.run, [w for _, w in rows if w is not None]))
    data = gzip.compress(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"", mtime=0)
    entities = [
        {"seq": row["seq"], **_entity_row(e)}
        for row, w in rows
        if w is not None
        for e in w.entities
    ]
    fs, root = _fs(spec.folder)
    fs.makedirs(root, exist_ok=True)
    _put(fs, f"{root}/{key}.nq.gz", data)
    _put(fs, f"{root}/{key}.entities.parquet", _parquet(entities, _ENTITY_COLUMNS))
    shas = {row["iri"]: row["sha256"] for row, w in rows if w is not None}
    _put(fs, f"{root}/{key}.facts.parquet", _parquet(_fact_table(quads, shas), FACT_COLUMNS))
    _put(fs, f"{root}/{key}.articles.parquet", _parquet([r for r, _ in rows], _ARTICLE_COLUMNS))
    return len(quads)


def read_table(folder: str, key: str, table: str) -> list[dict[str, Any]]:
    """The rows of one Parquet table (``articles`` or ``entities``) of a shard."""
    import pyarrow.parquet as pq

    fs, root = _fs(folder)
    with fs.open(f"{root}/{key}.{table}.parquet", "rb") as file:
        rows: list[dict[str, Any]] = pq.read_table(file).to_pylist()
    return rows


def read_quads(folder: str, key: str) -> bytes:
    """The shard's N-Quads, decompressed."""
    fs, root = _fs(folder)
    with fs.open(f"{root}/{key}.nq.gz", "rb") as file:
        return gzip.decompress(file.read())


def parse_quads(text: str, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """The triples of an N-Triples text of the entities table, as quads of ``graph``."""
    for triple in ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES):
        yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def _quad(triple: tuple[Any, Any, Any], graph: ox.NamedNode) -> ox.Quad:
    s, p, o = (t if isinstance(t, _OX_TERMS) else to_oxigraph(t) for t in triple)
    return ox.Quad(s, p, o, graph)  # type: ignore[arg-type]


def _shard_quads(iris: Iris, run: BuildRun, writes: Iterable[ArticleWrites]) -> Iterator[ox.Quad]:
    entities = ox.NamedNode(str(iris.entities_graph))
    for w in writes:
        graph = ox.NamedNode(str(w.iri))
        yield from (_quad(t, graph) for t in w.triples)
        yield from (_quad(t, entities) for t in w.shared)
    runs = ox.NamedNode(str(iris.runs_graph))
    yield from (_quad(t, runs) for t in run_triples(run))


def _fact_table(quads: list[ox.Quad], shas: dict[str, str]) -> list[dict[str, Any]]:
    """The facts of ``quads`` as corroboration reads them (its own query, in memory)."""
    store = ox.Store()
    store.extend(quads)
    query = FACTS.format(nodes="")
    result = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    return [{**asdict(row), "sha256": shas[row.article]} for row in fact_rows(result)]


def _entity_row(entity: EntityDescription) -> dict[str, str]:
    return {
        "iri": str(entity.iri),
        "label": entity.label,
        "core": _ntriples(entity.core),
        "names": _ntriples(entity.names),
    }


def _ntriples(triples: Iterable[Any]) -> str:
    default = ox.DefaultGraph()
    terms = [_quad(t, default).triple for t in triples]  # type: ignore[arg-type]
    return (ox.serialize(terms, format=ox.RdfFormat.N_TRIPLES) or b"").decode()


def _parquet(rows: list[dict[str, Any]], columns: Sequence[str]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # typed columns, so that a shard with no fact reads as the others do
    types = {c: pa.bool_() if c == "literal" else pa.string() for c in FACT_COLUMNS}
    empty = {c: pa.array([], types.get(c, pa.null())) for c in columns}
    table = pa.Table.from_pylist(rows) if rows else pa.table(empty)
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


def _put(fs: Any, path: str, data: bytes) -> None:
    """Write ``path`` whole or not at all: a temporary file, then a rename."""
    temporary = f"{path}.{uuid.uuid4().hex}.tmp"
    with fs.open(temporary, "wb") as file:
        file.write(data)
    fs.mv(temporary, path)


def _fs(folder: str) -> tuple[Any, str]:
    import fsspec

    fs, root = fsspec.core.url_to_fs(folder)
    return fs, root.rstrip("/")


def _rules_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
