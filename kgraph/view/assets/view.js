/* kgraph view: the graph, its filters, search, focus mode and evidence panel.
 *
 * Reads the JSON in #kgraph-data (written by kgraph.view.html.page_data):
 *   classes[i]   {label, color}
 *   relations[i] label
 *   articles[i]  {id, title, url (http/https or null), date, d0, d1 (first/last day), source}
 *   nodes[i]     {label, iri, cls, facts (how many), values (fact indexes), x, y,
 *                 rank (0: the most important), core (on the first screen), g (community)}
 *   edges[i]     {from, to, facts (fact indexes)}: the facts between two nodes, grouped
 *   facts[i]     {s, o (node) or v (literal value), p, a, t (sentence), m ([start, end, role]),
 *                 c (confidence), x (rule), n (negated), k (contested), by (attributed to)}
 *   overview     whether the page opens on the core only (some nodes are not core)
 *   communities[g] {label (its most important entity), size}
 *   store        the store's path as seen from the page's folder (null: unknown), for commands
 *   conflicts[i] {k (kind: count, negation, denial), t (comment), f (its facts' indexes)}
 * Text from the data reaches the page only through textContent (el() below), never as HTML.
 * Labels are placed by level of detail (placeLabels): the most important first, each at a
 * legible size on screen, none overlapping another or leaving the graph's frame.
 * window.kgraphView exposes the network and state for tests and benchmarks.
 */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kgraph-data").textContent);
  const $ = (id) => document.getElementById(id);
  const big = data.nodes.length > 1000;
  const FONT = "system-ui, sans-serif";
  const LABEL_PX = 12;  // node labels on screen, in pixels, at any zoom (the ten most important: 15)
  const EDGE_PX = 11;
  const MAX_LABELS = 300;
  const MAX_EDGE_LABELS = 80;
  const MARGIN = 4;  // no label closer to the frame's edge, in pixels
  const state = { hiddenClasses: new Set(), relation: "", article: "", source: "", from: "", to: "",
                  undated: true, minConfidence: 0, focus: data.focus, hops: data.hops, pinned: null,
                  overview: data.overview, revealed: new Set(), colourBy: "class" };
  const view = { data, state, ready: false, readyAt: null, apply, showNode, showEdge, visibleCounts,
                 labels, expand, showAll, colourBy, placeLabels };
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

  const EDGE_COLOURS = { fact: "#8c959f", denied: "#cf222e", contested: "#bc4c00" };
  function edgeItem(edge, i, facts) {
    const negated = facts.every((f) => data.facts[f].n);
    const contested = !negated && facts.some((f) => data.facts[f].k);
    const color = negated ? EDGE_COLOURS.denied : contested ? EDGE_COLOURS.contested : EDGE_COLOURS.fact;
    return { id: i, from: edge.from, to: edge.to, label: "", width: Math.min(6, 1 + Math.log2(facts.length)),
             dashes: negated, color: { color, highlight: "#0969da", hover: "#0969da" } };
  }

  // Community colours (Tableau 10 and two more); communities beyond them, and lone entities, are grey.
  const GROUP_COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                         "#ff9da7", "#9c755f", "#bab0ac", "#86bcb6", "#d37295"];
  const GROUPLESS = "#e1e4e8";
  function groupColour(g) {
    const group = data.communities[g];
    return group && group.size > 1 && g < GROUP_COLOURS.length ? GROUP_COLOURS[g] : GROUPLESS;
  }
  function nodeColour(i) {
    const node = data.nodes[i];
    const color = state.colourBy === "community" ? groupColour(node.g) : data.classes[node.cls].color;
    return { background: color, border: "#33333355", highlight: { background: color, border: "#1f2328" },
             hover: { background: color, border: "#1f2328" } };
  }

  // Sizes are set here, not by vis-network's value scaling: that scans every node on every update.
  const mostFacts = data.nodes.reduce((most, n) => Math.max(most, n.facts), 1);
  const dotSize = (facts) => 8 + 32 * Math.sqrt((facts - 1) / Math.max(1, mostFacts - 1));
  const nodeItems = data.nodes.map((node, i) => (
    { id: i, label: "", size: dotSize(node.facts), x: node.x, y: node.y, shape: "dot", title: node.label,
      color: nodeColour(i), hidden: state.overview && !node.core }));
  // An edge of the overview is drawn when both its entities are (so apply(), on opening,
  // changes nothing: an update of thousands of edges costs vis-network seconds).
  const opensWith = (edge) => !state.overview || (data.nodes[edge.from].core && data.nodes[edge.to].core);
  const edgeItems = data.edges.map((edge, i) => Object.assign(edgeItem(edge, i, edge.facts), { hidden: !opensWith(edge) }));
  // Large graphs are drawn with WebGL (sigma.js, see view-sigma.js), the others by vis-network.
  const webgl = data.renderer === "webgl";
  const drawing = webgl ? window.kgraphSigma.create($("graph"), nodeItems, edgeItems) : null;
  const nodes = webgl ? drawing.nodes : lazyDataSet(nodeItems);
  const edges = webgl ? drawing.edges : lazyDataSet(edgeItems);
  // A vis.DataSet of the items shown so far: an item joins it when first shown, so the
  // overview of a large graph costs vis-network its few hundred entities, not all of them.
  // Changes to an item not in it yet are kept in the item until then.
  function lazyDataSet(items) {
    const added = items.map((item) => !item.hidden);
    const set = new vis.DataSet(items.filter((item, i) => added[i]));
    return {
      set,
      length: items.length,
      update(changes) {
        const sent = [];
        for (const change of [].concat(changes)) {
          if (added[change.id]) { sent.push(change); continue; }
          Object.assign(items[change.id], change);
          if (change.hidden === false) { added[change.id] = true; sent.push(items[change.id]); }
        }
        if (sent.length) set.update(sent);
      },
      // Adds the items these changes show for the first time (with the changes), so that
      // their labels can be placed; returns the other changes, still to be made.
      include(changes) {
        const rest = [];
        const fresh = [];
        for (const change of changes) {
          if (change.hidden === false && !added[change.id]) {
            added[change.id] = true;
            fresh.push(Object.assign(items[change.id], change));
          } else rest.push(change);
        }
        if (fresh.length) set.add(fresh);
        return rest;
      },
    };
  }
  view.nodes = nodes;
  view.edges = edges;
  // What is drawn now, so that a filter updates only what changes.
  const shown = { nodes: data.nodes.map((node) => !state.overview || node.core),
                  edges: data.edges.map(opensWith),
                  labels: data.edges.map((edge) => edgeLabel(edge.facts)) };

  const options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    nodes: { scaling: { min: 8, max: 40, label: { enabled: false, drawThreshold: 1 } },
             font: { face: FONT, size: LABEL_PX, strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } }, scaling: { min: 1, max: 6,
             label: { enabled: false, drawThreshold: 1 } },
             font: { face: FONT, size: EDGE_PX, color: "#57606a", strokeWidth: 3, align: "horizontal" },
             smooth: big ? false : { type: "curvedCW", roundness: 0.12 } },
    interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    physics: data.physics
      ? { enabled: true, solver: "barnesHut", stabilization: { enabled: true, iterations: 250, fit: true },
          barnesHut: { gravitationalConstant: -4000, springLength: 140, avoidOverlap: 0.3 } }
      : { enabled: false },
  };
  const network = webgl ? drawing.network : new vis.Network($("graph"), { nodes: nodes.set, edges: edges.set }, options);
  view.network = network;
  view.renderer = webgl ? "webgl" : "vis";

  function markReady() {
    if (view.ready) return;
    view.ready = true;
    view.readyAt = performance.now();
    document.body.dataset.ready = "true";
  }
  function opened() {
    if (webgl) network.fit(); else { openingView(); makeRoom(); }
    placeLabels(markReady);
  }

  // The most important entities without room for their name are moved a little, where that
  // gives them room without taking it from another (the layout is only a starting point).
  function makeRoom() {
    let chosen = chooseLabels();
    const scale = network.getScale();
    for (const i of byRank.slice(0, 12)) {
      if (!shown.nodes[i] || chosen.nodes.has(i)) continue;
      const home = network.getPosition(i);
      const tries = [];
      for (const step of [30, 60, 90]) for (let k = 0; k < 8; k += 1) tries.push([step, (Math.PI / 4) * k]);
      const found = tries.find(([step, angle]) => {
        network.moveNode(i, home.x + (Math.cos(angle) * step) / scale, home.y + (Math.sin(angle) * step) / scale);
        const next = chooseLabels();
        if (!next.nodes.has(i) || next.nodes.size < chosen.nodes.size) return false;
        chosen = next;
        return true;
      });
      if (!found) network.moveNode(i, home.x, home.y);
    }
  }

  // The first screen's zoom: of fitting all the entities shown, or the 60, 30 or 15 most
  // important (or 8), one with at least ENOUGH labels if any has them, and of those the one that
  // names the most entities (the most important counting most) and relations.
  const ENOUGH = 20;
  function openingView() {
    const visible = byRank.filter((i) => shown.nodes[i]);
    const weight = new Map(visible.map((i, at) => [i, 0.15 + 1 / (1 + at / 4)]));
    let best = null;
    for (const count of [visible.length, 60, 30, 15, 8]) {
      if (count > visible.length || (best && count === visible.length)) continue;
      network.fit({ nodes: visible.slice(0, count), animation: false });
      const chosen = chooseLabels();
      let score = 0.3 * chosen.edges.size + (chosen.nodes.size + chosen.edges.size >= ENOUGH ? 100 : 0);
      for (const i of chosen.nodes.keys()) score += weight.get(i) || 0;
      if (!best || score > best.score) best = { score, scale: network.getScale(), position: network.getViewPosition() };
    }
    if (best) network.moveTo({ position: best.position, scale: best.scale, animation: false });
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      opened();
    });
  } else if (webgl) {
    requestAnimationFrame(opened);
  } else {
    network.once("afterDrawing", opened);
  }

  // After nodes are revealed, a view with physics settles again around what it shows.
  function settle() {
    if (!data.physics) { placeLabels(); return; }
    network.setOptions({ physics: { enabled: true } });
    network.once("stabilized", () => { network.setOptions({ physics: { enabled: false } }); placeLabels(); });
    network.stabilize(150);
  }

  // ------------------------------------------------------------ labels by level of detail

  // A grid of screen boxes [left, top, right, bottom], to find overlaps in about constant time.
  class Boxes {
    constructor(cell) { this.cell = cell; this.cells = new Map(); }
    * keys(box) {
      for (let x = Math.floor(box[0] / this.cell); x <= Math.floor(box[2] / this.cell); x += 1)
        for (let y = Math.floor(box[1] / this.cell); y <= Math.floor(box[3] / this.cell); y += 1) yield `${x},${y}`;
    }
    hits(box) {
      for (const key of this.keys(box))
        for (const other of this.cells.get(key) || [])
          if (box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3]) return true;
      return false;
    }
    add(box) { for (const key of this.keys(box)) { if (!this.cells.has(key)) this.cells.set(key, []); this.cells.get(key).push(box); } }
  }

  const measurer = document.createElement("canvas").getContext("2d");
  const widths = new Map();
  function textWidth(text, px) {
    if (!widths.has(text)) { measurer.font = `${LABEL_PX}px ${FONT}`; widths.set(text, measurer.measureText(text).width); }
    return widths.get(text) * px / LABEL_PX;
  }
  const byRank = data.nodes.map((_, i) => i).sort((a, b) => data.nodes[a].rank - data.nodes[b].rank);
  const byFacts = data.edges.map((_, i) => i).sort((a, b) => data.edges[b].facts.length - data.edges[a].facts.length);
  const drawn = { nodes: new Map(), edges: new Map() };  // id -> font size (canvas units) of drawn labels
  const nodePx = (i) => (data.nodes[i].rank < 10 ? LABEL_PX + 3 : LABEL_PX);

  function frame() {
    const box = $("graph");
    return [MARGIN, MARGIN, box.clientWidth - MARGIN, box.clientHeight - MARGIN];
  }
  const inside = (box, f) => box[0] >= f[0] && box[1] >= f[1] && box[2] <= f[2] && box[3] <= f[3];

  // Where the label of node i would be drawn at px pixels (vis-network draws it under the dot).
  function nodeLabelBox(i, px, scale) {
    const body = network.body.nodes[i];
    const at = network.canvasToDOM({ x: body.x, y: body.y });
    const radius = (body.shape.radius || body.options.size || 10) * scale;
    const width = textWidth(data.nodes[i].label, px) + 6;
    const top = at.y + radius + 0.5 * px + 4 * scale - 2;
    return [at.x - width / 2, top, at.x + width / 2, top + px * 1.3 + 4];
  }

  // The screen box of node i's dot, with a little room around it.
  function dotBox(i, scale) {
    const body = network.body.nodes[i];
    const at = network.canvasToDOM({ x: body.x, y: body.y });
    const r = (body.shape.radius || body.options.size || 10) * scale + 3;
    return [at.x - r, at.y - r, at.x + r, at.y + r];
  }
  const touches = (box, f) => box[2] >= f[0] && box[0] <= f[2] && box[3] >= f[1] && box[1] <= f[3];

  // Whether the first screen's level of detail applies: then an entity of the overview is drawn
  // only when its label fits (entities one asked for, by search or double-click, always are).
  const levelOfDetail = () => state.overview && state.focus === null;

  // Chooses the labels to draw now: nodes by rank, then edges by facts, skipping any that would
  // overlap one chosen already (or a dot) or leave the frame. Returns the labels and, with the
  // level of detail, the overview's entities left out for want of room.
  function chooseLabels() {
    const scale = network.getScale();
    const f = frame();
    const lod = levelOfDetail();
    const taken = new Boxes(48);
    if (!$("help").hidden) {  // no label under the help overlay
      const box = $("help").getBoundingClientRect();
      const graph = $("graph").getBoundingClientRect();
      taken.add([box.left - graph.left, box.top - graph.top, box.right - graph.left, box.bottom - graph.top]);
    }
    const wanted = { nodes: new Map(), edges: new Map(), left: new Set() };
    const selected = new Set(network.getSelectedNodes());
    const dots = new Boxes(48);
    for (const i of byRank) {
      if (!shown.nodes[i]) continue;
      const asked = state.revealed.has(i) || selected.has(i);
      const px = nodePx(i);
      const box = nodeLabelBox(i, px, scale);
      const dot = dotBox(i, scale);
      const fits = wanted.nodes.size < MAX_LABELS && data.nodes[i].label && inside(box, f)
        && !(lod && !inside(dot, f))
        && !taken.hits(box) && !(lod && dots.hits(box)) && !(lod && !asked && taken.hits(dot));
      if (fits) { taken.add(box); wanted.nodes.set(i, px / scale); }
      if (lod && !fits && !asked) { wanted.left.add(i); continue; }
      if (touches(dot, f)) { dots.add(dot); if (lod) taken.add(dot); }
    }
    for (const e of byFacts) {
      if (wanted.edges.size >= MAX_EDGE_LABELS) break;
      const edge = data.edges[e];
      if (!shown.edges[e] || wanted.left.has(edge.from) || wanted.left.has(edge.to)) continue;
      const body = network.body.edges[e];
      if (!body || edge.from === edge.to) continue;
      const ends = [edge.from, edge.to].map((i) => network.canvasToDOM(network.body.nodes[i]));
      const width = textWidth(shown.labels[e], EDGE_PX) + 6;
      if (Math.hypot(ends[0].x - ends[1].x, ends[0].y - ends[1].y) < width + 16) continue;
      const at = network.canvasToDOM(body.edgeType.getPoint(0.5));
      const box = [at.x - width / 2, at.y - EDGE_PX * 0.65 - 3, at.x + width / 2, at.y + EDGE_PX * 0.65 + 3];
      if (!inside(box, f) || taken.hits(box) || dots.hits(box)) continue;
      taken.add(box);
      wanted.edges.set(e, EDGE_PX / scale);
    }
    return wanted;
  }

  // Entities left out by the level of detail are hidden, with their edges; others come back.
  const left = new Set();
  function leaveOut(wanted) {
    const changed = new Set();
    for (const i of left) if (!wanted.left.has(i)) { left.delete(i); changed.add(i); }
    for (const i of wanted.left) if (!left.has(i)) { left.add(i); changed.add(i); }
    const nodeChanges = [...changed].map((i) => ({ id: i, hidden: !shown.nodes[i] || left.has(i) }));
    const edgeChanges = [];
    for (const i of changed) {
      for (const e of incident[i]) {
        const edge = data.edges[e];
        edgeChanges.push({ id: e, hidden: !shown.edges[e] || left.has(edge.from) || left.has(edge.to) });
      }
    }
    return { nodes: nodeChanges, edges: edgeChanges };
  }

  // Changes to one DataSet merged by id, so that vis-network handles one update, not several.
  function merged(...lists) {
    const byId = new Map();
    for (const list of lists) for (const change of list) byId.set(change.id, Object.assign(byId.get(change.id) || {}, change));
    return [...byId.values()];
  }

  function labelUpdates(wanted, current, text) {
    const changes = [];
    for (const [id, size] of current) {
      if (!wanted.has(id)) { changes.push({ id, label: "" }); current.delete(id); }
    }
    for (const [id, size] of wanted) {
      const before = current.get(id);
      if (before === undefined || Math.abs(before - size) > size * 0.01) {
        changes.push({ id, label: text(id), font: { size } });
        current.set(id, size);
      }
    }
    return changes;
  }

  // The drawn labels as vis-network placed them, in screen pixels: [{id, edge, label, px, box}].
  function labels() {
    if (webgl) return network.labels();
    const scale = network.getScale();
    const found = [];
    const add = (body, id, edge) => {
      const module = body.labelModule;
      if (!module.visible()) return;
      const corner = network.canvasToDOM({ x: module.size.left, y: module.size.top });
      found.push({ id, edge, label: module.elementOptions.label, px: module.fontOptions.size * scale,
                   box: [corner.x, corner.y, corner.x + module.size.width * scale, corner.y + module.size.height * scale] });
    };
    for (const i of drawn.nodes.keys()) add(network.body.nodes[i], i, false);
    for (const e of drawn.edges.keys()) if (network.body.edges[e]) add(network.body.edges[e], e, true);
    return found;
  }

  // After drawing, a label vis-network drew over a more important one (its box differs a little
  // from the estimate) is taken away.
  function dropOverlaps() {
    const taken = new Boxes(48);
    const drop = { nodes: [], edges: [] };
    for (const label of labels()) {
      if (taken.hits(label.box)) (label.edge ? drop.edges : drop.nodes).push(label.id);
      else taken.add(label.box);
    }
    for (const id of drop.nodes) drawn.nodes.delete(id);
    for (const id of drop.edges) drawn.edges.delete(id);
    if (drop.nodes.length) nodes.update(drop.nodes.map((id) => ({ id, label: "" })));
    if (drop.edges.length) edges.update(drop.edges.map((id) => ({ id, label: "" })));
    return drop.nodes.length + drop.edges.length;
  }

  let pending = null;
  // Places the labels (see chooseLabels); ``changes`` ({nodes, edges}: DataSet changes a filter
  // made) go into the same update, as each update costs vis-network a pass over the graph.
  function placeLabels(then, changes) {
    const before = changes || { nodes: [], edges: [] };
    if (pending !== null) { clearTimeout(pending); pending = null; }
    if (webgl) {  // sigma places its labels itself
      nodes.update(before.nodes);
      edges.update(before.edges);
      showCounts();
      network.once("afterDrawing", () => { if (then) then(); });
      network.redraw();
      return;
    }
    const rest = { nodes: nodes.include(before.nodes), edges: edges.include(before.edges) };
    const wanted = chooseLabels();
    const away = leaveOut(wanted);
    const nodeChanges = merged(rest.nodes, away.nodes, labelUpdates(wanted.nodes, drawn.nodes, (i) => data.nodes[i].label));
    const edgeChanges = merged(rest.edges, away.edges, labelUpdates(wanted.edges, drawn.edges, (e) => shown.labels[e]));
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    showCounts();
    network.once("afterDrawing", () => {
      if (dropOverlaps()) network.redraw();
      if (then) then();
    });
    network.redraw();
  }
  function scheduleLabels() {
    if (pending !== null) clearTimeout(pending);
    pending = setTimeout(() => { pending = null; placeLabels(); }, 120);
  }
  network.on("zoom", scheduleLabels);
  network.on("dragEnd", scheduleLabels);
  network.on("resize", scheduleLabels);

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
    const inOverview = (i) => !state.overview || reach !== null || data.nodes[i].core || state.revealed.has(i);
    const nodeOk = (i) => classOk(i) && inOverview(i)
      && (!active || linked.has(i) || data.nodes[i].values.some(factPasses)) && (reach === null || reach.has(i));
    const nodeChanges = [];
    data.nodes.forEach((_, i) => {
      const hidden = !nodeOk(i);
      if (shown.nodes[i] === hidden) { shown.nodes[i] = !hidden; nodeChanges.push({ id: i, hidden: hidden || left.has(i) }); }
    });
    const edgeChanges = [];
    data.edges.forEach((edge, i) => {
      const passing = edgeFacts.get(i);
      const hidden = !passing || !shown.nodes[edge.from] || !shown.nodes[edge.to];
      const label = hidden ? shown.labels[i] : edgeLabel(passing);
      if (shown.edges[i] === hidden || shown.labels[i] !== label) {
        shown.edges[i] = !hidden;
        if (shown.labels[i] !== label) { shown.labels[i] = label; drawn.edges.delete(i); }
        const away = hidden || left.has(edge.from) || left.has(edge.to);
        edgeChanges.push(drawn.edges.has(i) ? { id: i, hidden: away } : { id: i, hidden: away, label: "" });
      }
    });
    if (view.ready) placeLabels(undefined, { nodes: nodeChanges, edges: edgeChanges });
    else { nodes.update(nodeChanges); edges.update(edgeChanges); }
    showCounts();
    $("show-all").textContent = state.overview ? `Show all ${data.nodes.length} entities` : "Show the overview";
    $("show-all").hidden = !data.overview;
    $("focus-state").textContent = state.focus === null ? ""
      : `Showing ${data.nodes[state.focus].label} and ${state.hops} hop${state.hops === 1 ? "" : "s"} around it.`;
  }

  function visibleCounts() {
    const count = (flags) => flags.reduce((n, flag) => n + (flag ? 1 : 0), 0);
    const drawnNodes = shown.nodes.filter((on, i) => on && !left.has(i)).length;
    const drawnEdges = shown.edges.filter((on, e) => on && !left.has(data.edges[e].from) && !left.has(data.edges[e].to)).length;
    return { nodes: count(shown.nodes), edges: count(shown.edges), totalNodes: nodes.length,
             totalEdges: edges.length, drawnNodes, drawnEdges };
  }

  function showCounts() {
    const c = visibleCounts();
    $("counts").textContent = c.drawnNodes === c.totalNodes && c.drawnEdges === c.totalEdges
      ? `${c.totalNodes} entities · ${c.totalEdges} links · ${data.facts.length} facts`
      : `showing ${c.drawnNodes} of ${c.totalNodes} entities · ${c.drawnEdges} of ${c.totalEdges} links`;
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
    $("show-all").addEventListener("click", () => showAll(state.overview));
    $("colour-by").addEventListener("input", () => colourBy($("colour-by").value));
    const help = (open) => { $("help").hidden = !open; $("help-toggle").setAttribute("aria-expanded", String(open)); };
    $("help-toggle").addEventListener("click", () => help($("help").hidden));
    $("help-close").addEventListener("click", () => help(false));
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") help(false); });
    const hiddenCount = data.nodes.filter((n) => !n.core).length;
    $("key-hidden").textContent = data.overview
      ? `Opened on the ${data.nodes.length - hiddenCount} named entities with the most facts, as many as have room for their names (zoom in for more); ${hiddenCount} more (Concepts, entities with fewer facts) come with search, double-click or “Show all”.`
      : "";
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
    if (!shown.nodes[i]) {
      state.revealed.add(i);
      apply();
      if (!shown.nodes[i]) resetFilters();
    }
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), 1), animation: false });
    state.pinned = { node: i };
    showNode(i);
    placeLabels();
  }

  // Shows the entities node i has facts with; returns how many were hidden before.
  function expand(i) {
    const before = visibleCounts().nodes;
    state.revealed.add(i);
    for (const e of incident[i]) { state.revealed.add(data.edges[e].from); state.revealed.add(data.edges[e].to); }
    apply();
    settle();
    return visibleCounts().nodes - before;
  }

  // Every entity (all = true), or the first screen's again.
  function showAll(all) {
    state.overview = data.overview && !all;
    if (!all) state.revealed.clear();
    apply();
    network.fit({ animation: false });
    settle();
  }

  function colourBy(mode) {
    state.colourBy = mode;
    $("colour-by").value = mode;
    nodes.update(data.nodes.map((_, i) => ({ id: i, color: nodeColour(i) })));
    $("groups").hidden = mode !== "community";
  }

  // A list of clickable entries: [text, count, action].
  function fillList(list, entries) {
    list.replaceChildren(...entries.map(([text, count, action]) => {
      const button = el("button", { type: "button", textContent: text });
      button.addEventListener("click", action);
      return el("li", null, button, el("span", { className: "n", textContent: String(count) }));
    }));
  }

  function buildLists() {
    fillList($("top-entities"), byRank.slice(0, 12).map((i) => [data.nodes[i].label, data.nodes[i].facts, () => choose(i)]));
    const perRelation = data.relations.map(() => 0);
    for (const fact of data.facts) perRelation[fact.p] += 1;
    const relations = perRelation.map((n, p) => [p, n]).sort((a, b) => b[1] - a[1]).slice(0, 12);
    fillList($("top-relations"), relations.map(([p, n]) => [data.relations[p], n, () => {
      $("relation").value = String(p); state.relation = String(p); apply(); }]));
    const perSource = new Map();
    for (const article of data.articles) if (article.source) perSource.set(article.source, (perSource.get(article.source) || 0) + 1);
    const top = [...perSource.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
    fillList($("top-sources"), top.map(([source, n]) => [source, `${n} article${n === 1 ? "" : "s"}`, () => {
      $("source").value = source; state.source = source; apply(); }]));
    const groups = data.communities.slice(0, GROUP_COLOURS.length).filter((g) => g.size > 1);
    $("groups").replaceChildren(...groups.map((group, g) => {
      const swatch = el("span", { className: "swatch" });
      swatch.style.background = groupColour(g);
      const button = el("button", { type: "button", textContent: group.label });
      button.addEventListener("click", () => showGroup(g));
      return el("li", null, swatch, button, el("span", { className: "n", textContent: String(group.size) }));
    }));
  }

  // Selects the members of community g (revealing them) and fits the view to them.
  function showGroup(g) {
    const members = data.nodes.map((n, i) => (n.g === g ? i : -1)).filter((i) => i >= 0);
    for (const i of members) state.revealed.add(i);
    apply();
    const visible = members.filter((i) => shown.nodes[i]);
    network.selectNodes(visible);
    network.fit({ nodes: visible, animation: false });
    settle();
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
      timelineLine(node),
      ...conflictList(facts),
      ...factGroups(facts, false));
  }

  // The conflicts of an entity's facts, each with its two facts side by side (kgraph conflicts).
  function conflictList(facts) {
    const mine = new Set(facts);
    const found = (data.conflicts || []).filter((c) => c.f.some((f) => mine.has(f)));
    if (!found.length) return [];
    const section = el("details", { className: "conflicts", open: true },
      el("summary", { textContent: `conflicts (${found.length})` }));
    for (const conflict of found) {
      section.append(el("div", { className: "conflict" },
        el("div", { className: "meta", textContent: `${conflict.k}: ${conflict.t}` }),
        el("div", { className: "sides" }, ...conflict.f.map(factBlock))));
    }
    return [section];
  }

  // The entity's timeline (kgraph timeline), named as kgraph report names it: the command,
  // to run in this page's folder, and the page it writes there.
  const shellWord = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`);
  function timelineLine(node) {
    if (!data.store) return null;
    const name = node.label.replace(/[^\p{L}\p{N}_-]+/gu, "_").replace(/^_+|_+$/g, "") || "entity";
    const page = `timeline-${name}.html`;
    const command = `kgraph timeline ${shellWord(data.store)} ${shellWord(node.label)} --html -o ${page}`;
    return el("p", { className: "meta timeline" }, "Timeline: ",
      el("a", { href: page, textContent: page }), " (written by ", el("code", { textContent: command }), ")");
  }

  function showEdge(i) {
    const edge = data.edges[i];
    $("evidence").replaceChildren(
      el("h2", { textContent: `${data.nodes[edge.from].label} → ${data.nodes[edge.to].label}` }),
      el("p", { className: "meta", textContent: `${edge.facts.length} fact${edge.facts.length === 1 ? "" : "s"}` }),
      ...factGroups(edge.facts, edge.facts.length <= 5));
  }

  // What the evidence panel says while nothing is chosen: the hint and the legend.
  const intro = [...$("evidence").childNodes];
  function showPinned() {
    if (state.pinned && state.pinned.node !== undefined) showNode(state.pinned.node);
    else if (state.pinned) showEdge(state.pinned.edge);
    else $("evidence").replaceChildren(...intro);
  }

  network.on("click", (params) => {
    if (params.nodes.length) { state.pinned = { node: params.nodes[0] }; showNode(params.nodes[0]); }
    else if (params.edges.length) { state.pinned = { edge: params.edges[0] }; showEdge(params.edges[0]); }
    else { state.pinned = null; showPinned(); }
  });
  network.on("hoverNode", (params) => { if (!state.pinned) showNode(params.node); });
  network.on("hoverEdge", (params) => { if (!state.pinned) showEdge(params.edge); });
  network.on("blurNode", showPinned);
  network.on("blurEdge", showPinned);
  network.on("doubleClick", (params) => { if (params.nodes.length) expand(params.nodes[0]); });

  buildControls();
  buildSearch();
  buildLists();
  apply();
  if (state.focus !== null) { network.selectNodes([state.focus]); state.pinned = { node: state.focus }; showNode(state.focus); }
})();
