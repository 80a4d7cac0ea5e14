"""Commands that write a store: build and remove."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from kgraph.cli._shell import ProgressBar, cli, err, say


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
@click.option(
    "-j",
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for parsing and extraction (default: all cores).",
)
@click.option(
    "--store",
    "store_kind",
    type=click.Choice(["oxigraph", "memory"]),
    default=None,
    help="Engine of a new store: oxigraph (default, on disk) or memory (rdflib).",
)
@click.option(
    "--profile",
    "profile_file",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=None,
    help="Write the seconds of each stage to FILE (JSON if it ends .json; '-': standard error).",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    metavar="P",
    help="Hold back asserted facts whose confidence is under P: kept as provenance nodes "
    "(kg:heldBack true) without their plain triple (default: "
    "kgraph.link.trust.DEFAULT_MIN_CONFIDENCE; 0 asserts every fact).",
)
@click.option(
    "--cluster",
    "scheduler",
    default=None,
    metavar="ADDRESS",
    help="Parse and extract on the Dask cluster whose scheduler is ADDRESS "
    "(tcp://HOST:8786); see docs/scaling.md.",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="With --cluster: articles per partition, one task and one shard each (default: 256).",
)
@click.option(
    "--shards",
    default=None,
    metavar="DIR|URL",
    help="With --cluster: the folder of shards, on storage every worker reaches "
    "(a path or an fsspec URL such as s3://bucket/kg-shards; default: OUT.shards).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def build(
    paths: tuple[Path, ...],
    out: Path,
    model: str | None,
    base_iri: str | None,
    workers: int | None,
    store_kind: str | None,
    profile_file: Path | None,
    min_confidence: float | None,
    scheduler: str | None,
    partition_size: int | None,
    shards: str | None,
    quiet: bool,
) -> None:
    """Build the store OUT from every article under PATHS (files or folders).

    Articles are .txt, .html/.htm and .jsonl files. Running it again on the same
    store adds only articles it does not have, and replaces articles whose text
    changed (same URL, else same JSONL id, else the same file by any path).

    \b
    Example:
      kgraph build data/ --out kg/
      kgraph build new-articles.jsonl --out kg/ --model en_core_web_md --workers 4
      kgraph build data/ --out kg/ --workers 1 --profile profile.json
      kgraph build data/ --out kg/ --min-confidence 0
      kgraph build feed.jsonl --out kg/ --cluster tcp://10.0.0.5:8786 --shards /shared/kg-shards
    """
    from kgraph.pipeline import BuildInterrupted
    from kgraph.pipeline import build as run_build

    progress = ProgressBar(enabled=not quiet and err.is_terminal)
    try:
        with progress, _terminate_as_interrupt() as signals:
            if scheduler is None:
                if partition_size is not None or shards is not None:
                    raise click.UsageError("--partition-size and --shards need --cluster ADDRESS")
                report = run_build(
                    paths,
                    out,
                    model=model,
                    base_iri=base_iri,
                    progress=progress,
                    workers=workers,
                    store=store_kind,
                    min_confidence=min_confidence,
                )
            else:
                if workers is not None:
                    raise click.UsageError(
                        "--workers sets local processes; with --cluster the cluster's "
                        "workers parse: start more `dask worker`s instead"
                    )
                report = _cluster_build(
                    paths,
                    out,
                    scheduler,
                    partition_size,
                    shards,
                    model=model,
                    base_iri=base_iri,
                    progress=progress,
                    store=store_kind,
                    min_confidence=min_confidence,
                )
    except BuildInterrupted as exc:
        _print_problems(exc.report)
        err.print(
            f"interrupted: {exc.report.written} articles stored, rerun the same command to continue"
        )
        sys.exit(128 + (signals[-1] if signals else signal.SIGINT))
    _print_problems(report)
    if report.written:  # a build that wrote nothing leaves the timelines as they were
        _refresh_timeline_index(out)
    if not quiet:
        _print_build_summary(report)
    if profile_file is not None:
        _write_profile(report, profile_file)
    if report.nothing_built:
        err.print("[red]error:[/] no article could be built; see the messages above", markup=True)
        sys.exit(1)


def _cluster_build(
    paths: tuple[Path, ...],
    out: Path,
    scheduler: str,
    partition_size: int | None,
    shards: str | None,
    **options: Any,
) -> Any:
    try:
        from kgraph.cluster import DEFAULT_PARTITION_SIZE, cluster_build
    except ImportError as exc:
        raise click.UsageError(
            f"--cluster needs Dask ({exc}); install it with: pip install 'kgraph[cluster]'"
        ) from exc
    report = cluster_build(
        paths,
        out,
        scheduler=scheduler,
        shards=shards,
        partition_size=partition_size or DEFAULT_PARTITION_SIZE,
        **options,
    )
    if report.shards_built or report.shards_reused:
        err.print(
            f"shards in {report.shards}: {report.shards_built} built, "
            f"{report.shards_reused} already there; loaded in {report.load_seconds:.1f} s",
            highlight=False,
        )
    return report


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.argument("article")
def remove(store: Path, article: str) -> None:
    """Remove ARTICLE (its id, IRI, URL, origin or file path) and its facts from STORE.

    Entities that no other article mentions go too; the catalog's stay.

    \b
    Example:
      kgraph remove kg/ 4d2f0a6b9c1e7f35
      kgraph remove kg/ https://news.example/azerbaijan-attack
      kgraph remove kg/ news/2023/a.txt
    """
    from kgraph.pipeline import remove as run_remove

    report = run_remove(store, article)
    err.print(f"removed {report.article}: {report.quads} quads, {report.entities} entities")
    _refresh_timeline_index(store)


def _refresh_timeline_index(store: Path) -> None:
    """A store with a timeline index (``kgraph timeline`` was asked) gets it remade now."""
    from kgraph.timeline.labels import refresh_index

    if refresh_index(store):
        err.print(f"remade the timeline index of {store}")


@contextmanager
def _terminate_as_interrupt() -> Iterator[list[int]]:
    """SIGTERM stops the build as Ctrl-C does; the list receives the signal's number."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received  # only the main thread may handle signals
        return

    def interrupt(signum: int, _frame: object) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield received
    finally:
        signal.signal(signal.SIGTERM, previous)


