/* allies: the network map, drawn with Cytoscape.js from /api/v1/graph.
   A small network comes whole; a large one as an overview (clusters and the most
   influential people) from which a cluster or a person's circle is fetched when opened.
   Find someone to see their circle (the rest fades), colour by unit, group or campaign
   side, gather people into clusters that open on click, export PNG or SVG; the keyboard
   works too. */
(function () {
  "use strict";

  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
                 "#8c564b", "#e377c2", "#bcbd22", "#393b79", "#637939", "#843c39"];
  var ELEMENTS = window.alliesMapElements;
  var NO_UNIT = ELEMENTS.NO_UNIT;
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

  /* Say above the map that it is being drawn (text), or take the note away (null). */
  function drawing(text) {
    var container = document.getElementById("cy");
    var note = document.getElementById("map-drawing");
    var status = document.getElementById("map-status");
    if (text === null) {
      if (note) note.remove();
      if (container) delete container.dataset.drawing;
      return;
    }
    text += " It appears here by itself when it is ready.";
    if (status) status.textContent = text;
    if (!container) return;
    container.dataset.drawing = "true";
    if (!note) {
      note = document.createElement("p");
      note.id = "map-drawing";
      note.className = "note map-drawing";
      note.setAttribute("role", "status");
      container.parentNode.insertBefore(note, container);
    }
    note.textContent = text;
  }

  /* The JSON at url. A large network's map being drawn after a change answers 202 with
     Retry-After: say so in the status line and ask again until it is there. */
  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        if (response.status === 202) {
          drawing(body.detail || "The map is being drawn.");
          var wait = Math.min(Math.max(parseInt(response.headers.get("Retry-After"), 10) || 3, 1), 30);
          return new Promise(function (resolve) { setTimeout(resolve, wait * 1000); })
            .then(function () { return getJson(url); });
        }
        if (!response.ok) throw new Error(body.detail || ("HTTP " + response.status));
        drawing(null);
        return body;
      });
    });
  }

  function draw(container, graph) {
    var status = document.getElementById("map-status");
    var large = graph.level === "overview";
    var units = graph.units.slice();
    var unitColours = {};
    units.forEach(function (unit, i) { unitColours[unit] = PALETTE[i % PALETTE.length]; });
    unitColours[NO_UNIT] = "#888888";
    var big = large || graph.nodes.length > 500;
    var controls = {
      colour: document.getElementById("map-colour"),
      gather: document.getElementById("map-gather"),
      steps: document.getElementById("map-steps"),
      campaign: document.getElementById("map-campaign"),
      search: document.getElementById("map-search")
    };
    function colourMode() { return controls.colour ? controls.colour.value : "unit"; }
    var colourers = {
      unit: function (data) { return unitColours[data.unit] || "#888888"; },
      group: function (data) { return PALETTE[data.group % PALETTE.length]; },
      side: function (data) { return (SIDES[data.side] || SIDES.unknown).colour; }
    };
    function paint(data) {
      var mode = colourMode();
      var side = SIDES[data.side] || SIDES.unknown;
      return { colour: (colourers[mode] || colourers.unit)(data),
               shape: mode === "side" ? side.shape : "ellipse",
               classes: mode === "side" && side === SIDES.unknown ? "nostance" : "" };
    }
    if (large && controls.gather) {
      // The server gathers a large network; "no clusters" would be a hairball.
      var none = controls.gather.querySelector('option[value="none"]');
      if (none) none.remove();
      controls.gather.value = graph.by;
      // Clusters are regions of the map: coloured by what they are, they read at once.
      if (controls.colour && controls.colour.value === "unit" && graph.by === "group") controls.colour.value = "group";
    }

    var cy = window.cytoscape({
      container: container,
      elements: ELEMENTS.build(graph, paint),
      textureOnViewport: big, hideEdgesOnViewport: big, motionBlur: false,
      pixelRatio: big ? 1 : "auto",
      style: ELEMENTS.style(big, graph.edges.length > 150),
      layout: large ? { name: "preset", fit: true, padding: 30 } : ELEMENTS.layout(graph)
    });
    var names = window.alliesMapLabels(cy);
    var groupsOf = window.alliesMapClusters(cy);
    var api = { cy: cy, nodeCount: cy.nodes().length, edgeCount: cy.edges().length, focus: null,
                campaign: graph.campaign, svg: null, large: large, graph: graph };
    window.alliesMap = api;
    // What the server draws for a large network: clusters opened, a focus, people on a path.
    var view = { by: graph.by, opened: [], focus: null, depth: 1, people: [], campaign: null };

    function recolour() {
      cy.batch(function () {
        (large ? cy.nodes() : cy.nodes().not(".cluster")).forEach(function (node) {
          var look = paint(node.data());
          if (node.data("colour") !== look.colour) node.data("colour", look.colour);
          if (!node.hasClass("cluster") && node.data("shape") !== look.shape) node.data("shape", look.shape);
          if (look.classes && !node.hasClass("cluster")) node.addClass("nostance"); else node.removeClass("nostance");
        });
      });
      legend();
    }

    function legend() {
      var box = document.getElementById("map-legend");
      box.textContent = "";
      var mode = colourMode();
      var items = [];
      if (mode === "side") {
        if (graph.sides && graph.sides.length) {
          graph.sides.forEach(function (s) {
            var side = SIDES[s.side] || SIDES.unknown;
            items.push({ colour: side.colour, shape: side.shape,
                         label: side.label + ": " + s.people + (s.people === 1 ? " person, " : " people, ") +
                                Math.round(100 * s.influence) + "% of the influence" });
          });
        } else {
          var people = cy.nodes().not(".cluster");
          var total = people.reduce(function (sum, n) { return sum + (n.data("influence") || 0); }, 0) || 1;
          Object.keys(SIDES).forEach(function (side) {
            var on = people.filter(function (n) { return n.data("side") === side; });
            var weight = on.reduce(function (sum, n) { return sum + (n.data("influence") || 0); }, 0);
            items.push({ colour: SIDES[side].colour, shape: SIDES[side].shape,
                         label: SIDES[side].label + ": " + on.length + (on.length === 1 ? " person, " : " people, ") +
                                Math.round(100 * weight / total) + "% of the influence" });
          });
        }
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

    /* Fit the view to some elements, no closer than a little above full size. */
    function fitTo(elements, padding) {
      if (!elements.length) return;
      cy.fit(elements, padding);
      if (cy.zoom() > 1.6) cy.zoom({ level: 1.6, position: elements.boundingBox ? centre(elements) : undefined });
    }

    function centre(elements) {
      var box = elements.boundingBox();
      return { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
    }

    function counts() {
      container.dataset.nodeCount = String(cy.nodes().length);
      container.dataset.edgeCount = String(cy.edges().length);
      api.nodeCount = cy.nodes().length;
      api.edgeCount = cy.edges().length;
    }

    function overall() {
      var n = graph.people || graph.nodes.length, m = graph.ties || graph.edges.length;
      var text = n + (n === 1 ? " person, " : " people, ") + m + (m === 1 ? " tie." : " ties.");
      if (large) {
        text += " Shown: the " + (graph.by === "unit" ? "units" : "groups") + " and the " +
          graph.nodes.length + " people drawn on their own; open a circle to see its people.";
      }
      return text;
    }
    status.textContent = overall() + " Bigger circles are " +
      (graph.sized_by === "influence" ? "listened to more." : "named in more ties.");
    document.getElementById("map-legend-size").textContent = "Circle size here: " +
      (graph.sized_by === "influence" ? "influence (who is listened to)." : "ties received (no listening recorded yet).");

    // Filters by tie kind and unit, and the clusters.
    var kindBox = document.getElementById("kind-filters");
    var unitBox = document.getElementById("unit-filters");
    var kindInputs = Object.keys(KIND_LABELS).filter(function (k) { return graph.kinds.indexOf(k) !== -1; })
      .map(function (k) { return checkbox(kindBox, "kind", k, KIND_LABELS[k]); });
    var unitValues = units.slice();
    if (!large && graph.nodes.some(function (node) { return !node.unit; })) unitValues.push(NO_UNIT);
    var unitInputs = unitValues.length > 40 ? [] :
      unitValues.map(function (u) { return checkbox(unitBox, "unit", u, u, unitColours[u]); });
    if (!kindInputs.length) kindBox.appendChild(el("p", { "class": "meta" }, "No ties yet."));
    if (!unitValues.length) unitBox.appendChild(el("p", { "class": "meta" }, "No units yet."));
    else if (!unitInputs.length) unitBox.hidden = true;

    function shownFilters() {
      var kinds = kindInputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      var shownUnits = unitInputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      if (!unitInputs.length) shownUnits = unitValues.concat([NO_UNIT]);
      return { kinds: kinds, units: shownUnits };
    }

    /* A large network: the people and ties the filters leave out carry "off". */
    function filterLarge(shownKinds, shownUnits) {
      var kindOn = {}, unitOn = {};
      shownKinds.forEach(function (k) { kindOn[k] = true; });
      shownUnits.forEach(function (u) { unitOn[u] = true; });
      cy.batch(function () {
        var people = cy.nodes().not(".cluster");
        var off = people.filter(function (n) { return !unitOn[n.data("unit")]; });
        people.difference(off).removeClass("off");
        off.addClass("off");
        var ties = cy.edges().not(".meta-edge");
        var hidden = ties.filter(function (e) {
          return !kindOn[e.data("kind")] || e.source().hasClass("off") || e.target().hasClass("off");
        });
        ties.difference(hidden).removeClass("off");
        hidden.addClass("off");
      });
    }

    function refresh() {
      var shown = shownFilters();
      if (large) filterLarge(shown.kinds, shown.units);
      else groupsOf.apply(shown.kinds, shown.units, function (node) { return paint(node.data()).colour; });
      container.dataset.clusters = String(cy.nodes(".cluster").length);
      if (!large && api.focus && !cy.getElementById(api.focus).hasClass("off")) focus(api.focus, false);
      else if (large ? !api.focus : groupsOf.state.by !== "none") clusterPanel();
      names.soon();
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
      var by = large ? graph.by : groupsOf.state.by;
      panel.textContent = "";
      panel.appendChild(el("h2", { id: "map-panel-title" }, by === "group" ? "Groups" : "Units"));
      panel.appendChild(el("p", { "class": "meta" }, "Open a cluster to see its people; the lines between clusters count the ties."));
      var list = el("ul");
      var closed = large ? graph.clusters.filter(function (c) { return c.hidden > 0; }).map(function (c) {
        return { key: c.key, name: c.name, count: c.hidden, top: c.top };
      }) : groupsOf.closed().map(function (c) { return { key: c.key, name: c.key, count: c.count }; });
      closed.sort(function (a, b) { return b.count - a.count; }).slice(0, 60).forEach(function (c) {
        var item = el("li");
        item.appendChild(button("Open " + c.name + " (" + c.count + ")", function () { openCluster(c.key); }));
        if (c.top && c.top.length) item.appendChild(el("span", { "class": "meta" }, " " + c.top.join(", ")));
        list.appendChild(item);
      });
      var opened = large ? view.opened : groupsOf.opened();
      opened.forEach(function (key) {
        var item = el("li");
        var label = large ? (graph.clusterNames[key] || key) : key;
        item.appendChild(button("Close " + label, function () { closeCluster(key); }));
        list.appendChild(item);
      });
      panel.appendChild(list);
      if (closed.length > 60) panel.appendChild(el("p", { "class": "meta" }, "and " + (closed.length - 60) + " smaller ones on the map."));
    }

    /* Fetch what the server draws for the view and draw it in place of the last one. */
    function load(fit) {
      var params = ["by=" + encodeURIComponent(view.by)];
      view.opened.forEach(function (key) { params.push("cluster=" + encodeURIComponent(key)); });
      if (view.focus) params.push("focus=" + encodeURIComponent(view.focus), "depth=" + view.depth);
      if (view.campaign) params.push("campaign=" + encodeURIComponent(view.campaign));
      view.people.forEach(function (id) { params.push("person=" + encodeURIComponent(id)); });
      container.dataset.busy = "true";
      container.setAttribute("aria-busy", "true");
      return getJson(container.dataset.graphUrl + "?" + params.join("&")).then(function (fresh) {
        replace(fresh);
        if (fit) cy.fit(cy.nodes().not(".off"), 30);
        return fresh;
      }).catch(function (error) {
        status.textContent = "The map could not be loaded (" + error.message + ").";
        throw error;
      }).finally(function () {
        delete container.dataset.busy;
        container.removeAttribute("aria-busy");
      });
    }

    function replace(fresh) {
      graph = fresh;
      api.graph = fresh;
      api.campaign = fresh.campaign;
      remember(fresh);
      names.reset();
      cy.batch(function () {
        cy.elements().remove();
        cy.add(ELEMENTS.build(fresh, paint));
      });
      counts();
      legend();
      refresh();
    }

    function remember(fresh) {
      graph.clusterNames = api.clusterNames || {};
      (fresh.clusters || []).forEach(function (c) { graph.clusterNames[c.key] = c.name; });
      api.clusterNames = graph.clusterNames;
    }
    remember(graph);

    function openCluster(key) {
      if (!large) {
        groupsOf.open(key);
        refresh();
        var members = cy.nodes().not(".cluster").filter(function (node) { return groupsOf.keyOf(node) === key; });
        fitTo(members, 40);
        container.dataset.opened = key;
        clusterPanel();
        return Promise.resolve();
      }
      if (view.opened.indexOf(key) === -1) view.opened.push(key);
      view.focus = null;
      api.focus = null;
      delete container.dataset.focus;
      return load(false).then(function () {
        var members = cy.nodes().not(".cluster").filter(function (node) { return node.data("cluster") === key; });
        fitTo(members, 40);
        container.dataset.opened = key;
        clusterPanel();
        status.textContent = (graph.clusterNames[key] || key) + ": " + members.length + " people shown" +
          (graph.left_out ? ", " + graph.left_out + " more not drawn." : ".");
      });
    }

    function closeCluster(key) {
      if (!large) { groupsOf.close(key); refresh(); return; }
      view.opened = view.opened.filter(function (k) { return k !== key; });
      load(false).then(clusterPanel);
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
      panel.appendChild(el("p", {}, ordinal(node.data("place")) + " most listened-to of " +
                                    (graph.people || graph.nodes.length) + "."));
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
      if (large && graph.left_out) panel.appendChild(el("p", { "class": "meta" }, graph.left_out + " more, less influential, are not drawn."));
      panel.appendChild(button("Show everyone", showAll, { id: "map-show-all" }));
    }

    /* Shown: not hidden by a filter or a closed cluster, nor tied to someone who is. */
    function shown(ele) {
      if (ele.hasClass("off")) return false;
      return ele.isNode() || (!ele.source().hasClass("off") && !ele.target().hasClass("off"));
    }

    function steps() { return controls.steps ? Number(controls.steps.value) : 1; }

    /* Fade all but the circle (people and the ties between them). */
    function highlight(node, circle, fit) {
      cy.batch(function () {
        cy.elements().removeClass("faded focus near match");
        cy.elements().not(circle).addClass("faded");
        circle.nodes().addClass("near");
        node.addClass("focus");
      });
      if (fit) fitTo(circle, 40);
      api.focus = node.id();
      container.dataset.focus = node.id();
      container.dataset.circle = String(circle.nodes().length);
      personPanel(node, circle);
      status.textContent = node.data("name") + " and " + (circle.nodes().length - 1) +
        (circle.nodes().length === 2 ? " person" : " people") + (steps() > 1 ? " within two steps." : " tied to them directly.");
      names.soon();
    }

    function focus(id, fit) {
      if (large) {
        view.focus = String(id);
        view.depth = steps();
        return load(false).then(function () {
          var node = cy.getElementById(String(id));
          var wanted = {};
          graph.circle.forEach(function (pid) { wanted[String(pid)] = true; });
          var people = cy.nodes().filter(function (n) { return wanted[n.id()]; });
          highlight(node, people.union(people.edgesWith(people)).filter(shown), fit);
          return true;
        }, function () { return false; });
      }
      var node = cy.getElementById(String(id));
      if (!node.length) return false;
      if (node.hasClass("off") && groupsOf.state.by !== "none") {
        groupsOf.open(groupsOf.keyOf(node));
        refresh();
      }
      var circle = node.closedNeighborhood().filter(shown);
      if (steps() > 1) circle = circle.union(circle.nodes().closedNeighborhood().filter(shown));
      highlight(node, circle, fit);
      return true;
    }

    function idle() {
      panel.textContent = "";
      panel.appendChild(el("h2", { id: "map-panel-title" }, "Pick someone"));
      panel.appendChild(el("p", { "class": "meta" }, "Click a circle, or find a person above, to see who is close to them."));
    }

    function showAll() {
      var wasFocus = api.focus;
      cy.elements().removeClass("faded focus near match path");
      api.focus = null;
      delete container.dataset.focus;
      if (large && (wasFocus || view.people.length)) {
        view.focus = null;
        view.people = [];
        load(true).then(function () { clusterPanel(); status.textContent = overall(); });
        return;
      }
      cy.fit(cy.nodes().not(".off"), 30);
      if (large || groupsOf.state.by !== "none") clusterPanel();
      else idle();
      status.textContent = overall();
      names.soon();
    }

    cy.on("tap", "node", function (event) {
      var node = event.target;
      if (node.hasClass("cluster")) { if (node.data("count") > 0) openCluster(node.data("key")); }
      else focus(node.id(), false);
    });
    cy.on("dbltap", "node", function (event) {
      if (!event.target.hasClass("cluster")) window.location.href = "/people/" + event.target.id();
    });

    // Search on the map (a large network: also among the people not drawn).
    var find = document.getElementById("map-find");
    function choices(hits, text) {
      panel.textContent = "";
      panel.appendChild(el("h2", { id: "map-panel-title" }, hits.length ? "Which one?" : "No one found"));
      if (!hits.length) {
        panel.appendChild(el("p", {}, "No one on the map is called “" + text.trim() + "”. Check the spelling, or look in People."));
        return;
      }
      var list = el("ul");
      hits.slice(0, 20).forEach(function (hit) {
        var item = el("li");
        item.appendChild(button(hit.name, function () { focus(hit.id, true); }));
        list.appendChild(item);
      });
      panel.appendChild(list);
    }
    find.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = controls.search.value;
      var id = personId(text, cy);
      cy.elements().removeClass("match");
      if (id && (large || cy.getElementById(id).length)) { focus(id, true); return; }
      var hits = matches(text, cy).map(function (node) {
        node.addClass("match");
        return { id: node.id(), name: node.data("name") };
      });
      if (!large || fold(text).length < 2) { choices(hits, text); return; }
      getJson("/suggest/people?q=" + encodeURIComponent(text.trim())).then(function (found) {
        var more = found.map(function (item) {
          var m = String(item).match(/^(.*) \(#(\d+)\)$/);
          return m ? { id: m[2], name: m[1] } : null;
        }).filter(Boolean);
        var exact = more.filter(function (h) { return fold(h.name) === fold(text); });
        if (exact.length === 1 || more.length === 1) { focus((exact[0] || more[0]).id, true); return; }
        choices(more.length ? more : hits, text);
      }).catch(function () { choices(hits, text); });
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
      if (api.focus && !large) focus(api.focus, false);
    });
    if (controls.gather) controls.gather.addEventListener("change", function () {
      api.focus = null;
      cy.elements().removeClass("faded focus near match");
      if (large) {
        view.by = controls.gather.value;
        if (controls.colour && controls.colour.value !== "side") controls.colour.value = view.by;
        view.opened = [];
        view.focus = null;
        load(true).then(clusterPanel);
        return;
      }
      groupsOf.gather(controls.gather.value);
      refresh();
      cy.fit(cy.nodes().not(".off"), 30);
      if (controls.gather.value === "none") showAll();
    });
    if (controls.steps) controls.steps.addEventListener("change", function () { if (api.focus) focus(api.focus, true); });
    if (controls.campaign) controls.campaign.addEventListener("change", function () {
      if (controls.colour.value !== "side") controls.colour.value = "side";
      if (large) {
        view.campaign = controls.campaign.value;
        load(false).then(function () { recolour(); if (api.focus) focus(api.focus, false); });
        return;
      }
      var url = container.dataset.graphUrl + "?campaign=" + encodeURIComponent(controls.campaign.value);
      getJson(url).then(function (fresh) {
        api.campaign = fresh.campaign;
        graph.sides = fresh.sides;
        fresh.nodes.forEach(function (node) { cy.getElementById(String(node.id)).data("side", node.side || "unknown"); });
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

    // Highlight the strongest path (a large network: its people are fetched first).
    var form = document.getElementById("path-form");
    var result = document.getElementById("path-result");
    function clearPath() {
      cy.elements().removeClass("path faded");
      result.textContent = "";
    }
    function showPath(path) {
      cy.batch(function () {
        cy.elements().removeClass("focus near").addClass("faded");
        path.person_ids.forEach(function (id) { cy.getElementById(String(id)).removeClass("faded").addClass("path"); });
        path.tie_ids.forEach(function (id) { cy.getElementById("t" + id).removeClass("faded").addClass("path"); });
      });
      result.textContent = path.steps.map(function (s) { return s.name; }).join(" → ");
      container.dataset.pathLength = String(path.person_ids.length);
      names.soon();
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
      getJson(url).then(function (path) {
        var missing = path.person_ids.filter(function (id) { return !cy.getElementById(String(id)).length; });
        if (!large || !missing.length) { showPath(path); return; }
        view.people = path.person_ids.map(String);
        view.focus = null;
        api.focus = null;
        delete container.dataset.focus;
        load(false).then(function () { showPath(path); });
      }).catch(function (error) { result.textContent = error.message || "No path found."; });
    });

    // A small network drawn whole but too big to read starts gathered into groups.
    if (!large && big && controls.gather) {
      controls.gather.value = "group";
      groupsOf.gather("group");
    }
    legend();
    counts();
    refresh();
    if (big && !large) cy.fit(cy.nodes().not(".off"), 30); // the overview was fitted when drawn
    if (!large && groupsOf.state.by === "none") idle();
    var start = container.dataset.focus;
    var ready = function () {
      names.run();
      container.dataset.ready = "true";
      if (window.performance && performance.mark) performance.mark("map-drawn");
    };
    if (start) {
      var named = function () {
        var node = cy.getElementById(start);
        if (node.length) form.elements.to.value = node.data("name") + " (#" + start + ")";
        ready();
      };
      var begun = focus(start, true);
      if (begun && begun.then) begun.then(named, named); else named();
    } else {
      ready();
    }
  }

  function start() {
    var container = document.getElementById("cy");
    if (!container || !window.cytoscape) return;
    getJson(container.dataset.graphUrl)
      .then(function (graph) {
        // Marks for the benchmark: when the data came, and (map-drawn) when it is drawn.
        if (window.performance && performance.mark) performance.mark("map-data");
        draw(container, graph);
      })
      .catch(function (error) {
        document.getElementById("map-status").textContent = "The network could not be loaded (" + error.message + ").";
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
