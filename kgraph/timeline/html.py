"""The timeline page: one offline HTML file, a horizontal time axis with the events as marks.

Everything is inline (no network: a Content-Security-Policy allows only the page's own style
and script, by hash); the data is JSON in a non-executed script element. Clicking a mark shows
its evidence (each mention's sentence, article, source, date, attribution); checkboxes filter
the sources; undated events sit on a strip of their own after the axis. Text is set with
``textContent`` only, so an article's text cannot become markup.
"""

from __future__ import annotations

import html
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kgraph.timeline import EntityTimeline

__all__ = ["timeline_html", "write_timeline_html"]


def write_timeline_html(found: EntityTimeline, output: Path) -> int:
    """Write the page of a timeline to ``output``; returns its size in bytes.

    Raises:
        OutputError: ``output`` cannot be written (nothing is left behind).
    """
    from kgraph.export.files import atomic_output

    page = timeline_html(found).encode()
    with atomic_output(output) as handle:
        handle.write(page)
    return len(page)


def timeline_html(found: EntityTimeline) -> str:
    """The page's HTML.

    >>> from kgraph.timeline import EntityTimeline
    >>> "default-src 'none'" in timeline_html(EntityTimeline("X", "X", ()))
    True
    """
    from kgraph.view.html import _hash, _json_for_html  # the graph view's, for the same page rules

    data = {
        "entity": found.label,
        "events": [
            {
                "date": e.date,
                "precision": e.precision,
                "anchor": e.anchor,
                "label": e.label,
                "disputed": list(e.disputed),
                "sources": list(e.sources),
                "mentions": [_mention(asdict(m)) for m in e.mentions],
            }
            for e in found.events
        ],
    }
    csp = f"default-src 'none'; style-src {_hash(_CSS)}; script-src {_hash(_JS)}"
    title = html.escape(f"Timeline of {found.label}")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        f'<header><h1>{title}</h1><p id="summary"></p><fieldset id="sources">'
        "<legend>Sources</legend></fieldset></header>"
        '<main><div id="axis" role="list" aria-label="events in time"></div>'
        '<div id="undated" role="list" aria-label="undated events"></div>'
        '<aside id="evidence" aria-live="polite"><p>Click an event to see its evidence.</p>'
        "</aside></main>"
        f'<script type="application/json" id="data">{_json_for_html(data)}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )


_MENTION_FIELDS = (
    *("sentence", "title", "identifier", "url", "source", "issued", "speaker"),
    *("cue", "stance", "time_text", "anchor", "date", "conflicts"),
)


def _mention(values: dict[str, Any]) -> dict[str, Any]:
    return {name: values[name] for name in _MENTION_FIELDS}


_CSS = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 8px 16px; border-bottom: 1px solid #ddd; }
h1 { font-size: 18px; margin: 4px 0; }
fieldset { border: none; padding: 0; margin: 4px 0; }
fieldset label { margin-right: 12px; }
main { display: grid; grid-template-columns: 1fr 380px; grid-template-rows: 260px auto; }
#axis { position: relative; grid-column: 1; margin: 16px 24px; border-bottom: 2px solid #444; }
#undated { grid-column: 1; grid-row: 2; margin: 8px 24px; display: flex; flex-wrap: wrap;
  gap: 4px; }
#evidence { grid-column: 2; grid-row: 1 / span 2; border-left: 1px solid #ddd; padding: 8px 12px;
  overflow-y: auto; max-height: 90vh; }
