"""``kgraph timeline``: the events an entity takes part in, in time order, with their sources."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kgraph.cli._shell import cli, err, out, output_option, table

if TYPE_CHECKING:
    from kgraph.timeline import EntityTimeline, Event, Mention

_FLAT = ("event_date", "event_precision", "event_anchor", "event", "disputed")


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.argument("entity")
@click.option(
    "-f",
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json", "csv", "tsv"]),
    help="table for reading; json (one object per event, its mentions inside), csv or tsv "
    "(one row per mention) for programs.",
)
@click.option(
    "--from", "start", metavar="DATE", help="Only events on or after DATE (YYYY[-MM[-DD]])."
)
@click.option("--to", "end", metavar="DATE", help="Only events on or before DATE (YYYY[-MM[-DD]]).")
@click.option("--source", help="Only mentions from this publisher, URL host or article id.")
@click.option(
    "--mentioned",
    is_flag=True,
    help="Also facts whose subject or object names the entity inside a longer phrase.",
)
@click.option("--html", "as_html", is_flag=True, help="Write the timeline page (offline HTML).")
@output_option("timeline.html", "Where --html writes the page.")
@click.option(
    "--descriptions",
    is_flag=True,
    help="Keep the facts that describe the entity (appositions, copulas, roles, places).",
)
def timeline(
    store: Path,
    entity: str,
    fmt: str,
    start: str | None,
    end: str | None,
    source: str | None,
    mentioned: bool,
    as_html: bool,
    output: Path,
    descriptions: bool,
) -> None:
    """The events ENTITY takes part in, in time order, with sentence, article and source.

    ENTITY is a name, an alias or an IRI. Each event is dated by the time its sentence gives,
    else by its article's date (anchor "article"), else it is undated (listed last). Mentions of
    one event in several articles share a line; a line the sources disagree about (dates, or a
    conflict the store found) is marked "disputed". --html writes one offline page instead: the
    events on a time axis, their evidence on click, the sources as filters.

    \b
    Example:
      kgraph timeline kg/ "Airbus A380"
      kgraph timeline kg/ Azerbaijan --from 2023-09 --to 2023-09-30 --format json
      kgraph timeline kg/ "Airbus A380" --html -o a380.html
    """
    from kgraph.timeline import entity_timeline

    found = entity_timeline(  # from the store's index: the store opens only to remake it
        store,
        entity,
        start=start,
        end=end,
        source=source,
        mentioned=mentioned,
        descriptions=descriptions,
    )
    if as_html:
        from kgraph.timeline.html import write_timeline_html

        size = write_timeline_html(found, output)
        err.print(f"wrote {output} ({len(found.events)} events, {size / 1024:.0f} KiB)")
    elif fmt == "json":
        sys.stdout.write(json.dumps(_as_json(found), indent=2, ensure_ascii=False) + "\n")
    elif fmt in {"csv", "tsv"}:
        _write_rows(found, "\t" if fmt == "tsv" else ",")
    else:
        _print_table(found)


def _as_json(found: EntityTimeline) -> dict[str, object]:
    return {
        "entity": found.label,
        "iris": list(found.iris),
        "events": [
            {
                "date": e.date,
                "precision": e.precision,
                "anchor": e.anchor,
                "event": e.label,
                "disputed": list(e.disputed),
                "sources": list(e.sources),
                "mentions": [asdict(m) for m in e.mentions],
            }
            for e in found.events
        ],
    }


def _write_rows(found: EntityTimeline, delimiter: str) -> None:
    from kgraph.timeline import Mention

    fields = list(Mention.__dataclass_fields__)
    writer = csv.writer(sys.stdout, delimiter=delimiter, lineterminator="\n")
    writer.writerow([*_FLAT, *fields])
    for event in found.events:
        flat = [event.date, event.precision, event.anchor, event.label, "; ".join(event.disputed)]
        for mention in event.mentions:
            values = asdict(mention)
            writer.writerow([*flat, *(_cell(values[name]) for name in fields)])


def _cell(value: object) -> str:
    if isinstance(value, tuple | list):
        return "; ".join(map(str, value))
    return "" if value is None else str(value)


def _print_table(found: EntityTimeline) -> None:
    out.print(f"{found.label}: {len(found.events)} event{'s' if len(found.events) != 1 else ''}")
    columns = ["date", "event", "sources", "said by", "sentence"]
    out.print(table(columns, (_table_row(e) for e in found.events)))


def _table_row(event: Event) -> list[str]:
    date = event.date or "undated"
    if event.anchor == "article":
        date += " (published)"
    label = event.label
    if event.disputed:
        more = len(event.disputed) - 1
        label += f"\n⚠ disputed: {event.disputed[0]}" + (f" (and {more} more)" if more else "")
    stances = {m.stance for m in event.mentions} - {"affirmed"}
    if stances:
        label += f"\n({', '.join(sorted(stances))})"
    return [
        date,
        label,
        "\n".join(_source(m) for m in event.mentions),
        "\n".join(dict.fromkeys(_speaker(m) for m in event.mentions if m.speaker or m.cue)),
        event.mentions[0].sentence,
    ]


def _source(mention: Mention) -> str:
    extra = ", ".join(part for part in (mention.source, mention.issued) if part)
    title = mention.title or mention.identifier or mention.article
    return f"{title} ({extra})" if extra else title


def _speaker(mention: Mention) -> str:
    return f"{mention.speaker or '?'} ({mention.cue})" if mention.cue else mention.speaker
