"""Static images of a view for reports: SVG written from the layout, PNG by headless Chromium.

The SVG shows the same nodes, colours, sizes and links as the HTML page, at the
positions of :func:`kgraph.view.layout.layout`, with a legend of the classes.
The PNG is that SVG rasterised by a headless Chromium (``$KGRAPH_CHROMIUM``, or
``chromium``/``google-chrome`` on the PATH); nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Hashable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import networkx as nx

from kgraph.errors import ConfigError
from kgraph.export.files import atomic_output, check_output
from kgraph.graph.chars import warn_replaced, xml_safe, xml_unsafe
from kgraph.view.html import class_colour
from kgraph.view.subgraph import Fact, links

__all__ = [
    "CHROMIUM_FLAGS",
    "find_chromium",
    "png_bytes",
    "svg_text",
    "write_png",
    "write_svg",
]

#: Flags for a headless Chromium that stays off the network.
CHROMIUM_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--hide-scrollbars",
)
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_MAX_PIXELS = 1600  # the image's longer side
_MARGIN = 60.0
_LEGEND = 190  # pixels left of the drawing
_RADIUS = (8.0, 40.0)  # as the page's vis-network scaling
_LABELLED = 300  # label every node (and link) up to this many; else the biggest nodes only


def write_svg(
    graph: nx.MultiDiGraph,
    positions: dict[Hashable, tuple[float, float]],
    output: Path,
    *,
    title: str,
) -> Path:
    """Write an SVG image of the view to ``output``.

    Raises:
        OutputError: ``output`` cannot be written (nothing is left behind).
    """
    with atomic_output(output, "--svg") as handle:
        handle.write(svg_text(graph, positions, title=title).encode("utf-8"))
    return output


def write_png(
    graph: nx.MultiDiGraph,
    positions: dict[Hashable, tuple[float, float]],
    output: Path,
    *,
    title: str,
) -> Path:
    """Write a PNG image of the view to ``output``, rasterised by headless Chromium.

    Raises:
        ConfigError: no Chromium is installed, or it failed.
        OutputError: ``output`` cannot be written (nothing is left behind).
    """
    check_output(output, "--png")
    image = png_bytes(graph, positions, title=title)
    with atomic_output(output, "--png") as handle:
        handle.write(image)
    return output


def png_bytes(
    graph: nx.MultiDiGraph, positions: dict[Hashable, tuple[float, float]], *, title: str
) -> bytes:
    """The PNG image of the view, rasterised by headless Chromium.

    Raises:
        ConfigError: no Chromium is installed, or it failed.
    """
    browser = find_chromium()
    text = svg_text(graph, positions, title=title)
    width, height = _pixels(positions)
    with tempfile.TemporaryDirectory(prefix="kgraph-view-") as tmp:
        page, image = Path(tmp) / "view.svg", Path(tmp) / "view.png"
        page.write_text(text, encoding="utf-8")
        command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}"]
        command += ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        command += [f"--screenshot={image}", f"--window-size={width},{height}", page.as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0 or not image.is_file():
            raise ConfigError(f"{browser} could not draw the PNG: {done.stderr.strip()[-400:]}")
        return image.read_bytes()


def find_chromium() -> str:
    """The Chromium (or Chrome) executable to draw PNGs with.

    Raises:
        ConfigError: none is installed.
    """
    chosen = os.environ.get("KGRAPH_CHROMIUM")
    found = (
        shutil.which(chosen) if chosen else next(filter(None, map(shutil.which, _BROWSERS)), None)
    )
    if not found:
        raise ConfigError(
            "a PNG needs Chromium or Chrome and none was found; install one "
            "(apt-get install chromium), set KGRAPH_CHROMIUM to its path, or use --svg"
        )
    return found


def svg_text(
    graph: nx.MultiDiGraph, positions: dict[Hashable, tuple[float, float]], *, title: str
) -> str:
    """The SVG document of the view: links, nodes, labels and a legend."""
    width, height = _pixels(positions)
    left, top, span_x, span_y = _bounds(positions)
    inner = f'viewBox="{left:.0f} {top:.0f} {span_x:.0f} {span_y:.0f}"'
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#8c959f"/>'
        "</marker></defs>",
        f'<svg x="{_LEGEND}" y="0" width="{width - _LEGEND}" height="{height}" {inner}>',
        *_links(graph, positions),
        *_nodes(graph, positions),
        "</svg>",
        *_legend(graph, title),
        "</svg>",
    ]
    text = "\n".join(parts) + "\n"
    if count := xml_unsafe(text):  # control characters in labels: XML cannot carry them
        warn_replaced("SVG", count, text)
    return xml_safe(text)


def _radii(graph: nx.MultiDiGraph) -> dict[Hashable, float]:
    facts = {
        node: graph.degree(node) + len(data["values"]) for node, data in graph.nodes(data=True)
    }
    low, high = min(facts.values(), default=0), max(facts.values(), default=0)
    spread = (high - low) or 1
    return {
        n: _RADIUS[0] + (f - low) / spread * (_RADIUS[1] - _RADIUS[0]) for n, f in facts.items()
    }


def _links(graph: nx.MultiDiGraph, positions: dict[Hashable, tuple[float, float]]) -> Iterator[str]:
    grouped = links(graph)
    radii = _radii(graph)
    for (u, v), facts in grouped.items():
        (x1, y1), (x2, y2) = positions[u], positions[v]
        length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1e-9)
        end_x, end_y = x2 - (x2 - x1) / length * radii[v], y2 - (y2 - y1) / length * radii[v]
        dash = ' stroke-dasharray="6 4"' if all(f.negated for f in facts) else ""
        yield (
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{end_x:.1f}" y2="{end_y:.1f}" stroke="#8c959f" '
            f'stroke-width="{min(1 + len(facts) // 2, 6)}"{dash} marker-end="url(#arrow)"/>'
        )
        if len(grouped) <= _LABELLED:
            label = _link_label(graph, facts)
            yield (
                f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2:.1f}" font-size="10" '
                f'fill="#57606a" '
                f'text-anchor="middle" {_HALO}>{escape(label)}</text>'
            )


_HALO = 'stroke="#ffffff" stroke-width="3" paint-order="stroke"'


def _link_label(graph: nx.MultiDiGraph, facts: list[Fact]) -> str:
    names = list(dict.fromkeys(graph.graph["relations"].get(f.predicate, "") for f in facts))
    shown = ", ".join(names[:2]) + (", …" if len(names) > 2 else "")
    return f"{shown} ×{len(facts)}" if len(facts) > 1 else shown


def _nodes(graph: nx.MultiDiGraph, positions: dict[Hashable, tuple[float, float]]) -> Iterator[str]:
    radii = _radii(graph)
    labelled = set(sorted(radii, key=radii.__getitem__, reverse=True)[: _LABELLED // 6])
    if graph.number_of_nodes() <= _LABELLED:
        labelled = set(radii)
    for node, data in graph.nodes(data=True):
        x, y = positions[node]
        yield (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radii[node]:.1f}" '
            f'fill="{class_colour(data["cls"])}" stroke="#33333355"><title>{escape(data["label"])}'
            "</title></circle>"
        )
    for node in labelled:
        x, y = positions[node]
        yield (
            f'<text x="{x:.1f}" y="{y + radii[node] + 14:.1f}" font-size="13" text-anchor="middle" '
            f"{_HALO}>{escape(str(graph.nodes[node]['label']))}</text>"
        )


def _legend(graph: nx.MultiDiGraph, title: str) -> Iterator[str]:
    counts = Counter(data["cls"] or "" for _, data in graph.nodes(data=True))
    labels = {**graph.graph["classes"], "": "other"}
    yield f'<text x="16" y="28" font-size="15" font-weight="bold">{escape(title[:24])}</text>'
    for row, (cls, count) in enumerate(counts.most_common()):
        y = 56 + row * 22
        yield f'<circle cx="24" cy="{y - 4}" r="7" fill="{class_colour(cls)}"/>'
        text = f"{labels.get(cls, cls)} ({count})"
        yield f'<text x="38" y="{y}" font-size="13" fill="#1f2328">{escape(text)}</text>'
    if not counts:
        yield f'<text x="16" y="56" font-size="13" fill="#656d76">{escape("no facts")}</text>'


def _bounds(positions: dict[Hashable, tuple[float, float]]) -> tuple[float, float, float, float]:
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    left, top = min(xs) - _MARGIN, min(ys) - _MARGIN
    return left, top, max(xs) + _MARGIN - left, max(ys) + _MARGIN - top


def _pixels(positions: dict[Hashable, tuple[float, float]]) -> tuple[int, int]:
    """The image size: the drawing at 1:1 up to 1600 pixels on its longer side, plus the legend."""
    _, _, span_x, span_y = _bounds(positions)
    scale = min(1.0, _MAX_PIXELS / max(span_x, span_y))
    return _LEGEND + max(int(span_x * scale), 400), max(int(span_y * scale), 500)
