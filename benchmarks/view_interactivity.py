"""How long a `kgraph view` page takes to become interactive, for synthetic graphs of many sizes.

For each size: build a synthetic view graph (kgraph.view.synthetic), lay it out and write the
page (timed in Python), open it in Debian's headless Chromium through Playwright, and measure in
the page: navigation start to the first drawing after layout (``kgraphView.readyAt``), then how
long a class filter, a redraw after zooming, and the evidence panel of the biggest node take.
Prints a Markdown table and appends it, with the machine's description, to docs/performance.md
under "## View interactivity, DATE" (through benchmarks/common.py, like the other benchmarks).

    python benchmarks/view_interactivity.py [--sizes 500 2000 5000] [--repeat 3] [--no-append]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import markdown_table, report

from kgraph.view import PHYSICS_LIMIT
from kgraph.view.html import write_html
from kgraph.view.image import CHROMIUM_FLAGS, find_chromium
from kgraph.view.layout import layout
from kgraph.view.synthetic import synthetic_graph

_FILTER = """async () => {
  const t0 = performance.now();
  document.querySelector('#legend input').click();
  await new Promise((done) => kgraphView.network.once('afterDrawing', done));
  return performance.now() - t0;
}"""
_REDRAW = """async () => {
  const t0 = performance.now();
  kgraphView.network.moveTo({ scale: kgraphView.network.getScale() * 1.5 });
  await new Promise((done) => kgraphView.network.once('afterDrawing', done));
  return performance.now() - t0;
}"""
_EVIDENCE = """() => {
  const nodes = kgraphView.data.nodes;
  const biggest = nodes.reduce((best, n, i) => (n.facts > nodes[best].facts ? i : best), 0);
  const t0 = performance.now();
  kgraphView.showNode(biggest);
  document.querySelector('#evidence').getBoundingClientRect();
  return performance.now() - t0;
}"""


def measure(browser: Any, path: Path) -> dict[str, float]:
    """Open the page once and time it becoming interactive, a filter, a redraw and evidence."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(path.as_uri())
        page.wait_for_function(
            "() => window.kgraphView && window.kgraphView.ready", timeout=300_000
        )
        return {
            "ready": page.evaluate("kgraphView.readyAt"),
            "filter": page.evaluate(_FILTER),
            "redraw": page.evaluate(_REDRAW),
            "evidence": page.evaluate(_EVIDENCE),
        }
    finally:
        page.close()


def run(sizes: list[int], repeat: int) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    results = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=find_chromium(), args=[*CHROMIUM_FLAGS, "--no-sandbox"]
        )
        for size in sizes:
            for physics in sorted({size <= PHYSICS_LIMIT, False}, reverse=True):
                graph = synthetic_graph(size, seed=size)
                started = time.perf_counter()
                positions = layout(graph)
                path = Path(tmp) / f"view-{size}-{physics}.html"
                written = write_html(graph, positions, path, title=f"{size}", physics=physics)
                python = time.perf_counter() - started
                runs = [measure(browser, path) for _ in range(repeat)]
                median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
                results.append(
                    {
                        "nodes": size,
                        "facts": graph.number_of_edges(),
                        "physics": physics,
                        "python": python,
                        "mb": written / 1e6,
                        **median,
                    }
                )
                print(f"{size} nodes, physics {physics}: {median}", file=sys.stderr)
        browser.close()
    return results


def table(results: list[dict[str, Any]]) -> str:
    header = [
        "nodes",
        "facts",
        "layout",
        "page MB",
        "Python layout + page s",
        "interactive after s",
        "class filter ms",
        "redraw after zoom ms",
        "evidence of the biggest node ms",
    ]
    return markdown_table(header, (_row(r) for r in results))


def _row(r: dict[str, Any]) -> list[str]:
    how = "browser physics, stabilised then off" if r["physics"] else "Python, physics off"
    return [
        f"{r['nodes']:,}",
        f"{r['facts']:,}",
        how,
        f"{r['mb']:.1f}",
        f"{r['python']:.1f}",
        f"{r['ready'] / 1000:.2f}",
        f"{r['filter']:.0f}",
        f"{r['redraw']:.0f}",
        f"{r['evidence']:.0f}",
    ]


_NOTES = (
    "Synthetic graphs (kgraph.view.synthetic: preferential attachment, about 1.8 facts per "
    "entity) in headless {chromium}, viewport 1400x900. *Interactive after*: navigation start to "
    "the first drawing after layout (for physics, after stabilisation, when physics is switched "
    "off). Medians of {repeat} loads."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-append", action="store_true", help="Print only.")
    args = parser.parse_args()
    results = run(args.sizes, args.repeat)
    chromium = subprocess.run(
        [find_chromium(), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    notes = _NOTES.format(chromium=chromium, repeat=args.repeat)
    if args.no_append:
        print(table(results), notes, sep="\n")
    else:
        report("View interactivity", table(results), notes)


if __name__ == "__main__":
    main()
