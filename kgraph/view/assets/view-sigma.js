/* kgraph view: the WebGL renderer for large graphs, sigma.js over a graphology graph.
 *
 * window.kgraphSigma.create(container, nodeItems, edgeItems) returns { nodes, edges, network }:
 * stand-ins for the few vis.DataSet and vis.Network calls view.js makes, so that the page's
 * filters, search, focus and evidence panel work the same on either renderer. Hiding and
 * colouring go through sigma's reducers (one refresh per batch of changes, never one graph
 * event per node); sigma places the labels itself, on a grid, the largest nodes first.
 */
(function () {
  "use strict";
  const Graph = graphology.Graph || graphology;

  function create(container, nodeItems, edgeItems) {
    const graph = new Graph({ type: "directed", multi: false, allowSelfLoops: true });
    const hidden = { nodes: nodeItems.map((n) => Boolean(n.hidden)), edges: edgeItems.map((e) => Boolean(e.hidden)) };
    const colours = nodeItems.map((n) => n.color.background);
    const selected = new Set();
    // An item joins the graphology graph when it is first shown (as view.js's lazyDataSet does
    // for vis-network): the first screen of 50,000 entities is then the core's few hundred, and
    // sigma (and a software WebGL rasteriser) processes and draws those, not every entity hidden.
    const added = { nodes: new Uint8Array(nodeItems.length), edges: new Uint8Array(edgeItems.length) };
    function addNode(i) {
      if (added.nodes[i]) return;
      added.nodes[i] = 1;
      const n = nodeItems[i];
      graph.addNode(String(n.id), { x: n.x, y: -n.y, label: n.title, color: n.color.background,
                                    size: n.size / 3.5 });
    }
    function addEdge(i) {
      if (added.edges[i]) return;
      added.edges[i] = 1;
      const e = edgeItems[i];
      addNode(e.from);
      addNode(e.to);
      if (!graph.hasEdge(String(e.from), String(e.to))) {
        graph.addEdgeWithKey(String(e.id), String(e.from), String(e.to),
          { color: e.color.color, size: e.width / 2, type: "arrow" });
      }
    }
    nodeItems.forEach((n, i) => { if (!hidden.nodes[i]) addNode(i); });
    edgeItems.forEach((e, i) => { if (!hidden.edges[i]) addEdge(i); });
    const renderer = new Sigma(graph, container, {
      renderEdgeLabels: false, labelRenderedSizeThreshold: 2, labelDensity: 0.35, labelGridCellSize: 120,
      labelFont: "system-ui, sans-serif", labelSize: 13, defaultEdgeType: "arrow", hideEdgesOnMove: true,
      zIndex: true, enableEdgeEvents: false,  // edge picking costs seconds a frame at 100,000 edges
      nodeReducer: (key, attrs) => {
        const i = Number(key);
        const shown = Object.assign({}, attrs, { color: colours[i], hidden: hidden.nodes[i] });
        if (selected.has(i)) { shown.highlighted = true; shown.zIndex = 1; }
        return shown;
      },
      edgeReducer: (key, attrs) => Object.assign({}, attrs, { hidden: hidden.edges[Number(key)] }),
    });
    const camera = renderer.getCamera();

    let queued = false;
    function refresh() {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; renderer.refresh(); });
    }
    function dataSet(flags, length, add, onChange) {
      return {
        length,
        update(changes) {
          for (const change of [].concat(changes)) {
            if ("hidden" in change) flags[change.id] = Boolean(change.hidden);
            if (change.hidden === false) add(change.id);
            if (onChange) onChange(change);
          }
          if ([].concat(changes).length) refresh();
        },
      };
    }
    const nodes = dataSet(hidden.nodes, nodeItems.length, addNode, (change) => {
      if (change.color) colours[change.id] = change.color.background;
    });
    const edges = dataSet(hidden.edges, edgeItems.length, addEdge, null);

    // vis-network's events, from sigma's.
    const events = {
      afterDrawing: (fn) => ["afterRender", () => fn()],
      click: (fn) => [["clickNode", (e) => fn({ nodes: [Number(e.node)], edges: [] })],
                      ["clickEdge", (e) => fn({ nodes: [], edges: [Number(e.edge)] })],
                      ["clickStage", () => fn({ nodes: [], edges: [] })]],
      doubleClick: (fn) => ["doubleClickNode", (e) => { e.preventSigmaDefault(); fn({ nodes: [Number(e.node)] }); }],
      hoverNode: (fn) => ["enterNode", (e) => fn({ node: Number(e.node) })],
      blurNode: (fn) => ["leaveNode", () => fn({})],
      hoverEdge: (fn) => ["enterEdge", (e) => fn({ edge: Number(e.edge) })],
      blurEdge: (fn) => ["leaveEdge", () => fn({})],
    };
    function listeners(name, fn) {
      if (!events[name]) return [];  // zoom, dragEnd, resize, stabilized: nothing to do here
      const found = events[name](fn);
      return Array.isArray(found[0]) ? found : [found];
    }

    function box(ids) {
      const data = ids.map((id) => renderer.getNodeDisplayData(String(id))).filter(Boolean);
      if (!data.length) return null;
      let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
      for (const d of data) { x0 = Math.min(x0, d.x); x1 = Math.max(x1, d.x); y0 = Math.min(y0, d.y); y1 = Math.max(y1, d.y); }
      return { x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio: Math.max(x1 - x0, y1 - y0, 0.01) * 1.15 };
    }
    const visible = () => nodeItems.map((n) => n.id).filter((i) => !hidden.nodes[i]);

    const network = {
      renderer,
      graph,
      on(name, fn) { for (const [event, handler] of listeners(name, fn)) renderer.on(event, handler); },
      once(name, fn) {
        for (const [event, handler] of listeners(name, fn)) {
          const wrapped = (...args) => { renderer.off(event, wrapped); handler(...args); };
          renderer.on(event, wrapped);
        }
      },
      fit(options) {
        const ids = options && options.nodes && options.nodes.length ? options.nodes : visible();
        const state = box(ids);
        if (state) camera.setState(state);
      },
      focus(i, options) {
        const d = renderer.getNodeDisplayData(String(i));
        if (d) camera.setState({ x: d.x, y: d.y, ratio: 1 / Math.max(1, (options && options.scale || 1) * 20) });
      },
      moveTo(options) {
        const state = {};
        if (options.scale) state.ratio = 1 / options.scale;
        if (options.position) Object.assign(state, options.position);
        camera.setState(state);
      },
      getScale: () => 1 / camera.getState().ratio,
      getViewPosition: () => ({ x: camera.getState().x, y: camera.getState().y }),
      getPosition: (i) => ({ x: nodeItems[i].x, y: -nodeItems[i].y }),  // added to the graph or not
      canvasToDOM: (point) => renderer.graphToViewport(point),
      selectNodes(ids) { selected.clear(); for (const i of ids) selected.add(Number(i)); refresh(); },
      getSelectedNodes: () => [...selected],
      redraw: () => renderer.refresh(),
      setOptions() {},
      stabilize() {},
      // The node labels sigma drew last, in screen pixels (sigma draws them right of the dot).
      labels() {
        const measure = document.createElement("canvas").getContext("2d");
        measure.font = "13px system-ui, sans-serif";
        return [...renderer.displayedNodeLabels].map((key) => {
          const d = renderer.getNodeDisplayData(key);
          const at = renderer.framedGraphToViewport(d);
          const size = typeof renderer.scaleSize === "function" ? renderer.scaleSize(d.size) : d.size;
          const width = measure.measureText(d.label || "").width;
          return { id: Number(key), edge: false, label: d.label, px: 13,
                   box: [at.x + size + 3, at.y - 9, at.x + size + 3 + width, at.y + 7] };
        });
      },
    };
    return { nodes, edges, network };
  }

  window.kgraphSigma = { create };
})();
