"""The report's charts: matplotlib figures written as SVG text to inline in the page.

Each chart is drawn on its own :class:`~matplotlib.figure.Figure` (no pyplot, no
global state) with matplotlib's SVG backend; text stays text (``svg.fonttype:
none``, so the page's font shows and the labels are searchable), and the ids of
the SVG's clip paths are salted with the chart's name so that several charts in
one page never share an id. The output is the same for the same tables.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import Any

from kgraph.report.tables import EntityRow

__all__ = ["bar_chart", "confidence_chart", "entity_colours", "timeline_chart"]

_INK = "#333333"
_BAR = "#4e79a7"
_HELD = "#e15759"
_WIDTH = 6.4  # inches: a chart fills about half of a wide page
_CHAR = 0.068  # inches: the width of a character of a 9-point label, about
_STYLE: dict[str, Any] = {
    "svg.fonttype": "none",
    "font.size": 9,
    "font.family": ["sans-serif"],
    "axes.edgecolor": "#999999",
    "axes.labelcolor": _INK,
    "xtick.color": _INK,
    "ytick.color": _INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def bar_chart(
    name: str,
    labels: Sequence[str],
    values: Sequence[int],
    *,
    xlabel: str,
    colours: Sequence[str] | None = None,
) -> str:
    """A horizontal bar chart, the first label at the top, each bar with its number."""

    def draw(axes: Any) -> None:
        positions = list(range(len(labels)))
        bars = axes.barh(positions, values, color=list(colours) if colours else _BAR, height=0.7)
        axes.bar_label(bars, padding=3, fontsize=8, color=_INK)
        axes.set_yticks(positions, [_short(label) for label in labels])
        axes.invert_yaxis()
        axes.set_xlabel(xlabel)
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.margins(x=0.12)

    left = 0.2 + _CHAR * max((len(_short(label)) for label in labels), default=1)
    return _render(name, 0.6 + 0.26 * max(len(labels), 1), draw, (left, 0.15, 0.45, 0.08))


def timeline_chart(
    name: str, periods: Sequence[str], series: dict[str, Sequence[int]], *, ylabel: str
) -> str:
    """Columns per period for one series; lines with markers for several."""

    def draw(axes: Any) -> None:
        positions = list(range(len(periods)))
        if len(series) == 1:
            (values,) = series.values()
            axes.bar(positions, values, color=_BAR, width=0.8)
        else:
            for label, values in series.items():
                axes.plot(positions, values, marker="o", markersize=3, linewidth=1.4, label=label)
            axes.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        axes.set_xlim(-0.6, max(len(periods), 8) - 0.4)  # one day is a column, not a wall
        step = max(1, len(periods) // 12)
        axes.set_xticks(positions[::step], list(periods)[::step], rotation=30, ha="right")
        axes.set_ylabel(ylabel)
        axes.yaxis.get_major_locator().set_params(integer=True)

    right = 0.15 if len(series) == 1 else 0.45 + _CHAR * 0.8 * max(map(len, series), default=1)
    return _render(name, 2.6, draw, (0.55, right, 0.8, 0.1))


def confidence_chart(name: str, asserted: Sequence[float], held_back: Sequence[float]) -> str:
    """A histogram of the facts' confidence, asserted and held back stacked in two colours."""

    def draw(axes: Any) -> None:
        axes.hist(
            [list(asserted), list(held_back)],
            bins=[step / 20 for step in range(21)],
            stacked=True,
            color=[_BAR, _HELD],
            label=[f"asserted ({len(asserted):,})", f"held back ({len(held_back):,})"],
        )
        axes.set_xlim(0, 1)
        axes.set_xlabel("confidence (the calibrated probability that the fact is right)")
        axes.set_ylabel("facts")
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.legend(fontsize=8, frameon=False)

    return _render(name, 2.4, draw, (0.55, 0.15, 0.5, 0.1))


def entity_colours(entities: Sequence[EntityRow]) -> list[str]:
    """Each entity's colour by class, as the graph view draws it."""
    from kgraph.view.html import class_colour

    return [class_colour(e.cls) for e in entities]


def _render(
    name: str, height: float, draw: Callable[[Any], None], margins: tuple[float, ...]
) -> str:
    """One chart as an ``<svg>`` element: no XML declaration, doctype or date; ids salted.

    ``margins`` (left, right, bottom, top) are in inches: fixed margins cost far less
    than matplotlib's constrained layout, and the labels' lengths are known.
    """
    import matplotlib as mpl
    from matplotlib.figure import Figure

    buffer = io.StringIO()
    style: Any = {**_STYLE, "svg.hashsalt": name}  # salted ids: unique across charts
    with mpl.rc_context(style):
        figure = Figure(figsize=(_WIDTH, height))
        left, right, bottom, top = margins
        figure.subplots_adjust(
            left=left / _WIDTH,
            right=1 - right / _WIDTH,
            bottom=bottom / height,
            top=1 - top / height,
        )
        draw(figure.add_subplot())
        figure.savefig(buffer, format="svg", metadata={"Date": None}, transparent=True)
    text = buffer.getvalue()
    svg = _own_ids(text[text.index("<svg") :], name)
    return svg.replace("<svg ", f'<svg class="chart" id="chart-{name}" role="img" ', 1)


def _own_ids(svg: str, name: str) -> str:
    """Every id of the chart, and every reference to one, prefixed with the chart's name.

    matplotlib numbers its groups per figure (``figure_1``, ``axes_1``, ``line2d_1``):
    two charts in one page would share those ids.
    """
    svg = _ID.sub(lambda m: f'{m[1]}="{name}-{m[2]}"', svg)
    return _REFERENCE.sub(lambda m: f"{m[1]}#{name}-", svg)


_ID = re.compile(r'(\sid)="([^"]+)"')
_REFERENCE = re.compile(r'(url\(|href=")#')


def _short(label: str, width: int = 34) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
