"""The report page: the tables' charts and lists in one HTML document with nothing to fetch.

The page has no script at all; its Content-Security-Policy allows none, nor any
request (``default-src 'none'``): charts are inline SVG, styles are inline.
Every text from the store is HTML-escaped.
"""

from __future__ import annotations

import html
import re
import shlex
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

from kgraph import __version__
from kgraph.graph.analysis import AnalysisState, Conflict, ConflictFact
from kgraph.report import charts
from kgraph.report.tables import EntityRow, ReportTables, period_of, periods

__all__ = ["page_html", "slug"]

_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_KIND_ORDER = {"denial": 0, "negation": 1, "count": 2}
_OVER_TIME = 6  # entities drawn over time


def page_html(
    tables: ReportTables,
    *,
    title: str,
    store: str,
    folder: Path | None = None,
    conflicts: int = 10,
) -> str:
    """The report of ``tables`` as one HTML document.

    ``store`` is how the commands in the page name the store; ``folder`` is where the
    page is written: a focus view or timeline page already there is linked.
    """
    explore = _Explore(store, folder)
    body = "\n".join(
        (
            _numbers(tables),
            _grid(_articles_per_day(tables), _articles_per_source(tables)),
            _grid(_top_entities(tables), _entities_over_time(tables)),
            _card("Explore the top entities", explore.table(tables.entities)),
            _grid(_relations(tables), _confidence(tables)),
            _conflicts(tables, conflicts, store),
            _held_back(tables),
        )
    )
    css = resources.files("kgraph.report").joinpath("report.css").read_text(encoding="utf-8")
    return _PAGE.format(
        csp=_CSP,
        title=_e(title),
        css=css,
        lead=_e(f"What the knowledge graph in {store} holds, drawn from its articles."),
        body=body,
        footer=_e(f"Written by kgraph {__version__}: kgraph report {shlex.quote(store)}"),
    )


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header><h1>{title}</h1><p class="lead">{lead}</p></header>
<main>
{body}
</main>
<footer><p>{footer}</p></footer>
</body>
</html>
"""


def _numbers(tables: ReportTables) -> str:
    dated = len(tables.dated)
    items = (
        (len(tables.articles), "articles"),
        (dated, "dated"),
        (len(tables.articles) - dated, "undated"),
        (len(tables.sources), "sources"),
        (tables.facts, "facts"),
        (len(tables.conflicts), "conflicts"),
        (len(tables.held_back_confidences), "held back"),
    )
    cells = "".join(f"<li><b>{n:,}</b>{_e(label)}</li>" for n, label in items)
    return f'<ul class="numbers" id="numbers">{cells}</ul>'


def _articles_per_day(tables: ReportTables) -> str:
    dated = tables.dated
    unit, axis = periods([a.issued for a in dated if a.issued])
    heading = f"Articles per {unit}"
    if not dated:
        return _card(
            heading,
            _empty(
                f"All {len(tables.articles):,} articles are undated "
                "(no dcterms:issued): no time axis to draw."
            ),
        )
    counts = Counter(period_of(a.issued or "", unit) for a in dated)
    chart = charts.timeline_chart(
        "articles-per-day", axis, {"articles": [counts[p] for p in axis]}, ylabel="articles"
    )
    return _card(heading, chart + _undated_note(tables))


def _undated_note(tables: ReportTables) -> str:
    undated = len(tables.articles) - len(tables.dated)
    if not undated:
        return ""
    return _note(f"{undated:,} of {len(tables.articles):,} articles are undated and not drawn.")


def _articles_per_source(tables: ReportTables) -> str:
    ranked = tables.sources.most_common(15)
    chart = charts.bar_chart(
        "articles-per-source", [s for s, _ in ranked], [n for _, n in ranked], xlabel="articles"
    )
    notes = []
    if any(s.startswith(("file ", "folder ")) for s, _ in ranked):
        notes.append(
            "No publisher or URL is recorded for some articles: they are counted by "
            "the input file or folder they were read from."
        )
    if len(tables.sources) > len(ranked):
        notes.append(f"The {len(ranked)} largest of {len(tables.sources):,} sources.")
    return _card("Articles per source", chart + "".join(_note(n) for n in notes))


def _top_entities(tables: ReportTables) -> str:
    entities = tables.entities
    if not entities:
        return _card("Most mentioned entities", _empty("No named entity is in any fact."))
    chart = charts.bar_chart(
        "top-entities",
        [e.label for e in entities],
        [e.articles for e in entities],
        xlabel="articles whose facts name it (concepts left out)",
        colours=charts.entity_colours(entities),
    )
    return _card("Most mentioned entities", chart + _legend(entities))


def _legend(entities: Sequence[EntityRow]) -> str:
    names = (_local(e.cls) for e in entities)
    seen = dict(zip(names, charts.entity_colours(entities), strict=True))
    items = "".join(
        f'<li><span style="background:{colour}"></span>{_e(name)}</li>'
        for name, colour in sorted(seen.items())
    )
    return f'<ul class="legend">{items}</ul>'


def _entities_over_time(tables: ReportTables) -> str:
    heading = "The most mentioned entities over time"
    dates = {a.iri: a.issued for a in tables.dated}
    unit, axis = periods([d for d in dates.values() if d])
    if len(axis) < 2:
        why = "no article is dated" if not axis else f"all dated articles fall in one {unit}"
        return _card(heading, _empty(f"Undated: {why}, so mentions cannot be drawn over time."))
    series: dict[str, Sequence[int]] = {}
    for entity in tables.entities[:_OVER_TIME]:
        counts = Counter(period_of(dates.get(a) or "", unit) for a in entity.by_article)
        series[entity.label] = [counts[p] for p in axis]
    chart = charts.timeline_chart("entities-over-time", axis, series, ylabel=f"articles per {unit}")
    return _card(heading, chart + _undated_note(tables))


def _relations(tables: ReportTables) -> str:
    relations = tables.relations
    if not relations:
        return _card("Top relations", _empty("The store has no facts."))
    chart = charts.bar_chart(
        "top-relations", [r.label for r in relations], [r.facts for r in relations], xlabel="facts"
    )
    return _card("Top relations", chart)


def _confidence(tables: ReportTables) -> str:
    if not tables.facts:
        return _card("Confidence of the facts", _empty("The store has no facts."))
    chart = charts.confidence_chart("confidence", tables.confidences, tables.held_back_confidences)
    note = _note(
        "Held back: under the build's --min-confidence, kept as provenance only "
        "(kg:heldBack true), not asserted."
    )
    return _card("Confidence of the facts", chart + note)


def _conflicts(tables: ReportTables, shown: int, store: str) -> str:
    heading = "Conflicts between sources"
    if tables.analysis is not AnalysisState.CURRENT:
        fix = f"kgraph conflicts {shlex.quote(store)} --refresh"
        return _card(
            heading,
            _empty(f"The store's conflict analysis is not up to date: compute it with {fix}"),
        )
    if not tables.conflicts:
        return _card(heading, _empty("No two articles disagree."))
    kinds = sorted(tables.kinds.items(), key=lambda item: _KIND_ORDER.get(item[0], 9))
    if len(kinds) > 1:  # one bar would only repeat the number
        labels, counts = [k for k, _ in kinds], [n for _, n in kinds]
        chart = charts.bar_chart("conflict-kinds", labels, counts, xlabel="conflicts")
    else:
        chart = _note(", ".join(f"{n:,} {kind} conflict{'s' * (n != 1)}" for kind, n in kinds))
    first = sorted(tables.conflicts, key=_conflict_rank)[:shown]
    cards = "".join(_conflict(c) for c in first)
    more = len(tables.conflicts) - len(first)
    note = _note(f"{more:,} more: kgraph conflicts {shlex.quote(store)}") if more else ""
    return _card(heading, chart + f'<div class="conflicts">{cards}</div>' + note)


def _conflict_rank(conflict: Conflict) -> tuple[int, int, str]:
    sources = max((f.supporting_sources or 0 for f in conflict.facts), default=0)
    return (_KIND_ORDER.get(conflict.kind, 9), -sources, conflict.comment)


def _conflict(conflict: Conflict) -> str:
    sides = "".join(_side(fact) for fact in conflict.facts[:2])
    return (
        f'<div class="conflict"><span class="kind">{_e(conflict.kind)}</span> '
        f'{_e(conflict.comment)}<div class="sides">{sides}</div></div>'
    )


def _side(fact: ConflictFact) -> str:
    name = fact.title or fact.identifier or fact.article.rsplit("/", 1)[-1]
    extra = ", ".join(d for d in (fact.publisher, fact.issued) if d)
    source = _e(name) + (f" ({_e(extra)})" if extra else "")
    said = f"<br>attributed to {_e(fact.speaker)}" if fact.speaker else ""
    if fact.denied:
        said += ", who denies it" if fact.speaker else "<br>denied"
    quote = f"<blockquote>“{_e(fact.sentence)}”</blockquote>" if fact.sentence else ""
    return (
        f'<div class="side"><b>{_e(fact.value)}</b><span class="source">{source}</span>'
        f"{said}{quote}</div>"
    )


def _held_back(tables: ReportTables) -> str:
    heading = "Held-back facts (low confidence)"
    total = len(tables.held_back_confidences)
    if not total:
        return _card(
            heading,
            _empty(
                "No fact is held back: the store was built with "
                "--min-confidence 0, or every fact reached it."
            ),
        )
    rows = "".join(
        f'<tr><td class="n">{f.confidence:.2f}</td><td>{_e(f.reads)}</td>'
        f"<td>{_e(f.sentence)}</td></tr>"
        for f in tables.held_back
    )
    table = f"<table><tr><th>confidence</th><th>fact</th><th>sentence</th></tr>{rows}</table>"
    note = _note(f"The {len(tables.held_back)} most confident of {total:,} held-back facts.")
    return _card(heading, table + note)


class _Explore:
    """Commands (and, when the pages exist beside the report, links) to look further."""

    def __init__(self, store: str, folder: Path | None) -> None:
        self.store = shlex.quote(store)
        self.folder = folder

    def table(self, entities: Iterable[EntityRow]) -> str:
        rows = "".join(self._row(e) for e in entities)
        if not rows:
            return _empty("No named entity to explore.")
        head = (
            "<tr><th>entity</th><th>articles</th><th>facts</th><th>graph view</th>"
            "<th>timeline</th></tr>"
        )
        note = _note(
            "Run a command in this page's folder and write the report again: "
            "the page it makes is linked here."
        )
        return f'<table id="explore">{head}{rows}</table>{note}'

    def _row(self, entity: EntityRow) -> str:
        name = slug(entity.label)
        label = shlex.quote(entity.label)
        view = f"kgraph view {self.store} --focus {label} --hops 1 -o view-{name}.html"
        timeline = f"kgraph timeline {self.store} {label} --html -o timeline-{name}.html"
        pages = (f"timeline-{name}.html", f"timeline-{name}.txt")
        return (
            f"<tr><td>{_e(entity.label)}</td><td class='n'>{entity.articles:,}</td>"
            f"<td class='n'>{entity.facts:,}</td><td>{self._cell(view, f'view-{name}.html')}</td>"
            f"<td>{self._cell(timeline, *pages)}</td></tr>"
        )

    def _cell(self, command: str, *pages: str) -> str:
        """The command, after a link to the first of ``pages`` that is beside the report."""
        found = [p for p in pages if self.folder is not None and (self.folder / p).is_file()]
        link = f'<a href="{_e(found[0])}">{_e(found[0])}</a><br>' if found else ""
        return f"{link}<code>{_e(command)}</code>"


def slug(label: str) -> str:
    """A file-name part for an entity's label.

    >>> slug("Nagorno-Karabakh"), slug("Ministry of Defense (Azerbaijan)")
    ('Nagorno-Karabakh', 'Ministry_of_Defense_Azerbaijan')
    """
    return re.sub(r"[^\w-]+", "_", label).strip("_") or "entity"


def _grid(*cards: str) -> str:
    return f'<div class="grid">{"".join(cards)}</div>'


def _card(heading: str, content: str) -> str:
    ident = slug(heading).lower()
    return f'<section class="card" id="{ident}"><h2>{_e(heading)}</h2>{content}</section>'


def _empty(text: str) -> str:
    return f'<p class="empty">{_e(text)}</p>'


def _note(text: str) -> str:
    return f'<p class="note">{_e(text)}</p>'


def _local(iri: str) -> str:
    name = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def _e(text: str) -> str:
    return html.escape(text, quote=True)
