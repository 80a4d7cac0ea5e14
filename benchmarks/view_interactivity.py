"""How long a `kgraph view` page takes to become interactive, for synthetic graphs of many sizes.

For each size: build a synthetic view graph (kgraph.view.synthetic), lay it out and write the
page (timed in Python), open it in Debian's headless Chromium through Playwright, and measure in
the page: navigation start to the first drawing after layout (``kgraphView.readyAt``), then how
long a class filter, a pan, a redraw after zooming, the evidence panel of the biggest node,
"Show all" and a class filter with everything shown take, and how many long tasks (over 50 ms,
from a PerformanceObserver) the page ran from navigation to the end. Above
kgraph.view.html.WEBGL_LIMIT entities the page draws with WebGL (sigma.js).
Prints a Markdown table and appends it, with the machine's description, to docs/performance.md
under "## View interactivity, DATE" (through benchmarks/common.py, like the other benchmarks).

    python benchmarks/view_interactivity.py [--sizes 500 5000 50000] [--repeat 3] [--no-append]
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
from kgraph.view.html import WEBGL_LIMIT, write_html
from kgraph.view.image import CHROMIUM_FLAGS, find_chromium
from kgraph.view.layout import layout
from kgraph.view.overview import core
from kgraph.view.synthetic import synthetic_graph

_LONG_TASKS = """window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push(e.duration);
}).observe({ type: "longtask", buffered: true });"""
_DRAWN = "new Promise((done) => kgraphView.network.once('afterDrawing', done))"

_FILTER = f"""async () => {{
  const t0 = performance.now();
  const drawn = {_DRAWN};
  document.querySelector('#legend input').click();
  await drawn;
  const took = performance.now() - t0;
  document.querySelector('#legend input').click();
  await {_DRAWN};
  return took;
}}"""
_PAN = f"""async () => {{
  const t0 = performance.now();
  const drawn = {_DRAWN};
  const at = kgraphView.network.getViewPosition();
  kgraphView.network.moveTo({{ position: {{ x: at.x * 0.9 + 0.05, y: at.y * 0.9 + 0.05 }} }});
  kgraphView.network.redraw();
  await drawn;
  return performance.now() - t0;
}}"""
_SHOW_ALL = f"""async () => {{
  if (document.querySelector('#show-all').hidden) return null;
  const t0 = performance.now();
  const drawn = {_DRAWN};
  document.querySelector('#show-all').click();
  await drawn;
  return performance.now() - t0;
}}"""
_REDRAW = f"""async () => {{
  const t0 = performance.now();
  const drawn = {_DRAWN};
  kgraphView.network.moveTo({{ scale: kgraphView.network.getScale() * 1.5 }});
  kgraphView.network.redraw();
  await drawn;
  return performance.now() - t0;
}}"""
_EVIDENCE = """() => {
  const nodes = kgraphView.data.nodes;
  const biggest = nodes.reduce((best, n, i) => (n.facts > nodes[best].facts ? i : best), 0);
  const t0 = performance.now();
  kgraphView.showNode(biggest);
  document.querySelector('#evidence').getBoundingClientRect();
  return performance.now() - t0;
}"""


def measure(browser: Any, path: Path) -> dict[str, Any]:
    """Open the page once and time it becoming interactive, a filter, a pan, a redraw, evidence,
    Show all and a filter of everything; count the long tasks."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.add_init_script(_LONG_TASKS)
        page.goto(path.as_uri(), timeout=300_000)  # a 26 MB page on a busy machine: > 30 s
        page.wait_for_function(
            "() => window.kgraphView && window.kgraphView.ready", timeout=300_000
        )
        found = {
            "renderer": page.evaluate("kgraphView.renderer"),
            "ready": page.evaluate("kgraphView.readyAt"),
            "filter": page.evaluate(_FILTER),
            "pan": page.evaluate(_PAN),
            "redraw": page.evaluate(_REDRAW),
            "evidence": page.evaluate(_EVIDENCE),
            "all": page.evaluate(_SHOW_ALL),
            "filter all": page.evaluate(_FILTER),
        }
        page.wait_for_timeout(200)
        tasks = page.evaluate("window.__longTasks")
        return {**found, "long tasks": len(tasks), "longest": max(tasks, default=0)}
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
                first = core(graph)
                positions = layout(graph, first=first)
                path = Path(tmp) / f"view-{size}-{physics}.html"
                written = write_html(
                    graph, positions, path, title=f"{size}", physics=physics, first=first
                )
                python = time.perf_counter() - started
                runs = [measure(browser, path) for _ in range(repeat)]
                median = {key: _median([r[key] for r in runs]) for key in runs[0]}
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


def _median(values: list[Any]) -> Any:
    numbers = [v for v in values if isinstance(v, (int, float))]
    return statistics.median(numbers) if numbers else values[0]


def table(results: list[dict[str, Any]]) -> str:
    header = [
        "nodes",
        "facts",
        "layout",
        "page MB",
        "Python layout + page s",
        "renderer",
        "first draw s",
        "class filter ms",
        "pan ms",
        "redraw after zoom ms",
        "evidence of the biggest node ms",
        "Show all ms",
        "class filter, all shown ms",
        "long tasks (longest ms)",
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
        r["renderer"],
        f"{r['ready'] / 1000:.2f}",
        f"{r['filter']:.0f}",
        f"{r['pan']:.0f}",
        f"{r['redraw']:.0f}",
        f"{r['evidence']:.0f}",
        "-" if r["all"] is None else f"{r['all']:.0f}",
        f"{r['filter all']:.0f}",
        f"{r['long tasks']:.0f} ({r['longest']:.0f})",
    ]


_NOTES = (
    "Synthetic graphs (kgraph.view.synthetic: preferential attachment, about 1.8 facts per "
    "entity) in headless {chromium}, viewport 1400x900, on a machine shared with other work. "
    "*First draw*: navigation start to the first drawing of the opening screen with its labels "
    "placed (for physics, after stabilisation, when physics is switched off). The page opens on "
    "the core (kgraph.view.overview); *Show all* draws every entity; above {limit:,} entities "
    "the renderer is WebGL (sigma.js). Long tasks: PerformanceObserver 'longtask' entries from "
    "navigation to the end of the run. Medians of {repeat} loads."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 50000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-append", action="store_true", help="Print only.")
    args = parser.parse_args()
    results = run(args.sizes, args.repeat)
    chromium = subprocess.run(
        [find_chromium(), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    notes = _NOTES.format(chromium=chromium, repeat=args.repeat, limit=WEBGL_LIMIT)
    if args.no_append:
        print(table(results), notes, sep="\n")
    else:
        report("View interactivity", table(results), notes)


if __name__ == "__main__":
    main()
