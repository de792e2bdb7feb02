/* allies: the network map, drawn with Cytoscape.js from /api/v1/graph. */
(function () {
  "use strict";

  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
                 "#8c564b", "#e377c2", "#bcbd22", "#393b79", "#637939", "#843c39"];
  var NO_UNIT = "(no unit)";
  var KIND_LABELS = {
    listens_to: "listens to", trusts: "trusts", reports_to: "reports to",
    works_with: "works with", knows: "knows"
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
    if (colour) {
      var swatch = el("span", { "class": "swatch", "aria-hidden": "true" });
      swatch.style.backgroundColor = colour;
      label.appendChild(swatch);
    } else {
      var line = el("span", { "class": "line-sample kind-" + value, "aria-hidden": "true" });
      label.appendChild(line);
    }
    label.appendChild(document.createTextNode(" " + text));
    container.appendChild(label);
    return input;
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
    var lower = value.toLowerCase();
    var hits = cy.nodes().filter(function (n) { return n.data("name").toLowerCase().indexOf(lower) !== -1; });
    return hits.length === 1 ? hits[0].id() : null;
  }

  function draw(container, graph) {
    var status = document.getElementById("map-status");
    var units = graph.units.slice();
    var colours = {};
    units.forEach(function (unit, i) { colours[unit] = PALETTE[i % PALETTE.length]; });
    colours[NO_UNIT] = "#888888";

    var elements = graph.nodes.map(function (n) {
      var unit = n.unit || NO_UNIT;
      return { group: "nodes", data: {
        id: String(n.id), name: n.name, unit: unit, level: n.level, isMe: n.is_me,
        colour: colours[unit], diameter: Math.round(22 + 48 * n.size)
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
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", "label": "data(name)", "width": "data(diameter)",
          "height": "data(diameter)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
          "color": "#222", "text-background-color": "#fff", "text-background-opacity": 0.7,
          "text-background-padding": 1, "min-zoomed-font-size": 7 } },
        { selector: "node[?isMe]", style: { "border-width": 3, "border-color": "#000" } },
        { selector: "edge", style: {
          "width": "data(width)", "curve-style": "bezier", "line-color": "#999",
          "target-arrow-color": "#999", "arrow-scale": 0.8,
          "opacity": graph.edges.length > 150 ? 0.45 : 0.8 } },
        { selector: "edge[kind = 'listens_to']", style: {
          "line-color": "#444", "target-arrow-color": "#444", "target-arrow-shape": "triangle" } },
        { selector: "edge[kind = 'trusts']", style: {
          "line-color": "#2a8f4a", "target-arrow-color": "#2a8f4a", "line-style": "dashed",
          "target-arrow-shape": "triangle" } },
        { selector: "edge[kind = 'reports_to']", style: {
          "line-color": "#7a5195", "target-arrow-color": "#7a5195", "target-arrow-shape": "tee" } },
        { selector: "edge[kind = 'works_with']", style: {
          "line-color": "#3a7bd5", "line-style": "dotted" } },
        { selector: "edge[kind = 'knows']", style: {
          "line-color": "#bbb", "line-style": "dotted", "width": 1 } },
        { selector: "edge[!current]", style: { "opacity": 0.25 } },
        { selector: ".faded", style: { "opacity": 0.12 } },
        { selector: "node.path", style: { "border-width": 4, "border-color": "#f0a500" } },
        { selector: "edge.path", style: {
          "line-color": "#f0a500", "target-arrow-color": "#f0a500", "width": 6, "opacity": 1,
          "z-index": 10 } },
        { selector: "node.focus", style: { "border-width": 5, "border-color": "#f0a500" } }
      ],
      layout: { name: graph.nodes.length > 1 ? "cose" : "grid", animate: false,
                nodeRepulsion: function () { return graph.nodes.length > 30 ? 60000 : 9000; },
                idealEdgeLength: function () { return graph.nodes.length > 30 ? 140 : 90; },
                nodeOverlap: 20, gravity: 0.6, randomize: false, fit: true, padding: 30 }
    });

    window.alliesMap = { cy: cy, nodeCount: cy.nodes().length, edgeCount: cy.edges().length };
    container.dataset.nodeCount = String(cy.nodes().length);
    container.dataset.edgeCount = String(cy.edges().length);
    container.dataset.ready = "true";

    var n = graph.nodes.length;
    var m = graph.edges.length;
    status.textContent = n + (n === 1 ? " person, " : " people, ") + m + (m === 1 ? " tie. " : " ties. ") +
      "Circle size: " + (graph.sized_by === "influence" ? "influence (who is listened to)." : "ties received.") +
      " Click someone to open their page.";

    cy.on("tap", "node", function (event) {
      window.location.href = "/people/" + event.target.id();
    });

    // Filters by tie kind and unit.
    var kindBox = document.getElementById("kind-filters");
    var unitBox = document.getElementById("unit-filters");
    var kinds = Object.keys(KIND_LABELS);
    var kindInputs = kinds.filter(function (k) { return graph.kinds.indexOf(k) !== -1; }).map(function (k) {
      return checkbox(kindBox, "kind", k, KIND_LABELS[k]);
    });
    var unitValues = units.slice();
    if (graph.nodes.some(function (node) { return !node.unit; })) unitValues.push(NO_UNIT);
    var unitInputs = unitValues.map(function (u) { return checkbox(unitBox, "unit", u, u, colours[u]); });
    if (!kindInputs.length) kindBox.appendChild(el("p", { "class": "meta" }, "No ties yet."));
    if (!unitInputs.length) unitBox.appendChild(el("p", { "class": "meta" }, "No units yet."));

    function applyFilters() {
      var shownKinds = kindInputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      var shownUnits = unitInputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      cy.batch(function () {
        cy.nodes().forEach(function (node) {
          node.style("display", shownUnits.indexOf(node.data("unit")) === -1 ? "none" : "element");
        });
        cy.edges().forEach(function (edge) {
          edge.style("display", shownKinds.indexOf(edge.data("kind")) === -1 ? "none" : "element");
        });
      });
    }
    kindInputs.concat(unitInputs).forEach(function (input) { input.addEventListener("change", applyFilters); });

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
        result.textContent = path.steps.map(function (s) { return s.name; }).join(" → ") +
          " (strength " + path.strength.toFixed(2) + ")";
        container.dataset.pathLength = String(path.person_ids.length);
      }).catch(function () { result.textContent = "The path could not be fetched."; });
    });

    var focus = container.dataset.focus;
    if (focus) {
      var node = cy.getElementById(focus);
      if (node.length) { node.addClass("focus"); cy.center(node); form.elements.to.value = node.data("name") + " (#" + focus + ")"; }
    }
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
