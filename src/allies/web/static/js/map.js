/* allies: the network map, drawn with Cytoscape.js from /api/v1/graph.
   Find someone to see their circle (the rest fades), colour by unit, group or campaign side,
   gather people into clusters that open on click, export PNG or SVG; the keyboard works too. */
(function () {
  "use strict";

  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
                 "#8c564b", "#e377c2", "#bcbd22", "#393b79", "#637939", "#843c39"];
  var NO_UNIT = "(no unit)";
  var KIND_LABELS = {
    listens_to: "listens to", trusts: "trusts", reports_to: "reports to",
    works_with: "works with", knows: "knows"
  };
  var SIDES = {
    "for": { colour: "#1e7a3c", shape: "ellipse", label: "For" },
    against: { colour: "#c62828", shape: "diamond", label: "Against" },
    undecided: { colour: "#e09a00", shape: "triangle", label: "Undecided" },
    unknown: { colour: "#b7c0c7", shape: "ellipse", label: "Stance not known" }
  };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function checkbox(container, group, value, text, colour) {
    var id = group + "-" + value.replace(/[^a-z0-9]+/gi, "-");
    var label = el("label", { "class": "check", "for": id });
    var input = el("input", { type: "checkbox", id: id, value: value, checked: "checked" });
    label.appendChild(input);
    var sample = el("span", { "class": colour ? "swatch" : "line-sample kind-" + value, "aria-hidden": "true" });
    if (colour) sample.style.backgroundColor = colour;
    label.appendChild(sample);
    label.appendChild(document.createTextNode(" " + text));
    container.appendChild(label);
    return input;
  }

  function ordinal(n) {
    var s = (n % 100 >= 11 && n % 100 <= 13) ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th");
    return n + s;
  }

  function personId(text, cy) {
    var value = (text || "").trim();
    if (!value) return null;
    if (value.toLowerCase() === "me") {
      var me = cy.nodes("[?isMe]");
      return me.length ? me[0].id() : null;
    }
    var match = value.match(/#(\d+)\)?\s*$/);
    if (match) return match[1];
    var hits = matches(value, cy);
    var exact = hits.filter(function (n) { return fold(n.data("name")) === fold(value); });
    if (exact.length === 1) return exact[0].id();
    return hits.length === 1 ? hits[0].id() : null;
  }

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function matches(text, cy) {
    var wanted = fold(text);
    if (!wanted) return [];
    return cy.nodes().filter(function (n) {
      return !n.hasClass("cluster") && fold(n.data("name")).indexOf(wanted) !== -1;
    }).toArray();
  }

  /* Positions without a layout engine: each group in a sunflower of its own, the most
     influential at its middle, groups packed in rows (deterministic, linear time). */
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

  function layoutFor(graph) {
    var n = graph.nodes.length;
    if (n && graph.nodes.every(function (node) { return node.x !== null && node.x !== undefined; })) {
      return { name: "preset", fit: true, padding: 30 };
    }
    if (n > 400 || n < 2) return { name: "preset", fit: true, padding: 30 };
    return { name: "cose", animate: false, randomize: false, fit: true, padding: 30,
             nodeRepulsion: function () { return n > 30 ? 900000 : 20000; },
             idealEdgeLength: function (edge) { return n > 30 ? 80 + 120 * (1 - edge.data("weight")) : 90; },
             edgeElasticity: function (edge) { return 40 + 160 * edge.data("weight"); },
             nodeOverlap: 40, gravity: 0.15, componentSpacing: 120, numIter: n > 150 ? 500 : 1200 };
  }

  function draw(container, graph) {
    var status = document.getElementById("map-status");
    var units = graph.units.slice();
    var unitColours = {};
    units.forEach(function (unit, i) { unitColours[unit] = PALETTE[i % PALETTE.length]; });
    unitColours[NO_UNIT] = "#888888";
    var big = graph.nodes.length > 500;
    var preset = groupPositions(graph);
    var order = graph.nodes.slice().sort(function (a, b) { return b.influence - a.influence || a.id - b.id; });
    var place = {};
    order.forEach(function (n, i) { place[n.id] = i + 1; });

    // The server's layout is in [0, 1]: spread it so circles keep their room as people grow.
    var scale = Math.max(800, 110 * Math.sqrt(graph.nodes.length));
    var elements = graph.nodes.map(function (n) {
      var unit = n.unit || NO_UNIT;
      var placed = n.x !== null && n.x !== undefined && n.y !== null && n.y !== undefined;
      var position = placed ? { x: n.x * scale, y: n.y * scale } : preset[n.id];
      return { group: "nodes", position: position, data: {
        id: String(n.id), name: n.name, title: n.title, unit: unit, level: n.level, isMe: n.is_me,
        group: n.group, groupName: graph.groups[n.group] || "Alone", side: n.side || "unknown",
        influence: n.influence, place: place[n.id], colour: unitColours[unit], shape: "ellipse",
        diameter: Math.round(18 + 52 * n.size), fontSize: Math.round(10 + 7 * n.size)
      } };
    }).concat(graph.edges.map(function (e) {
      return { group: "edges", data: {
        id: "t" + e.id, source: String(e.source), target: String(e.target), kind: e.kind,
        weight: e.weight, width: 1 + 4 * e.weight, current: e.current
      } };
    }));

    var cy = window.cytoscape({
      container: container,
      elements: elements,
      textureOnViewport: big, hideEdgesOnViewport: big, motionBlur: false,
      pixelRatio: big ? 1 : "auto",
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", "shape": "data(shape)", "label": "data(name)",
          "width": "data(diameter)", "height": "data(diameter)", "font-size": "data(fontSize)",
          "text-valign": "bottom", "text-margin-y": 3, "color": "#1d232a",
          "text-background-color": "#fff", "text-background-opacity": 0.75, "text-background-padding": 1,
          "min-zoomed-font-size": 12, "border-width": 1, "border-color": "#ffffff" } },
        { selector: "node[?isMe]", style: { "border-width": 3, "border-color": "#000" } },
        { selector: "edge", style: {
          "width": "data(width)", "curve-style": big ? "haystack" : "bezier", "line-color": "#999",
          "target-arrow-color": "#999", "arrow-scale": 0.8,
          "opacity": graph.edges.length > 150 ? 0.45 : 0.8 } },
        { selector: "edge[kind = 'listens_to']", style: {
          "line-color": "#444", "target-arrow-color": "#444", "target-arrow-shape": "triangle" } },
        { selector: "edge[kind = 'trusts']", style: {
          "line-color": "#2a8f4a", "target-arrow-color": "#2a8f4a", "line-style": "dashed",
          "target-arrow-shape": "triangle" } },
        { selector: "edge[kind = 'reports_to']", style: {
          "line-color": "#7a5195", "target-arrow-color": "#7a5195", "target-arrow-shape": "tee" } },
        { selector: "edge[kind = 'works_with']", style: { "line-color": "#3a7bd5", "line-style": "dotted" } },
        { selector: "edge[kind = 'knows']", style: { "line-color": "#bbb", "line-style": "dotted", "width": 1 } },
        { selector: "edge[!current]", style: { "opacity": 0.25 } },
        { selector: "node.cluster", style: {
          "label": "data(name)", "font-size": 14, "font-weight": "bold", "min-zoomed-font-size": 6,
          "border-width": 3, "border-color": "#12324f", "background-opacity": 0.85 } },
        { selector: "edge.meta-edge", style: {
          "line-color": "#7d8a96", "opacity": 0.6, "width": "data(width)", "curve-style": "straight" } },
        { selector: "node.nostance", style: { "opacity": 0.55 } },
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
      ],
      layout: layoutFor(graph)
    });

    var groupColour = function (node) { return PALETTE[node.data("group") % PALETTE.length]; };
    var colourers = {
      unit: function (node) { return unitColours[node.data("unit")] || "#888888"; },
      group: groupColour,
      side: function (node) { return SIDES[node.data("side")] ? SIDES[node.data("side")].colour : SIDES.unknown.colour; }
    };
    var controls = {
      colour: document.getElementById("map-colour"),
      gather: document.getElementById("map-gather"),
      steps: document.getElementById("map-steps"),
      campaign: document.getElementById("map-campaign"),
      search: document.getElementById("map-search")
    };
    var groupsOf = window.alliesMapClusters(cy);
    var api = { cy: cy, nodeCount: cy.nodes().length, edgeCount: cy.edges().length, focus: null,
                campaign: graph.campaign, svg: null };
    window.alliesMap = api;

    function colourMode() { return controls.colour ? controls.colour.value : "unit"; }

    function recolour() {
      var mode = colourMode();
      var colour = colourers[mode] || colourers.unit;
      cy.batch(function () {
        cy.nodes().not(".cluster").forEach(function (node) {
          node.data("colour", colour(node));
          node.data("shape", mode === "side" ? (SIDES[node.data("side")] || SIDES.unknown).shape : "ellipse");
        });
        // On the power map, people with no stance step back behind those who have one.
        var unknown = cy.nodes().filter(function (node) { return !SIDES[node.data("side")] || node.data("side") === "unknown"; });
        if (mode === "side") unknown.addClass("nostance");
        else cy.nodes().removeClass("nostance");
      });
      legend();
    }

    function legend() {
      var box = document.getElementById("map-legend");
      box.textContent = "";
      var mode = colourMode();
      var items = [];
      var people = cy.nodes().not(".cluster");
      if (mode === "side") {
        var total = people.reduce(function (sum, n) { return sum + (n.data("influence") || 0); }, 0) || 1;
        Object.keys(SIDES).forEach(function (side) {
          var on = people.filter(function (n) { return n.data("side") === side; });
          var weight = on.reduce(function (sum, n) { return sum + (n.data("influence") || 0); }, 0);
          items.push({ colour: SIDES[side].colour, shape: SIDES[side].shape,
                       label: SIDES[side].label + ": " + on.length + (on.length === 1 ? " person, " : " people, ") +
                              Math.round(100 * weight / total) + "% of the influence" });
        });
        box.appendChild(el("strong", {}, (api.campaign || "Campaign") + " — "));
      } else if (mode === "group") {
        graph.groups.forEach(function (name, i) { items.push({ colour: PALETTE[i % PALETTE.length], label: name }); });
      } else {
        units.forEach(function (unit) { items.push({ colour: unitColours[unit], label: unit }); });
      }
      items.slice(0, 14).forEach(function (item) {
        var entry = el("span");
        var swatch = el("i", { "class": item.shape || "", "aria-hidden": "true" });
        swatch.style.backgroundColor = item.colour;
        entry.appendChild(swatch);
        entry.appendChild(document.createTextNode(item.label));
        box.appendChild(entry);
      });
      if (items.length > 14) box.appendChild(el("span", {}, "and " + (items.length - 14) + " more"));
      api.legend = items;
      container.dataset.colour = mode;
    }

    container.dataset.nodeCount = String(cy.nodes().length);
    container.dataset.edgeCount = String(cy.edges().length);

    var n = graph.nodes.length;
    var m = graph.edges.length;
    status.textContent = n + (n === 1 ? " person, " : " people, ") + m + (m === 1 ? " tie. " : " ties. ") +
      "Bigger circles are " + (graph.sized_by === "influence" ? "listened to more." : "named in more ties.");
    document.getElementById("map-legend-size").textContent = "Circle size here: " +
      (graph.sized_by === "influence" ? "influence (who is listened to)." : "ties received (no listening recorded yet).");

    // Filters by tie kind and unit, and the clusters.
    var kindBox = document.getElementById("kind-filters");
    var unitBox = document.getElementById("unit-filters");
    var kindInputs = Object.keys(KIND_LABELS).filter(function (k) { return graph.kinds.indexOf(k) !== -1; })
      .map(function (k) { return checkbox(kindBox, "kind", k, KIND_LABELS[k]); });
    var unitValues = units.slice();
    if (graph.nodes.some(function (node) { return !node.unit; })) unitValues.push(NO_UNIT);
    var unitInputs = unitValues.map(function (u) { return checkbox(unitBox, "unit", u, u, unitColours[u]); });
    if (!kindInputs.length) kindBox.appendChild(el("p", { "class": "meta" }, "No ties yet."));
    if (!unitInputs.length) unitBox.appendChild(el("p", { "class": "meta" }, "No units yet."));

    function refresh() {
      var shownKinds = kindInputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      var shownUnits = unitInputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      if (!unitInputs.length) shownUnits = [NO_UNIT];
      groupsOf.apply(shownKinds, shownUnits, colourers[colourMode()] || colourers.unit);
      container.dataset.clusters = String(cy.nodes(".cluster").length);
      if (api.focus && !cy.getElementById(api.focus).hasClass("off")) focus(api.focus, false);
      else if (groupsOf.state.by !== "none") clusterPanel();
    }
    kindInputs.concat(unitInputs).forEach(function (input) { input.addEventListener("change", refresh); });

    // The side panel: one person and their circle, or the clusters.
    var panel = document.getElementById("map-panel");

    function button(text, onClick, attrs) {
      var b = el("button", Object.assign({ type: "button" }, attrs || {}), text);
      b.addEventListener("click", onClick);
      return b;
    }

    function clusterPanel() {
      panel.textContent = "";
      panel.appendChild(el("h2", { id: "map-panel-title" }, groupsOf.state.by === "group" ? "Groups" : "Units"));
      panel.appendChild(el("p", { "class": "meta" }, "Open a cluster to see its people; the lines between clusters count the ties."));
      var list = el("ul");
      groupsOf.closed().sort(function (a, b) { return b.count - a.count; }).forEach(function (c) {
        var item = el("li");
        item.appendChild(button("Open " + c.key + " (" + c.count + ")", function () { openCluster(c.key); }));
        list.appendChild(item);
      });
      groupsOf.opened().forEach(function (key) {
        var item = el("li");
        item.appendChild(button("Close " + key, function () { groupsOf.close(key); refresh(); }));
        list.appendChild(item);
      });
      panel.appendChild(list);
    }

    function openCluster(key) {
      groupsOf.open(key);
      refresh();
      var members = cy.nodes().not(".cluster").filter(function (node) { return groupsOf.keyOf(node) === key; });
      if (members.length) cy.fit(members, 40);
      container.dataset.opened = key;
      clusterPanel();
    }

    function relation(edge, focusNode) {
      var kind = KIND_LABELS[edge.data("kind")] || edge.data("kind");
      var first = focusNode.data("name").split(" ")[0];
      return edge.source().same(focusNode) ? first + " " + kind + " them" : kind + " " + first;
    }

    function personPanel(node, circle) {
      panel.textContent = "";
      panel.appendChild(el("h2", { id: "map-panel-title" }, node.data("name")));
      var about = [node.data("title"), node.data("unit") === NO_UNIT ? "" : node.data("unit")].filter(Boolean).join(" · ");
      if (about) panel.appendChild(el("p", { "class": "meta" }, about));
      panel.appendChild(el("p", {}, ordinal(node.data("place")) + " most listened-to of " + graph.nodes.length + "."));
      if (colourMode() === "side") {
        var side = SIDES[node.data("side")] || SIDES.unknown;
        panel.appendChild(el("p", { "class": "side" }, side.label + (api.campaign ? " — " + api.campaign : "")));
      }
      var links = el("p");
      links.appendChild(el("a", { href: "/people/" + node.id() }, "Open their page"));
      links.appendChild(document.createTextNode(" · "));
      links.appendChild(el("a", { href: "/people/" + node.id() + "/influence" }, "Why they matter"));
      panel.appendChild(links);
      var direct = node.connectedEdges().filter(function (e) { return shown(e) && !e.hasClass("meta-edge"); });
      var seen = {};
      var rows = [];
      direct.forEach(function (edge) {
        var other = edge.source().same(node) ? edge.target() : edge.source();
        if (seen[other.id()]) { seen[other.id()].text += ", " + relation(edge, node); return; }
        seen[other.id()] = { node: other, text: relation(edge, node) };
        rows.push(seen[other.id()]);
      });
      rows.sort(function (a, b) { return a.node.data("place") - b.node.data("place"); });
      var further = circle.nodes().length - 1 - rows.length;
      panel.appendChild(el("h3", {}, "Closest to them (" + rows.length + ")"));
      var list = el("ul");
      rows.slice(0, 40).forEach(function (row) {
        var item = el("li");
        item.appendChild(button(row.node.data("name"), function () { focus(row.node.id(), true); }));
        item.appendChild(el("span", { "class": "meta" }, " " + row.text));
        list.appendChild(item);
      });
      panel.appendChild(list);
      if (further > 0) panel.appendChild(el("p", { "class": "meta" }, "and " + further + " more two steps out."));
      panel.appendChild(button("Show everyone", showAll, { id: "map-show-all" }));
    }

    /* Shown: not hidden by a filter or a closed cluster, nor tied to someone who is. */
    function shown(ele) {
      if (ele.hasClass("off")) return false;
      return ele.isNode() || (!ele.source().hasClass("off") && !ele.target().hasClass("off"));
    }

    function focus(id, fit) {
      var node = cy.getElementById(String(id));
      if (!node.length) return false;
      if (node.hasClass("off") && groupsOf.state.by !== "none") {
        groupsOf.open(groupsOf.keyOf(node));
        refresh();
      }
      var steps = controls.steps ? Number(controls.steps.value) : 1;
      var circle = node.closedNeighborhood().filter(shown);
      if (steps > 1) circle = circle.union(circle.nodes().closedNeighborhood().filter(shown));
      cy.batch(function () {
        cy.elements().removeClass("faded focus near match");
        cy.elements().not(circle).addClass("faded");
        circle.nodes().addClass("near");
        node.addClass("focus");
      });
      if (fit) cy.fit(circle, 40);
      api.focus = node.id();
      container.dataset.focus = node.id();
      container.dataset.circle = String(circle.nodes().length);
      personPanel(node, circle);
      status.textContent = node.data("name") + " and " + (circle.nodes().length - 1) +
        (circle.nodes().length === 2 ? " person" : " people") + (steps > 1 ? " within two steps." : " tied to them directly.");
      return true;
    }

    function showAll() {
      cy.elements().removeClass("faded focus near match path");
      api.focus = null;
      delete container.dataset.focus;
      cy.fit(cy.nodes().not(".off"), 30);
      if (groupsOf.state.by !== "none") clusterPanel();
      else {
        panel.textContent = "";
        panel.appendChild(el("h2", { id: "map-panel-title" }, "Pick someone"));
        panel.appendChild(el("p", { "class": "meta" }, "Click a circle, or find a person above, to see who is close to them."));
      }
      status.textContent = n + (n === 1 ? " person, " : " people, ") + m + (m === 1 ? " tie." : " ties.");
    }

    cy.on("tap", "node", function (event) {
      var node = event.target;
      if (node.hasClass("cluster")) openCluster(node.data("key"));
      else focus(node.id(), false);
    });
    cy.on("dbltap", "node", function (event) {
      if (!event.target.hasClass("cluster")) window.location.href = "/people/" + event.target.id();
    });

    // Search on the map.
    var find = document.getElementById("map-find");
    find.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = controls.search.value;
      var id = personId(text, cy);
      if (id && focus(id, true)) return;
      var hits = matches(text, cy);
      cy.elements().removeClass("match");
      panel.textContent = "";
      panel.appendChild(el("h2", { id: "map-panel-title" }, hits.length ? "Which one?" : "No one found"));
      if (!hits.length) {
        panel.appendChild(el("p", {}, "No one on the map is called “" + text.trim() + "”. Check the spelling, or look in People."));
        return;
      }
      var list = el("ul");
      hits.slice(0, 20).forEach(function (node) {
        node.addClass("match");
        var item = el("li");
        item.appendChild(button(node.data("name"), function () { focus(node.id(), true); }));
        list.appendChild(item);
      });
      panel.appendChild(list);
    });
    controls.search.addEventListener("input", function () {
      var text = controls.search.value;
      cy.batch(function () {
        cy.nodes().removeClass("match");
        if (fold(text).length >= 2) matches(text, cy).forEach(function (node) { node.addClass("match"); });
      });
    });

    // Colour, clusters, circle size, campaign.
    if (controls.colour) controls.colour.addEventListener("change", function () {
      recolour();
      refresh();
      if (api.focus) focus(api.focus, false);
    });
    if (controls.gather) controls.gather.addEventListener("change", function () {
      groupsOf.gather(controls.gather.value);
      api.focus = null;
      cy.elements().removeClass("faded focus near match");
      refresh();
      cy.fit(cy.nodes().not(".off"), 30);
      if (controls.gather.value === "none") showAll();
    });
    if (controls.steps) controls.steps.addEventListener("change", function () { if (api.focus) focus(api.focus, true); });
    if (controls.campaign) controls.campaign.addEventListener("change", function () {
      var url = container.dataset.graphUrl + "?campaign=" + encodeURIComponent(controls.campaign.value);
      fetch(url, { headers: { Accept: "application/json" } }).then(function (r) { return r.json(); }).then(function (fresh) {
        api.campaign = fresh.campaign;
        fresh.nodes.forEach(function (node) { cy.getElementById(String(node.id)).data("side", node.side || "unknown"); });
        if (controls.colour.value !== "side") controls.colour.value = "side";
        recolour();
        refresh();
      });
    });

    // Zoom, fit, keyboard.
    function zoomBy(factor) {
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: container.clientWidth / 2, y: container.clientHeight / 2 } });
    }
    document.getElementById("map-fit").addEventListener("click", showAll);
    document.getElementById("map-zoom-in").addEventListener("click", function () { zoomBy(1.25); });
    document.getElementById("map-zoom-out").addEventListener("click", function () { zoomBy(0.8); });
    container.addEventListener("keydown", function (event) {
      var moves = { ArrowLeft: [60, 0], ArrowRight: [-60, 0], ArrowUp: [0, 60], ArrowDown: [0, -60] };
      if (moves[event.key]) { cy.panBy({ x: moves[event.key][0], y: moves[event.key][1] }); }
      else if (event.key === "+" || event.key === "=") { zoomBy(1.25); }
      else if (event.key === "-" || event.key === "_") { zoomBy(0.8); }
      else if (event.key === "Escape" || event.key === "0") { showAll(); }
      else if (event.key === "Enter" && api.focus) { window.location.href = "/people/" + api.focus; }
      else return;
      event.preventDefault();
    });

    // Export.
    function title() {
      var mode = colourMode();
      var what = mode === "side" ? (api.campaign || "campaign") + ": for and against" : mode === "group" ? "groups" : "units";
      var who = api.focus ? " around " + cy.getElementById(api.focus).data("name") : "";
      return "Network map" + who + " — " + what + ", circle size = influence";
    }
    document.getElementById("map-png").addEventListener("click", function () { window.alliesMapExport.png(cy); });
    document.getElementById("map-svg").addEventListener("click", function () {
      api.svg = window.alliesMapExport.svg(cy, title(), api.legend || []);
    });

    // Highlight the strongest path.
    var form = document.getElementById("path-form");
    var result = document.getElementById("path-result");
    function clearPath() {
      cy.elements().removeClass("path faded");
      result.textContent = "";
    }
    document.getElementById("path-clear").addEventListener("click", clearPath);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearPath();
      var from = personId(form.elements.from.value, cy);
      var to = personId(form.elements.to.value, cy);
      if (!to) { result.textContent = "Pick the person to reach from the suggestions."; return; }
      var url = container.dataset.pathUrl + "?target=" + encodeURIComponent(to) +
        (from ? "&source=" + encodeURIComponent(from) : "");
      fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (answer) {
        if (!answer.ok) { result.textContent = answer.body.detail || "No path found."; return; }
        var path = answer.body;
        cy.elements().addClass("faded");
        path.person_ids.forEach(function (id) { cy.getElementById(String(id)).removeClass("faded").addClass("path"); });
        path.tie_ids.forEach(function (id) { cy.getElementById("t" + id).removeClass("faded").addClass("path"); });
        result.textContent = path.steps.map(function (s) { return s.name; }).join(" → ");
        container.dataset.pathLength = String(path.person_ids.length);
      }).catch(function () { result.textContent = "The path could not be fetched."; });
    });

    // At scale, start from the groups (a hairball of thousands says nothing): people are
    // gathered, and the clusters open on click, by search or by focus.
    if (big && controls.gather) {
      controls.gather.value = "group";
      groupsOf.gather("group");
    }
    recolour();
    refresh();
    if (big) cy.fit(cy.nodes().not(".off"), 30);
    var start = container.dataset.focus;
    if (start && cy.getElementById(start).length) {
      focus(start, true);
      form.elements.to.value = cy.getElementById(start).data("name") + " (#" + start + ")";
    }
    container.dataset.ready = "true";
  }

  function start() {
    var container = document.getElementById("cy");
    if (!container || !window.cytoscape) return;
    fetch(container.dataset.graphUrl, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (graph) { draw(container, graph); })
      .catch(function (error) {
        document.getElementById("map-status").textContent = "The network could not be loaded (" + error.message + ").";
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
