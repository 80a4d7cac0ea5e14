"""``kgraph report``: one offline page of charts about a store."""

from __future__ import annotations

from pathlib import Path

import click

from kgraph.cli._shell import cli, err, output_option


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@output_option("report.html")
@click.option("--title", default=None, help="Page title (default: 'Report: ' and the folder name).")
@click.option(
    "--views",
    default=0,
    show_default=True,
    type=click.IntRange(0, 100),
    metavar="N",
    help="Also write the graph view's focus page of the top N entities beside it, linked.",
)
def report(store: Path, output: Path, title: str | None, views: int) -> None:
    """Write one offline HTML page of charts about STORE: what a newsroom looks at first.

    Articles per day and per source, the most mentioned entities and their
    mentions over time, the top relations, the facts' confidence, the conflicts
    with both sources, the held-back facts, and the commands that open an
    entity's graph view and timeline. No script, nothing fetched.

    \b
    Example:
      kgraph report kg/ -o report.html
      kgraph report kg/ -o out/report.html --views 5
    """
    from kgraph.graph import KGStore
    from kgraph.report import write_report

    with KGStore.open(store, read_only=True) as kg:
        stats = write_report(kg, output, title=title, views=views)
    err.print(
        f"wrote {stats.path}: {stats.articles:,} articles, {stats.facts:,} facts, "
        f"{stats.conflicts:,} conflicts, {stats.held_back:,} held back, "
        f"{stats.views} focus views "
        f"({stats.bytes / 1024:.0f} KiB in {stats.seconds:.1f} s)",
        markup=False,
    )