def _write_profile(report: Any, path: Path) -> None:
    """The stage times of the build: a table, or JSON for a ``.json`` file."""
    from kgraph.pipeline.timing import format_profile, profile

    data = profile(report)
    if str(path) == "-":
        err.print(format_profile(data), markup=False, highlight=False)
    elif path.suffix.lower() == ".json":
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    else:
        path.write_text(format_profile(data) + "\n", encoding="utf-8")


def _print_problems(report: Any) -> None:
    for problem in report.ingest.problems:
        say("skipped", "yellow", problem)
    for article, message in report.failed:
        say("failed", "yellow", f"{article.origin or article.id}: {message}")


def _print_build_summary(report: Any) -> None:
    model = f" with {report.model.name} {report.model.version}" if report.model else ""
    if report.rules_changed:
        say(
            "rules",
            "yellow",
            "the store's facts came from other rules, code, model or --min-confidence: "
            "its articles in this input are extracted again",
        )
    if report.stale > 0:
        say(
            "stale",
            "yellow",
            f"{report.stale} articles of the store are not in this input and keep facts of the "
            "older rules; build them again from their sources to update them",
        )
    err.print(
        f"built {report.store}: {len(report.added)} articles added, "
        f"{len(report.replaced)} replaced, "
        f"{len(report.unchanged)} already in the store, {len(report.failed)} failed, "
        f"{len(report.ingest.problems)} unreadable, {len(report.ingest.duplicates)} duplicates, "
        f"{len(report.ingest.superseded)} superseded; "
        f"{report.sentences} sentences, {report.facts} facts in {report.seconds:.1f} s{model}"
    )
