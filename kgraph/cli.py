"""The ``kgraph`` command line: a thin shell over the library.

Each command parses its options, makes one library call and prints. Library
errors become a one-line message and an exit code in one place
(:class:`_Group`): 2 for a bad query or usage, 1 for anything else.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from kgraph import __version__
from kgraph.errors import KGraphError, QueryError

__all__ = ["main"]

_err = Console(stderr=True, highlight=False, soft_wrap=True)
_out = Console(highlight=False, soft_wrap=True)


class _Group(click.Group):
    """Turns kgraph's errors into a clean message and exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QueryError as exc:
            _err.print(f"[red]error:[/] {exc}", markup=True)
            sys.exit(2)
        except KGraphError as exc:
            _err.print(f"[red]error:[/] {exc}", markup=True)
            sys.exit(1)
        except KeyboardInterrupt:
            _err.print(
                "interrupted: every article written before the interruption is kept; "
                "run the same command again to finish"
            )
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgraph")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """Build an RDF knowledge graph from news articles, and query it.

    \b
    Example:
      kgraph build data/ --out kg/
      kgraph query kg/ 'SELECT ?s ?o WHERE { ?s kg:initiates ?o }'
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if verbose < 2:  # trafilatura logs every malformed page as an error; kgraph reports them
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="Store folder to create or extend.",
)
@click.option("--model", default=None, help="spaCy model (default: best installed English model).")
@click.option("--base-iri", default=None, help="Base IRI of the graph's data IRIs (new stores).")
@click.option("-j", "--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes for parsing and extraction (default: all cores).")
@click.option("--store", "store_kind", type=click.Choice(["oxigraph", "memory"]), default=None,
              help="Engine of a new store: oxigraph (default, on disk) or memory (rdflib).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def build(
    paths: tuple[Path, ...],
    out: Path,
    model: str | None,
    base_iri: str | None,
    workers: int | None,
    store_kind: str | None,
    quiet: bool,
) -> None:
    """Build the store OUT from every article under PATHS (files or folders).

    Articles are .txt, .html/.htm and .jsonl files. Running it again on the same
    store adds only articles it does not have, and replaces articles whose text
    changed (same URL or id, or the same file).

    \b
    Example:
      kgraph build data/ --out kg/
      kgraph build new-articles.jsonl --out kg/ --model en_core_web_md --workers 4
    """
    from kgraph.pipeline import build as run_build

    progress = _BuildProgress(enabled=not quiet and _err.is_terminal)
    with progress:
        report = run_build(paths, out, model=model, base_iri=base_iri, progress=progress,
                           workers=workers, store=store_kind)
    for problem in report.ingest.problems:
        _err.print(f"[yellow]skipped:[/] {problem}", markup=True)
    for article, message in report.failed:
        _err.print(f"[yellow]failed:[/] {article.origin}: {message}", markup=True)
    if not quiet:
        _print_build_summary(report)
    if report.nothing_built:
        _err.print("[red]error:[/] no article could be built; see the messages above", markup=True)
        sys.exit(1)


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.argument("article")
def remove(store: Path, article: str) -> None:
    """Remove ARTICLE (its id, IRI, URL or file) and its facts from STORE.

    Entities that no other article mentions go too; the catalog's stay.

    \b
    Example:
      kgraph remove kg/ 4d2f0a6b9c1e7f35
      kgraph remove kg/ https://news.example/azerbaijan-attack
    """
    from kgraph.pipeline import remove as run_remove

    report = run_remove(store, article)
    _err.print(f"removed {report.article}: {report.quads} quads, {report.entities} entities")


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.argument("sparql")
@click.option(
    "-f",
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json", "csv", "tsv", "xml", "ttl", "nt"]),
    help="Output format (ttl/nt for CONSTRUCT and DESCRIBE).",
)
def query(store: Path, sparql: str, fmt: str) -> None:
    """Run a SPARQL query over STORE (SPARQL text, @FILE, or - for stdin).

    The default graph is the union of all graphs; the prefixes kg:, kgrel:, rdf:,
    rdfs:, owl:, xsd:, skos:, prov:, dcterms: and wd: are predeclared.

    \b
    Example:
      kgraph query kg/ 'SELECT ?label WHERE { ?e a kg:Country ; rdfs:label ?label }'
      kgraph query kg/ @queries/facts.rq --format csv
    """
    from kgraph.graph import KGStore

    text = _read_query(sparql)
    with KGStore.open(store, read_only=True) as kg:
        result = kg.query(text)
        _print_result(result, fmt, kg.iris.base)


