"""Commands that show or share a store: view, serve and push."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click

from kgraph.cli._shell import ProgressBar, cli, err, output_option, read_query, say


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@output_option("graph.html")
@click.option(
    "--focus", metavar="ENTITY", help="Only this entity (label, key or IRI) and its area."
)
@click.option(
    "--hops", default=2, show_default=True, type=click.IntRange(0, 9), help="With --focus."
)
@click.option(
    "--query", "sparql", metavar="CONSTRUCT", help="Only the facts it returns (or @FILE)."
)
@click.option("--article", metavar="ID", help="Only the facts of this article (id or IRI).")
@click.option("--title", default=None, help="Page title (default: the store's folder name).")
@click.option("--png", type=click.Path(path_type=Path), help="Also a PNG image (needs Chromium).")
@click.option("--svg", type=click.Path(path_type=Path), help="Also an SVG image.")
@click.option(
    "--renderer",
    type=click.Choice(["auto", "vis", "webgl"]),
    default="auto",
    show_default=True,
    help="What draws the graph: vis-network, or WebGL (sigma.js) for large graphs.",
)
def view(store: Path, output: Path, sparql: str | None, **options: Any) -> None:
    """Write an interactive HTML view of STORE that works offline, in one file.

    Entities are nodes coloured by class; facts are edges; clicking one shows its
    sentences and articles. Search, filters and a focus mode are in the page.

    \b
    Example:
      kgraph view kg/ -o graph.html
      kgraph view kg/ --focus Azerbaijan --hops 1 -o azerbaijan.html --svg azerbaijan.svg
      kgraph view big-kg/ --renderer webgl -o big.html
    """
    from kgraph.graph import KGStore
    from kgraph.view import ViewOptions, render_view

    chosen = ViewOptions(query=read_query(sparql) if sparql else None, **options)
    with KGStore.open(store, read_only=True) as kg:
        stats = render_view(kg, output, chosen)
    if stats.notice:
        say("warning", "yellow", stats.notice)
    err.print(
        f"wrote {', '.join(map(str, stats.files))}: {stats.nodes} entities, "
        f"{stats.links} links, {stats.facts} facts from {stats.articles} articles",
        markup=False,
    )


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, help="TCP port (0: any free one).")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds a query may run.")
@click.option("--max-result-mb", default=64.0, show_default=True, help="Largest result, in MiB.")
@click.option("--workers", default=2, show_default=True, help="Queries run at once (processes).")
@click.option("--allow-service", is_flag=True, help="Allow federated queries (SERVICE).")
@click.option(
    "--cors",
    metavar="ORIGIN",
    multiple=True,
    help="Let web pages from ORIGIN read answers (repeatable; default: none).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    metavar="NAME",
    multiple=True,
    help="Also answer requests for Host NAME (repeatable; loopback and --host always).",
)
@click.option(
    "--token",
    metavar="TOKEN",
    envvar="KGRAPH_SERVE_TOKEN",
    help="Require 'Authorization: Bearer TOKEN' on /sparql (or $KGRAPH_SERVE_TOKEN).",
)
def serve(
    store: Path,
    max_result_mb: float,
    cors: tuple[str, ...],
    allow_hosts: tuple[str, ...],
    **options: Any,
) -> None:
    """Serve STORE as a read-only SPARQL 1.1 endpoint at /sparql, a query page at / and /health.

    Answers come from the newest completed build: a 'kgraph build' or 'kgraph
    remove' into STORE while it is served shows in the next answers.

    \b
    Example:
      kgraph serve kg/ --host 127.0.0.1 --port 7878
      curl http://127.0.0.1:7878/sparql --data-urlencode 'query=ASK { ?s kg:initiates ?o }'
      KGRAPH_SERVE_TOKEN=s3cret kgraph serve kg/ --host 0.0.0.0 --allow-host kg.lan
    """
    from kgraph.serve import ServeConfig
    from kgraph.serve import serve as run_server

    logging.getLogger("kgraph.serve").setLevel(logging.INFO)
    config = ServeConfig(
        max_result_bytes=int(max_result_mb * 2**20), cors=cors, allow_hosts=allow_hosts, **options
    )
    run_server(store, config)


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.option("--endpoint", required=True, help="The other store's Graph Store or Update URL.")
@click.option("--protocol", default="auto", type=click.Choice(["auto", "gsp", "update"]))
@click.option("--user", help="User name for HTTP authentication.")
@click.option("--password", envvar="KGRAPH_PUSH_PASSWORD", help="Or $KGRAPH_PUSH_PASSWORD.")
@click.option("--batch-size", default=2000, show_default=True, help="Triples per SPARQL Update.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def push(store: Path, endpoint: str, quiet: bool, **options: Any) -> None:
    """Load STORE into another triple store, replacing each of its named graphs there.

    \b
    Example:
      kgraph push kg/ --endpoint http://localhost:7878/store
      KGRAPH_PUSH_PASSWORD=pw kgraph push kg/ --endpoint http://localhost:3030/kg/data --user me
    """
    from kgraph.export.push import push as run_push
    from kgraph.graph import KGStore

    progress = ProgressBar(not quiet and err.is_terminal, "pushing", "triples")
    with KGStore.open(store, read_only=True) as kg, progress:
        report = run_push(kg, endpoint, progress=progress, **options)
    if not quiet:
        err.print(report.summary())
