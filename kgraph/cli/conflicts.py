"""``kgraph conflicts``: facts of different articles that disagree."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.text import Text

from kgraph.cli._shell import cli, err, out

if TYPE_CHECKING:
    from kgraph.graph.analysis import Conflict, ConflictFact


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(["count", "negation", "denial"]),
    default=None,
    help="Only conflicts of this kind (default: all).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    default="text",
    show_default=True,
    type=click.Choice(["text", "json", "csv"]),
    help="text for reading, json or csv (one row per fact) for programs.",
)
@click.option(
    "--refresh",
    is_flag=True,
    help="Recompute the conflicts and corroboration counts first (stores built by older versions).",
)
@click.option(
    "--candidates",
    is_flag=True,
    help="List near-conflicts instead: disagreeing counts whose population, event or time "
    "window could not be established, each with why, for a human to check.",
)
def conflicts(store: Path, kind: str | None, fmt: str, refresh: bool, candidates: bool) -> None:
    """List facts of different articles that disagree, with both sources.

    Three kinds: different numbers for the same count of the same population and
    event (count), a fact and its negation (negation), a claim and a denial
    (denial). They are computed at every build and remove, and queryable as
    kg:Conflict resources. --candidates lists the counts that may disagree but
    could not be shown to be of the same people, event or time.

    \b
    Example:
      kgraph conflicts kg/
      kgraph conflicts kg/ --kind count --format json
      kgraph conflicts kg/ --candidates
    """
    from kgraph.errors import StoreError
    from kgraph.graph import KGStore
    from kgraph.graph.analysis import (
        AnalysisState,
        analysis_state,
        read_candidates,
        read_conflicts,
        refresh_analysis,
    )
    from kgraph.ontology import load_ontology

    rules = load_ontology() if refresh or candidates else None  # which nodes are generic
    with KGStore.open(store, read_only=not refresh) as kg:
        state = AnalysisState.CURRENT if refresh else analysis_state(kg)
        if rules is not None and refresh:
            report = refresh_analysis(kg, rules)
            err.print(f"recomputed the analysis in {report.seconds:.2f} s")
        elif state is AnalysisState.PENDING:
            raise StoreError(
                f"the conflict analysis of store {store} did not finish after its articles last "
                "changed (the build or remove was interrupted, or failed, before its analysis "
                "step); run the same 'kgraph build' again, or "
                f"'kgraph conflicts {store} --refresh'"
            )
        elif state is AnalysisState.MISSING:
            raise StoreError(
                f"store {store} has no conflict analysis by this kgraph's rules (it was built "
                "by an older kgraph); "
                f"compute it with 'kgraph conflicts {store} --refresh', or rebuild the store"
            )
        if rules is not None and candidates:
            found = read_candidates(kg, rules)
        else:
            found = read_conflicts(kg, kind)
    if fmt == "json":
        sys.stdout.write(json.dumps([asdict(c) for c in found], indent=2, ensure_ascii=False))
        sys.stdout.write("\n")
    elif fmt == "csv":
        _write_csv(found)
    else:
        _print_text(found, "candidate" if candidates else "conflict")


def _print_text(found: list[Conflict], noun: str = "conflict") -> None:
    if not found:
        out.print(f"no {noun}s")
        return
    for number, conflict in enumerate(found, 1):
        out.print(
            Text.assemble((f"{number}. {conflict.kind}", "bold"), ": ", _plain(conflict.comment))
        )
        for reason in conflict.reasons:
            out.print(_plain(f"   only a candidate: {reason}"))
        for fact in conflict.facts:
            out.print(_plain(f"   • {fact.value}"))
            out.print(_plain(f"     {_source(fact)}"))
            if fact.speaker or fact.cue:
                cue = f" ({fact.cue})" if fact.cue else ""
                out.print(_plain(f"     attributed to {fact.speaker or '?'}{cue}"))
            if fact.sentence:
                out.print(_plain(f"     “{fact.sentence}”"))
        out.print("")
    out.print(f"{len(found)} {noun}{'s' if len(found) != 1 else ''}")


def _plain(text: str) -> Text:
    """Text as it is (no markup), control characters shown as escapes."""
    from kgraph.graph.chars import visible

    return Text(visible(text))


def _source(fact: ConflictFact) -> str:
    extra = ", ".join(d for d in (fact.publisher, fact.issued, fact.url) if d)
    title = fact.title or fact.identifier or fact.article
    return f"{title} ({extra})" if extra else title


_CSV_FIELDS = ("conflict", "kind", "comment", "reasons")


def _write_csv(found: list[Conflict]) -> None:
    from kgraph.graph.analysis import ConflictFact

    fact_fields = list(ConflictFact.__dataclass_fields__)
    writer = csv.writer(sys.stdout)
    writer.writerow([*_CSV_FIELDS, *(f"fact_{name}" for name in fact_fields)])
    for conflict in found:
        for fact in conflict.facts:
            values = asdict(fact)
            writer.writerow(
                [
                    conflict.iri,
                    conflict.kind,
                    conflict.comment,
                    "; ".join(conflict.reasons),
                    *(values[n] for n in fact_fields),
                ]
            )