@cli.command(name="export")
@click.argument("store", type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "fmt",
    default=None,
    help="trig, nq, jsonld, ttl, nt or xml (default: from -o's extension, else trig).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
def export_cmd(store: Path, fmt: str | None, output: Path | None) -> None:
    """Write STORE in a standard RDF format.

    TriG, N-Quads and JSON-LD keep each article's named graph; Turtle, N-Triples
    and RDF/XML hold the union of all graphs.

    \b
    Example:
      kgraph export kg/ --format trig -o kg.trig
      kgraph export kg/ --format nt | wc -l
    """
    from kgraph.export import ExportFormat, export
    from kgraph.graph import KGStore

    chosen = ExportFormat.parse(fmt or (output.suffix if output and output.suffix else "trig"))
    with KGStore.open(store, read_only=True) as kg:
        if output is None:
            export(kg, sys.stdout.buffer, chosen)
            sys.stdout.buffer.flush()
            return
        with output.open("wb") as handle:
            export(kg, handle, chosen)
    _err.print(f"wrote {output} ({chosen.value})")


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.option("--top", default=10, show_default=True, help="How many relations to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(store: Path, top: int, as_json: bool) -> None:
    """Count articles, sentences, facts, entities by class and top relations in STORE.

    \b
    Example:
      kgraph stats kg/
      kgraph stats kg/ --json
    """
    from kgraph.graph import KGStore, graph_stats

    with KGStore.open(store, read_only=True) as kg:
        counts = graph_stats(kg, top=top)
    if as_json:
        _out.print_json(json.dumps(asdict(counts)))
        return
    _out.print(
        f"articles   {counts.articles}\nsentences  {counts.sentences}\n"
        f"facts      {counts.facts} ({counts.negated_facts} negated)\n"
        f"entities   {counts.entities} ({counts.entities_in_facts} in facts)\n"
        f"quads      {counts.quads}"
    )
    _out.print(_table(["class", "entities"], counts.entities_by_class.items()))
    relations = ((_short_iri(iri, ""), label, n) for iri, label, n in counts.top_relations)
    _out.print(_table(["relation", "label", "facts"], relations))


def main() -> None:
    """Entry point of the ``kgraph`` console script."""
    cli(prog_name="kgraph")


# ---------------------------------------------------------------- helpers


class _BuildProgress:
    """A rich progress bar on stderr, or nothing when disabled."""

    def __init__(self, enabled: bool) -> None:
        self._bar = Progress(
            TextColumn("parsing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[facts]} facts"),
            TimeRemainingColumn(),
            console=_err,
            disable=not enabled,
            transient=True,
        )
        self._task: Any = None
        self._facts = 0

    def __enter__(self) -> _BuildProgress:
        self._bar.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._bar.stop()

    def start(self, total: int) -> None:
        self._task = self._bar.add_task("build", total=total, facts=0)

    def advance(self, article: object, facts: int) -> None:
        self._facts += facts
        self._bar.update(self._task, advance=1, facts=self._facts)


def _print_build_summary(report: Any) -> None:
    model = f" with {report.model.name} {report.model.version}" if report.model else ""
    _err.print(
        f"built {report.store}: {len(report.added)} articles added, "
        f"{len(report.replaced)} replaced, "
        f"{len(report.unchanged)} already in the store, {len(report.failed)} failed, "
        f"{len(report.ingest.problems)} unreadable, {len(report.ingest.duplicates)} duplicates; "
        f"{report.sentences} sentences, {report.facts} facts in {report.seconds:.1f} s{model}"
    )


def _read_query(sparql: str) -> str:
    if sparql == "-":
        return sys.stdin.read()
    if sparql.startswith("@"):
        path = Path(sparql[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"cannot read the query file {path}: {exc.strerror}") from exc
    return sparql


def _print_result(result: Any, fmt: str, base: str) -> None:
    import pyoxigraph as ox

    from kgraph.graph import QueryKind, kind, rows, serialize_graph, serialize_results, variables

    what = kind(result)
    if what is QueryKind.GRAPH:
        rdf = ox.RdfFormat.N_TRIPLES if fmt == "nt" else ox.RdfFormat.TURTLE
        sys.stdout.buffer.write(serialize_graph(result, rdf))
    elif fmt in {"ttl", "nt"}:
        raise QueryError(
            f"--format {fmt} is for CONSTRUCT/DESCRIBE; use table, json, csv, tsv or xml"
        )
    elif what is QueryKind.ASK and fmt == "table":
        _out.print(str(bool(result)).lower())
    elif fmt == "table":
        names = variables(result)
        cells = ([_short(row[name], base) for name in names] for row in rows(result))
        _out.print(_table(names, cells))
    else:
        sys.stdout.buffer.write(serialize_results(result, fmt))


def _short(term: Any, base: str) -> str:
    """A term for a table cell: a short IRI, or a literal's value."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _short_iri(term.value, base)
    return str(term.value)


def _short_iri(iri: str, base: str) -> str:
    """An IRI relative to the store's base, or with a known prefix, or in <>."""
    from kgraph.vocab import PREFIXES

    if base and iri.startswith(base):
        return iri[len(base) :]
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def _table(columns: list[str], rows: Any) -> Table:
    table = Table(show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    count = 0
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
        count += 1
    table.caption = f"{count} row{'s' if count != 1 else ''}"
    return table