.mark { position: absolute; bottom: 0; width: 12px; height: 12px; margin-left: -6px;
  border-radius: 50%; border: 1px solid #1f4e79; background: #4a90d9; cursor: pointer; padding: 0; }
.mark.article { background: #a9c8ea; }
.mark.disputed, .chip.disputed { border: 2px solid #c00; background: #f08080; }
.mark.selected, .chip.selected { outline: 3px solid #f5a623; }
.tick { position: absolute; bottom: -20px; font-size: 11px; color: #555; white-space: nowrap;
  transform: translateX(-50%); }
.chip { border: 1px solid #999; border-radius: 10px; background: #eee; font-size: 12px;
  padding: 1px 8px; cursor: pointer; }
.mention { border-top: 1px solid #eee; padding: 6px 0; }
.sentence { font-style: italic; }
.meta { color: #555; font-size: 12px; overflow-wrap: anywhere; }
.warn { color: #a00; }
"""

_JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var axis = document.getElementById("axis");
  var undated = document.getElementById("undated");
  var evidence = document.getElementById("evidence");
  var sourceBox = document.getElementById("sources");
  var hidden = new Set();
  var marks = [];
  var selected = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function start(date) {
    var p = date.split("-").map(Number);
    return Date.UTC(p[0], (p[1] || 1) - 1, p[2] || 1);
  }
  function visible(event) {
    return event.sources.some(function (s) { return !hidden.has(s); });
  }
  function show(index) {
    var event = data.events[index];
    if (selected !== null) { marks[selected].classList.remove("selected"); }
    selected = index;
    marks[index].classList.add("selected");
    evidence.replaceChildren();
    evidence.appendChild(el("h2", "", event.label));
    var when = event.date ? event.date + " (" + event.precision + ")" : "undated";
    if (event.anchor === "article") { when += ", the article's date"; }
    evidence.appendChild(el("p", "meta", when));
    event.disputed.forEach(function (why) {
      evidence.appendChild(el("p", "warn", "disputed: " + why));
    });
    event.mentions.forEach(function (m) {
      if (hidden.has(m.source)) { return; }
      var box = el("div", "mention");
      box.appendChild(el("p", "sentence", "\\u201c" + m.sentence + "\\u201d"));
      var meta = [m.title || m.identifier, m.source, m.issued].filter(Boolean).join(" \\u00b7 ");
      box.appendChild(el("p", "meta", meta));
      if (m.url) { box.appendChild(el("p", "meta", m.url)); }
      if (m.speaker || m.cue) {
        var cue = m.cue ? " (" + m.cue + ")" : "";
        box.appendChild(el("p", "meta", "according to " + (m.speaker || "?") + cue));
      }
      if (m.stance !== "affirmed") { box.appendChild(el("p", "warn", m.stance)); }
      if (m.time_text) { box.appendChild(el("p", "meta", "time in the text: " + m.time_text)); }
      evidence.appendChild(box);
    });
  }
  function draw() {
    axis.replaceChildren();
    undated.replaceChildren();
    marks = [];
    var dated = data.events.filter(function (e) { return e.date; });
    var times = dated.map(function (e) { return start(e.date); });
    var lo = Math.min.apply(null, times), hi = Math.max.apply(null, times);
    var span = hi > lo ? hi - lo : 1;
    var lanes = {};
    data.events.forEach(function (event, index) {
      var cls = (event.disputed.length ? " disputed" : "") +
        (event.anchor === "article" ? " article" : "");
      var node;
      if (event.date) {
        node = el("button", "mark" + cls);
        var x = dated.length > 1 ? (start(event.date) - lo) / span : 0.5;
        var key = Math.round(x * 200);
        lanes[key] = (lanes[key] || 0) + 1;
        node.style.left = (2 + 96 * x) + "%";
        node.style.bottom = (lanes[key] - 1) * 14 + "px";
        node.title = event.date + ": " + event.label;
        axis.appendChild(node);
      } else {
        node = el("button", "chip" + cls, event.label);
        undated.appendChild(node);
      }
      node.setAttribute("role", "listitem");
      node.setAttribute("aria-label", (event.date || "undated") + ": " + event.label);
      node.dataset.index = String(index);
      node.hidden = !visible(event);
      node.addEventListener("click", function () { show(index); });
      marks.push(node);
    });
    if (dated.length) {
      var first = new Date(lo).getUTCFullYear(), last = new Date(hi).getUTCFullYear();
      var step = Math.max(1, Math.ceil((last - first + 1) / 12));
      for (var year = first; year <= last + 1; year += step) {
        var t = Date.UTC(year, 0, 1);
        if (t < lo && year !== first) { continue; }
        var x = dated.length > 1 ? Math.min(Math.max((t - lo) / span, 0), 1) : 0.5;
        var tick = el("span", "tick", String(year));
        tick.style.left = (2 + 96 * x) + "%";
        axis.appendChild(tick);
        if (t > hi) { break; }
      }
    }
    var shown = marks.filter(function (m) { return !m.hidden; }).length;
    document.getElementById("summary").textContent =
      shown + " of " + data.events.length + " events; marks with a red ring are disputed, " +
      "pale ones are dated by their article";
    if (selected !== null && !marks[selected].hidden) { show(selected); }
  }
  var sources = [];
  data.events.forEach(function (e) {
    e.sources.forEach(function (s) { if (sources.indexOf(s) < 0) { sources.push(s); } });
  });
  sources.sort().forEach(function (source) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = source;
    box.addEventListener("change", function () {
      if (box.checked) { hidden.delete(source); } else { hidden.add(source); }
      draw();
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + source));
    sourceBox.appendChild(label);
  });
  draw();
  window.kgraphTimeline = {
    ready: true,
    data: data,
    visibleCount: function () { return marks.filter(function (m) { return !m.hidden; }).length; }
  };
})();
"""
