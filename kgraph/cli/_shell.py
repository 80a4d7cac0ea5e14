"""The shell around every command: the group, error handling, consoles and printing helpers.

Library errors become a one-line message and an exit code here, in one place:
2 for a bad query or usage, 1 for anything else, 130 on Ctrl-C.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kgraph.errors import KGraphError, QueryError

__all__ = [
    "ProgressBar",
    "cli",
    "err",
    "out",
    "output_option",
    "print_result",
    "read_query",
    "say",
    "short_iri",
    "table",
]

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


class _Group(click.Group):
    """Turns kgraph's errors into a clean message and exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QueryError as exc:
            say("error", "red", exc)
            sys.exit(2)
        except KGraphError as exc:
            say("error", "red", exc)
            sys.exit(1)
        except KeyboardInterrupt:
            err.print(
                "interrupted: every article written before the interruption is kept; "
                "run the same command again to finish"
            )
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kgraph", prog_name="kgraph")  # read when asked
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


class ProgressBar:
    """A rich progress bar on stderr, or nothing when disabled."""

    def __init__(self, enabled: bool, label: str = "parsing", unit: str = "facts") -> None:
        from rich.progress import (  # here: a command without a bar starts without it
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(f"{{task.fields[facts]}} {unit}"),
            TimeRemainingColumn(),
            console=err,
            disable=not enabled,
            transient=True,
        )
        self._task: Any = None
        self._facts = 0

    def __enter__(self) -> ProgressBar:
        self._bar.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._bar.stop()

    def start(self, total: int) -> None:
        self._task = self._bar.add_task("build", total=total, facts=0)

    def advance(self, article: object, facts: int) -> None:
        self._facts += facts
        self._bar.update(self._task, advance=1, facts=self._facts)


def say(label: str, style: str, message: object) -> None:
    """``label: message`` on stderr, the label in ``style``, the message as plain text.

    The message may hold paths, titles or query text: it is never read as markup,
    and control characters in it are shown as escapes (``\\x1b``).
    """
    from kgraph.graph.chars import visible

    err.print(Text.assemble((f"{label}:", style), " ", visible(str(message))))


def read_query(sparql: str) -> str:
    if sparql == "-":
        return sys.stdin.read()
    if sparql.startswith("@"):
        path = Path(sparql[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"cannot read the query file {path}: {exc.strerror}") from exc
    return sparql


def print_result(result: Any, fmt: str, base: str) -> None:
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
        out.print(str(bool(result)).lower())
    elif fmt == "table":
        names = variables(result)
        cells = ([short(row[name], base) for name in names] for row in rows(result))
        out.print(table(names, cells))
    else:
        sys.stdout.buffer.write(serialize_results(result, fmt))


def short(term: Any, base: str) -> str:
    """A term for a table cell: a short IRI, or a literal's value."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return short_iri(term.value, base)
    return str(term.value)


def short_iri(iri: str, base: str) -> str:
    """An IRI relative to the store's base, or with a known prefix, or in <>."""
    from kgraph.vocab import PREFIXES

    if base and iri.startswith(base):
        return iri[len(base) :]
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def output_option(default: str, help: str = "HTML file to write.") -> Any:
    """The ``-o/--output FILE`` option of the commands that write a page."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path),
        default=Path(default),
        show_default=True,
        help=help,
    )


def table(columns: list[str], rows: Any) -> Table:
    """A table of plain text: no markup, control characters shown as escapes (``\\x1b``)."""
    from kgraph.graph.chars import visible

    table = Table(show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    count = 0
    for row in rows:
        table.add_row(*(Text(visible(str(cell))) for cell in row))
        count += 1
    table.caption = f"{count} row{'s' if count != 1 else ''}"
    return table
