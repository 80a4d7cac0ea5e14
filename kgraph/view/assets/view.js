/* kgraph view: the graph, its filters, search, focus mode and evidence panel.
 *
 * Reads the JSON in #kgraph-data (written by kgraph.view.html.page_data):
 *   classes[i]   {label, color}
 *   relations[i] label
 *   articles[i]  {id, title, url (http/https or null), date, d0, d1 (first/last day), source}
 *   nodes[i]     {label, iri, cls, facts (how many), values (fact indexes), x, y}
 *   edges[i]     {from, to, facts (fact indexes)}: the facts between two nodes, grouped
 *   facts[i]     {s, o (node) or v (literal value), p, a, t (sentence), m ([start, end, role]),
 *                 c (confidence), x (rule), n (negated), k (contested), by (attributed to)}
 * Text from the data reaches the page only through textContent (el() below), never as HTML.
 * window.kgraphView exposes the network and state for tests and benchmarks.
 */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kgraph-data").textContent);
  const $ = (id) => document.getElementById(id);
  const big = data.nodes.length > 1000;
  const state = { hiddenClasses: new Set(), relation: "", article: "", source: "", from: "", to: "",
                  undated: true, minConfidence: 0, focus: data.focus, hops: data.hops, pinned: null };
  const view = { data, state, ready: false, readyAt: null, apply, showNode, showEdge, visibleCounts };
  window.kgraphView = view;

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  // ------------------------------------------------------------ indexes

  const incident = data.nodes.map(() => []);
  data.edges.forEach((edge, i) => { incident[edge.from].push(i); incident[edge.to].push(i); });
  const sources = [...new Set(data.articles.map((a) => a.source).filter(Boolean))].sort();

  // ------------------------------------------------------------ the network

  function edgeLabel(facts) {
    const relations = [...new Set(facts.map((f) => data.relations[data.facts[f].p]))];
    const names = relations.slice(0, 2).join(", ") + (relations.length > 2 ? ", …" : "");
    return facts.length > 1 ? `${names} ×${facts.length}` : names;
  }

  function edgeItem(edge, i, facts) {
    const negated = facts.every((f) => data.facts[f].n);
    return { id: i, from: edge.from, to: edge.to, label: edgeLabel(facts), value: facts.length,
             dashes: negated, color: { color: negated ? "#cf222e" : "#8c959f", highlight: "#0969da" } };
  }

  const nodes = new vis.DataSet(data.nodes.map((node, i) => {
    const color = data.classes[node.cls].color;
    return { id: i, label: node.label, value: node.facts, x: node.x, y: node.y, shape: "dot",
             color: { background: color, border: "#33333355",
                      highlight: { background: color, border: "#1f2328" },
                      hover: { background: color, border: "#1f2328" } } };
  }));
  const edges = new vis.DataSet(data.edges.map((edge, i) => edgeItem(edge, i, edge.facts)));
  view.nodes = nodes;
  view.edges = edges;
  // What is drawn now, so that a filter updates only what changes.
  const shown = { nodes: data.nodes.map(() => true), edges: data.edges.map(() => true),
                  labels: data.edges.map((edge) => edgeLabel(edge.facts)) };

  const options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    nodes: { scaling: { min: 8, max: 40, label: { enabled: true, min: 12, max: 24, drawThreshold: 6 } },
             font: { face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } }, scaling: { min: 1, max: 6 },
             font: { size: 10, color: "#57606a", strokeWidth: 3, align: "middle" },
             smooth: big ? false : { type: "curvedCW", roundness: 0.12 } },
    interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    physics: data.physics
      ? { enabled: true, solver: "barnesHut", stabilization: { enabled: true, iterations: 250, fit: true },
          barnesHut: { gravitationalConstant: -3000, springLength: 110, avoidOverlap: 0.2 } }
      : { enabled: false },
  };
  const network = new vis.Network($("graph"), { nodes, edges }, options);
  view.network = network;

  function markReady() {
    if (view.ready) return;
    view.ready = true;
    view.readyAt = performance.now();
    document.body.dataset.ready = "true";
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", markReady);
  }

  // ------------------------------------------------------------ filters

  function datePasses(article) {
    if (!state.from && !state.to) return true;
    if (!article || !article.d0) return state.undated;
    return (!state.from || article.d1 >= state.from) && (!state.to || article.d0 <= state.to);
  }

  function factPasses(index) {
    const fact = data.facts[index];
    const article = fact.a === null || fact.a === undefined ? null : data.articles[fact.a];
    if (state.relation !== "" && fact.p !== Number(state.relation)) return false;
    if (state.article !== "" && fact.a !== Number(state.article)) return false;
    if (state.source !== "" && (!article || article.source !== state.source)) return false;
    if (state.minConfidence > 0 && (fact.c === null || fact.c < state.minConfidence)) return false;
    return datePasses(article);
  }

  function factFiltersActive() {
    return state.relation !== "" || state.article !== "" || state.source !== "" || state.from !== ""
      || state.to !== "" || state.minConfidence > 0;
  }

  function within(visibleEdges) {
    const reach = new Map([[state.focus, 0]]);
    const queue = [state.focus];
    while (queue.length) {
      const node = queue.shift();
      if (reach.get(node) >= state.hops) continue;
      for (const e of incident[node]) {
        if (!visibleEdges.has(e)) continue;
        const other = data.edges[e].from === node ? data.edges[e].to : data.edges[e].from;
        if (!reach.has(other)) { reach.set(other, reach.get(node) + 1); queue.push(other); }
      }
    }
    return reach;
  }

  function apply() {
    const active = factFiltersActive();
    const classOk = (i) => !state.hiddenClasses.has(data.nodes[i].cls);
    const edgeFacts = new Map();
    data.edges.forEach((edge, i) => {
      if (!classOk(edge.from) || !classOk(edge.to)) return;
      const passing = active ? edge.facts.filter(factPasses) : edge.facts;
      if (passing.length) edgeFacts.set(i, passing);
    });
    const linked = new Set();
    for (const i of edgeFacts.keys()) { linked.add(data.edges[i].from); linked.add(data.edges[i].to); }
    const reach = state.focus === null ? null : within(edgeFacts);
    const nodeOk = (i) => classOk(i) && (!active || linked.has(i) || data.nodes[i].values.some(factPasses))
      && (reach === null || reach.has(i));
    const nodeChanges = [];
    data.nodes.forEach((_, i) => {
      const hidden = !nodeOk(i);
      if (shown.nodes[i] === hidden) { shown.nodes[i] = !hidden; nodeChanges.push({ id: i, hidden }); }
    });
    const edgeChanges = [];
    data.edges.forEach((edge, i) => {
      const passing = edgeFacts.get(i);
      const hidden = !passing || !shown.nodes[edge.from] || !shown.nodes[edge.to];
      const label = hidden ? shown.labels[i] : edgeLabel(passing);
      if (shown.edges[i] === hidden || shown.labels[i] !== label) {
        shown.edges[i] = !hidden; shown.labels[i] = label;
        edgeChanges.push({ id: i, hidden, label });
      }
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    showCounts();
    $("focus-state").textContent = state.focus === null ? ""
      : `Showing ${data.nodes[state.focus].label} and ${state.hops} hop${state.hops === 1 ? "" : "s"} around it.`;
  }

  function visibleCounts() {
    const count = (flags) => flags.reduce((n, flag) => n + (flag ? 1 : 0), 0);
    return { nodes: count(shown.nodes), edges: count(shown.edges), totalNodes: nodes.length,
             totalEdges: edges.length };
  }

  function showCounts() {
    const c = visibleCounts();
    $("counts").textContent = c.nodes === c.totalNodes && c.edges === c.totalEdges
      ? `${c.totalNodes} entities · ${c.totalEdges} links · ${data.facts.length} facts`
      : `showing ${c.nodes} of ${c.totalNodes} entities · ${c.edges} of ${c.totalEdges} links`;
  }

  // ------------------------------------------------------------ controls

  function fillSelect(select, entries) {
    for (const [value, text] of entries) select.append(el("option", { value: String(value), textContent: text }));
  }

  function buildControls() {
    $("title").textContent = data.title;
    const counts = data.classes.map(() => 0);
    data.nodes.forEach((n) => { counts[n.cls] += 1; });
    data.classes.forEach((cls, i) => {
      const box = el("input", { type: "checkbox", checked: true });
      box.dataset.cls = String(i);
      box.addEventListener("change", () => {
        if (box.checked) state.hiddenClasses.delete(i); else state.hiddenClasses.add(i);
        apply();
      });
      const swatch = el("span", { className: "swatch" });
      swatch.style.background = cls.color;
      $("legend").append(el("li", null, el("label", null, box, swatch, cls.label,
        el("span", { className: "count", textContent: String(counts[i]) }))));
    });
    const byUse = data.relations.map((label, i) => [i, label]);
    fillSelect($("relation"), byUse);
    fillSelect($("article"), data.articles.map((a, i) => [i, a.date ? `${a.date} ${a.title}` : a.title]));
    fillSelect($("source"), sources.map((s) => [s, s]));
    const bind = (id, key, read) => $(id).addEventListener("input", () => { state[key] = read($(id)); apply(); });
    bind("relation", "relation", (e) => e.value);
    bind("article", "article", (e) => e.value);
    bind("source", "source", (e) => e.value);
    bind("date-from", "from", (e) => e.value);
    bind("date-to", "to", (e) => e.value);
    bind("undated", "undated", (e) => e.checked);
    bind("confidence", "minConfidence", (e) => {
      $("confidence-value").textContent = Number(e.value).toFixed(2);
      return Number(e.value);
    });
    $("hops").value = String(state.hops);
    bind("hops", "hops", (e) => Math.max(0, Number(e.value) || 0));
    $("focus").addEventListener("click", () => {
      const selected = network.getSelectedNodes();
      if (selected.length) { state.focus = selected[0]; apply(); network.fit(); }
    });
    $("unfocus").addEventListener("click", () => { state.focus = null; apply(); network.fit(); });
    $("reset").addEventListener("click", resetFilters);
  }

  function resetFilters() {
    Object.assign(state, { relation: "", article: "", source: "", from: "", to: "", undated: true,
                           minConfidence: 0, focus: null });
    state.hiddenClasses.clear();
    for (const id of ["relation", "article", "source", "date-from", "date-to"]) $(id).value = "";
    $("undated").checked = true;
    $("confidence").value = "0";
    $("confidence-value").textContent = "0.00";
    for (const box of $("legend").querySelectorAll("input")) box.checked = true;
    apply();
  }

  // ------------------------------------------------------------ search

  function matches(text) {
    const wanted = text.trim().toLowerCase();
    if (!wanted) return [];
    const found = [];
    data.nodes.forEach((n, i) => {
      const at = n.label.toLowerCase().indexOf(wanted);
      if (at >= 0) found.push([at === 0 ? 0 : 1, -n.facts, n.label, i]);
    });
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]));
    return found.slice(0, 12).map((m) => m[3]);
  }

  function choose(i) {
    $("matches").hidden = true;
    $("search").value = data.nodes[i].label;
    if (!shown.nodes[i]) resetFilters();
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), 1), animation: false });
    state.pinned = { node: i };
    showNode(i);
  }

  function buildSearch() {
    const list = $("matches");
    $("search").addEventListener("input", () => {
      list.replaceChildren();
      for (const i of matches($("search").value)) {
        const swatch = el("span", { className: "swatch" });
        swatch.style.background = data.classes[data.nodes[i].cls].color;
        const item = el("li", { role: "option" }, swatch, data.nodes[i].label);
        item.addEventListener("mousedown", (event) => { event.preventDefault(); choose(i); });
        list.append(item);
      }
      list.hidden = list.children.length === 0;
    });
    $("search").addEventListener("keydown", (event) => {
      if (event.key === "Enter") { const first = matches($("search").value)[0]; if (first !== undefined) choose(first); }
      if (event.key === "Escape") list.hidden = true;
    });
    $("search").addEventListener("blur", () => { list.hidden = true; });
  }

  // ------------------------------------------------------------ evidence

  function sentence(fact) {
    const quote = el("blockquote");
    let at = 0;
    for (const [start, end, role] of fact.m) {
      if (start < at || end > fact.t.length) continue;
      quote.append(fact.t.slice(at, start), el("mark", { className: role, textContent: fact.t.slice(start, end) }));
      at = end;
    }
    quote.append(fact.t.slice(at));
    return quote;
  }

  function confidenceBar(value) {
    const fill = el("span");
    fill.style.width = `${Math.round(value * 100)}%`;
    return el("span", { className: "bar", title: `confidence ${value}` }, fill);
  }

  function articleLine(fact) {
    const article = fact.a === null || fact.a === undefined ? null : data.articles[fact.a];
    const line = el("div", { className: "meta" });
    if (article) {
      line.append(article.url
        ? el("a", { href: article.url, target: "_blank", rel: "noopener noreferrer", textContent: article.title })
        : el("span", { className: "title", textContent: article.title }));
      line.append(` · ${article.date || "undated"}`);
      if (article.source) line.append(` · ${article.source}`);
    }
    return line;
  }

  function factBlock(index) {
    const fact = data.facts[index];
    const object = fact.o === undefined ? `“${fact.v}”` : data.nodes[fact.o].label;
    const block = el("div", { className: `fact${fact.n ? " negated" : ""}${fact.k ? " contested" : ""}` });
    const badges = el("div");
    if (fact.n) badges.append(el("span", { className: "badge", textContent: "denied" }));
    if (fact.k) badges.append(el("span", { className: "badge", textContent: "contested" }));
    const relation = (fact.n ? "not " : "") + data.relations[fact.p];
    block.append(badges, el("div", { className: "triple", textContent:
      `${data.nodes[fact.s].label} — ${relation} → ${object}` }));
    if (fact.t) block.append(sentence(fact));
    block.append(articleLine(fact));
    const meta = el("div", { className: "meta" });
    if (fact.by) meta.append(`according to ${fact.by} · `);
    if (fact.c !== null && fact.c !== undefined) meta.append("confidence", confidenceBar(fact.c), fact.c.toFixed(2));
    if (fact.x) meta.append(` · rule ${fact.x}`);
    block.append(meta);
    return block;
  }

  function factGroups(indexes, openFirst) {
    const groups = new Map();
    for (const i of indexes) {
      const key = data.relations[data.facts[i].p];
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(i);
    }
    const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
    return sorted.map(([relation, members], g) => {
      const details = el("details", { open: openFirst || g < 3 },
        el("summary", { textContent: `${relation} (${members.length})` }));
      const first = members.slice(0, 20);
      details.append(...first.map(factBlock));
      if (members.length > first.length) {
        const more = el("button", { className: "more", type: "button", textContent: `show ${members.length - 20} more` });
        more.addEventListener("click", () => { more.replaceWith(...members.slice(20).map(factBlock)); });
        details.append(more);
      }
      return details;
    });
  }

  function showNode(i) {
    const node = data.nodes[i];
    const facts = [...new Set(incident[i].flatMap((e) => data.edges[e].facts))].concat(node.values);
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = data.classes[node.cls].color;
    $("evidence").replaceChildren(
      el("h2", { textContent: node.label }),
      el("p", { className: "meta" }, swatch, ` ${data.classes[node.cls].label} · ${facts.length} facts`),
      el("p", { className: "iri", textContent: node.iri }),
      ...factGroups(facts, false));
  }

  function showEdge(i) {
    const edge = data.edges[i];
    $("evidence").replaceChildren(
      el("h2", { textContent: `${data.nodes[edge.from].label} → ${data.nodes[edge.to].label}` }),
      el("p", { className: "meta", textContent: `${edge.facts.length} fact${edge.facts.length === 1 ? "" : "s"}` }),
      ...factGroups(edge.facts, edge.facts.length <= 5));
  }

  function showPinned() {
    if (state.pinned && state.pinned.node !== undefined) showNode(state.pinned.node);
    else if (state.pinned) showEdge(state.pinned.edge);
  }

  network.on("click", (params) => {
    if (params.nodes.length) { state.pinned = { node: params.nodes[0] }; showNode(params.nodes[0]); }
    else if (params.edges.length) { state.pinned = { edge: params.edges[0] }; showEdge(params.edges[0]); }
    else state.pinned = null;
  });
  network.on("hoverNode", (params) => { if (!state.pinned) showNode(params.node); });
  network.on("hoverEdge", (params) => { if (!state.pinned) showEdge(params.edge); });
  network.on("blurNode", showPinned);
  network.on("blurEdge", showPinned);

  buildControls();
  buildSearch();
  apply();
  if (state.focus !== null) { network.selectNodes([state.focus]); state.pinned = { node: state.focus }; showNode(state.focus); }
})();
