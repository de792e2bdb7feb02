/* allies: the map's clusters. Gathered by group or unit, each closed cluster is one circle
   (sized by how many it holds) at the middle of its people, with one line to each other
   cluster or person its people have ties with; opening a cluster shows its people again. */
(function () {
  "use strict";

  function clusters(cy) {
    var state = { by: "none", open: {} };

    function keyOf(node) {
      return state.by === "group" ? node.data("groupName") : node.data("unit");
    }

    /* Hidden people and ties carry the class "off" (display: none in the style sheet):
       classes changed in bulk, never one style at a time, so 2,000 people stay quick. */
    function apply(shownKinds, shownUnits, colours) {
      var kindOn = {};
      shownKinds.forEach(function (k) { kindOn[k] = true; });
      var unitOn = {};
      shownUnits.forEach(function (u) { unitOn[u] = true; });
      cy.batch(function () {
        cy.remove(".cluster, .meta-edge");
        var off = [], on = [], members = {}, rep = {}, added = [];
        cy.nodes().forEach(function (node) {
          if (!unitOn[node.data("unit")]) { off.push(node); return; }
          if (state.by === "none") { on.push(node); rep[node.id()] = node.id(); return; }
          var key = keyOf(node);
          (members[key] = members[key] || []).push(node);
        });
        Object.keys(members).forEach(function (key) {
          var group = members[key];
          if (state.open[key]) {
            group.forEach(function (node) { on.push(node); rep[node.id()] = node.id(); });
            return;
          }
          var x = 0, y = 0, weight = 0;
          group.forEach(function (node) {
            var p = node.position();
            x += p.x; y += p.y; weight += node.data("influence") || 0;
            off.push(node);
            rep[node.id()] = "c:" + key;
          });
          added.push({ group: "nodes", classes: "cluster", data: {
            id: "c:" + key, key: key, name: key + " (" + group.length + ")", count: group.length,
            influence: weight, colour: colours(group[0]), shape: "ellipse", fontSize: 14,
            diameter: Math.round(30 + 14 * Math.sqrt(group.length))
          }, position: { x: x / group.length, y: y / group.length } });
        });
        cy.collection(off).addClass("off");
        cy.collection(on).removeClass("off");
        var edgesOff = [], edgesOn = [], links = {};
        cy.edges().forEach(function (edge) {
          var kindShown = kindOn[edge.data("kind")];
          var s = edge.data("source"), t = edge.data("target");
          var a = rep[s], b = rep[t];
          var direct = kindShown && a === s && b === t;
          (direct ? edgesOn : edgesOff).push(edge);
          if (!kindShown || !a || !b || a === b || direct) return;
          var pair = a < b ? a + "|" + b : b + "|" + a;
          links[pair] = (links[pair] || 0) + 1;
        });
        cy.collection(edgesOff).addClass("off");
        cy.collection(edgesOn).removeClass("off");
        Object.keys(links).forEach(function (pair) {
          var ends = pair.split("|");
          added.push({ group: "edges", classes: "meta-edge", data: {
            id: "m:" + pair, source: ends[0], target: ends[1], count: links[pair],
            width: Math.min(12, 1 + Math.log(1 + links[pair]) * 2)
          } });
        });
        cy.add(added);
      });
    }

    return {
      state: state,
      apply: apply,
      keyOf: keyOf,
      gather: function (by) { state.by = by; state.open = {}; },
      open: function (key) { state.open[key] = true; },
      close: function (key) { delete state.open[key]; },
      closed: function () {
        return cy.nodes(".cluster").map(function (n) { return { key: n.data("key"), count: n.data("count") }; });
      },
      opened: function () { return Object.keys(state.open); }
    };
  }

  window.alliesMapClusters = clusters;
})();
