/* allies: what the map draws, as Cytoscape.js elements and style. People sit where the
   server's cached layout put them (preset positions: no layout runs in the browser), each
   with its colour, shape and size worked out once here, so adding a view is one batched
   add and no per-person style pass. Clusters of the overview are circles sized by their
   members at the middle of their people; their lines count the ties they hold. */
(function () {
  "use strict";

  var NO_UNIT = "(no unit)";

  function style(big, manyEdges) {
    return [
      { selector: "node", style: {
        "background-color": "data(colour)", "shape": "data(shape)", "label": "data(name)",
        "width": "data(diameter)", "height": "data(diameter)", "font-size": "data(fontSize)",
        "text-valign": "bottom", "text-margin-y": 3, "color": "#1d232a",
        "text-background-color": "#fff", "text-background-opacity": 0.75, "text-background-padding": 1,
        "min-zoomed-font-size": 12, "border-width": 1, "border-color": "#ffffff", "z-index": "data(z)" } },
      { selector: "node[?isMe]", style: { "border-width": 3, "border-color": "#000" } },
      { selector: "edge", style: {
        "width": "data(width)", "curve-style": big ? "haystack" : "bezier", "line-color": "#999",
        "target-arrow-color": "#999", "arrow-scale": 0.8, "opacity": manyEdges ? 0.45 : 0.8 } },
      { selector: "edge[kind = 'listens_to']", style: {
        "line-color": "#444", "target-arrow-color": "#444", "target-arrow-shape": big ? "none" : "triangle" } },
      { selector: "edge[kind = 'trusts']", style: {
        "line-color": "#2a8f4a", "target-arrow-color": "#2a8f4a", "line-style": "dashed",
        "target-arrow-shape": big ? "none" : "triangle" } },
      { selector: "edge[kind = 'reports_to']", style: {
        "line-color": "#7a5195", "target-arrow-color": "#7a5195", "target-arrow-shape": big ? "none" : "tee" } },
      { selector: "edge[kind = 'works_with']", style: { "line-color": "#3a7bd5", "line-style": "dotted" } },
      { selector: "edge[kind = 'knows']", style: { "line-color": "#bbb", "line-style": "dotted", "width": 1 } },
      { selector: "edge[!current]", style: { "opacity": 0.25 } },
      { selector: "node.cluster", style: {
        "label": "data(name)", "font-weight": "bold", "min-zoomed-font-size": 6,
        "border-width": 3, "border-color": "#12324f", "background-opacity": 0.85 } },
      // The overview's clusters: a region of the map, its people drawn inside it.
      { selector: "node.disc", style: {
        "background-opacity": 0.13, "border-width": 2, "border-color": "data(colour)",
        "border-opacity": 0.8, "text-valign": "top", "text-margin-y": -3, "font-weight": "bold" } },
      { selector: "edge.meta-edge", style: {
        "line-color": "#7d8a96", "opacity": 0.25, "width": "data(width)", "curve-style": "straight" } },
      { selector: "node.nostance", style: { "opacity": 0.55 } },
      { selector: "node.quiet", style: { "label": "" } },
      { selector: ".faded", style: { "opacity": 0.1, "text-opacity": 0 } },
      { selector: ".off", style: { "display": "none" } },
      // At scale, the ties of the faded people are not drawn at all: far quicker to draw.
      { selector: "edge.faded", style: big ? { "visibility": "hidden" } : {} },
      { selector: "node.near", style: { "min-zoomed-font-size": 0 } },
      { selector: "node.match", style: { "border-width": 4, "border-color": "#1f5fbf" } },
      { selector: "node.path", style: { "border-width": 4, "border-color": "#f0a500", "min-zoomed-font-size": 0 } },
      { selector: "edge.path", style: {
        "line-color": "#f0a500", "target-arrow-color": "#f0a500", "width": 6, "opacity": 1, "z-index": 10 } },
      { selector: "node.focus", style: {
        "border-width": 5, "border-color": "#f0a500", "min-zoomed-font-size": 0, "z-index": 20 } }
    ];
  }

  /* Where each person goes when the server sent no place: each group a sunflower of its
     own, the most influential at its middle, groups packed in rows. */
  function groupPositions(graph) {
    var byGroup = {};
    graph.nodes.forEach(function (n) { (byGroup[n.group] = byGroup[n.group] || []).push(n); });
    var groups = Object.keys(byGroup).map(function (g) {
      var members = byGroup[g].sort(function (a, b) { return b.influence - a.influence || a.id - b.id; });
      return { members: members, radius: 40 + 26 * Math.sqrt(members.length) };
    }).sort(function (a, b) { return b.members.length - a.members.length; });
    var area = groups.reduce(function (sum, g) { return sum + 4 * g.radius * g.radius; }, 0);
    var rowWidth = Math.max(600, Math.sqrt(area) * 1.5);
    var positions = {};
    var x = 0, y = 0, rowHeight = 0;
    groups.forEach(function (g) {
      if (x > 0 && x + 2 * g.radius > rowWidth) { x = 0; y += rowHeight + 40; rowHeight = 0; }
      var cx = x + g.radius, cy = y + g.radius;
      g.members.forEach(function (n, k) {
        var r = 26 * Math.sqrt(k), theta = k * 2.39996;
        positions[n.id] = { x: cx + r * Math.cos(theta), y: cy + r * Math.sin(theta) };
      });
      x += 2 * g.radius + 40;
      rowHeight = Math.max(rowHeight, 2 * g.radius);
    });
    return positions;
  }

  function placed(item) {
    return item.x !== null && item.x !== undefined && item.y !== null && item.y !== undefined;
  }

  /* Every element of a view. ``paint(data)`` gives {colour, shape} for a person's data. */
  function build(graph, paint) {
    var total = graph.people || graph.nodes.length;
    // The layout is in [0, 1]: spread it so circles keep their room as people grow.
    var scale = Math.max(800, 110 * Math.sqrt(total));
    // The overview draws few people over a wide map: bigger circles, so they show at the
    // zoom that shows everyone; an opened cluster's people stay small enough to fit it.
    var grow = 1;
    if (graph.level === "overview") {
      grow = Math.max(1, scale / 1800);
      (graph.clusters || []).forEach(function (c) {
        var open = (graph.opened || []).indexOf(c.key) !== -1;
        if (open && c.radius) grow = Math.min(grow, Math.max(1, c.radius * scale / 810));
      });
    }
    var missing = graph.nodes.some(function (n) { return !placed(n); });
    var preset = missing ? groupPositions(graph) : {};
    var elements = [];
    graph.nodes.forEach(function (n) {
      var unit = n.unit || NO_UNIT;
      var data = {
        id: String(n.id), name: n.name, title: n.title, unit: unit, level: n.level, isMe: n.is_me,
        group: n.group, groupName: graph.groups[n.group] || "Alone", side: n.side || "unknown",
        influence: n.influence, place: n.place, cluster: n.cluster,
        diameter: Math.round((18 + 52 * n.size) * grow), fontSize: Math.round((10 + 7 * n.size) * grow),
        z: 10 + Math.round(10 * n.size)
      };
      var look = paint(data);
      data.colour = look.colour;
      data.shape = look.shape;
      elements.push({ group: "nodes", data: data, classes: look.classes || "",
                      position: placed(n) ? { x: n.x * scale, y: n.y * scale } : preset[n.id] });
    });
    (graph.clusters || []).forEach(function (c, i) {
      var share = !c.hidden ? "" : c.hidden < c.size ? " (" + c.hidden + " more)" : " (" + c.size + ")";
      var data = {
        id: "c:" + c.key, key: c.key, name: c.name + share, count: c.hidden, size: c.size,
        influence: c.influence, top: c.top, group: Number(c.key.split(":")[1]) || 0,
        unit: graph.by === "unit" ? c.name : "", groupName: c.name, cluster: c.key,
        diameter: c.radius ? Math.max(30, Math.round(2 * c.radius * scale)) :
          Math.round(Math.min(220, 30 + 14 * Math.sqrt(c.hidden))),
        fontSize: Math.round(14 * Math.max(1, scale / 1800)), z: 0
      };
      var look = paint(data);
      elements.push({ group: "nodes", classes: "cluster disc", data: Object.assign(data, {
        colour: look.colour, shape: "ellipse" }),
        position: placed(c) ? { x: c.x * scale, y: c.y * scale } : { x: 60 * i, y: -200 } });
    });
    graph.edges.forEach(function (e) {
      elements.push({ group: "edges", data: {
        id: "t" + e.id, source: String(e.source), target: String(e.target), kind: e.kind,
        weight: e.weight, width: (1 + 4 * e.weight) * grow, current: e.current
      } });
    });
    (graph.links || []).forEach(function (link) {
      var end = function (key) { return /^\d+$/.test(key) ? key : "c:" + key; };
      elements.push({ group: "edges", classes: "meta-edge", data: {
        id: "m:" + link.source + "|" + link.target, source: end(link.source), target: end(link.target),
        count: link.ties, width: Math.min(6, 0.5 + Math.log(1 + link.ties)) * grow
      } });
    });
    return elements;
  }

  /* Preset places when the server sent them (or the network is too big or too small to
     lay out here); else a force-directed layout in the browser. */
  function layout(graph) {
    var n = graph.nodes.length;
    if (n && graph.nodes.every(placed)) return { name: "preset", fit: true, padding: 30 };
    if (n > 400 || n < 2) return { name: "preset", fit: true, padding: 30 };
    return { name: "cose", animate: false, randomize: false, fit: true, padding: 30,
             nodeRepulsion: function () { return n > 30 ? 900000 : 20000; },
             idealEdgeLength: function (edge) { return n > 30 ? 80 + 120 * (1 - edge.data("weight")) : 90; },
             edgeElasticity: function (edge) { return 40 + 160 * edge.data("weight"); },
             nodeOverlap: 40, gravity: 0.15, componentSpacing: 120, numIter: n > 150 ? 500 : 1200 };
  }

  window.alliesMapElements = { style: style, build: build, layout: layout, NO_UNIT: NO_UNIT };
})();
