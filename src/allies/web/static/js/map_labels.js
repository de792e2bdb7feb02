/* allies: the map's names, readable. At any zoom only the names that fit are drawn: the
   most important first (the person in focus, a path, clusters, then the bigger circles),
   and a name that would cover one already placed, or a bigger circle, is left out (class
   "quiet"). Names too small to read at this zoom are not drawn (Cytoscape's
   min-zoomed-font-size), except those of the biggest circles on screen, drawn at a
   readable size whatever the zoom: at low zoom only the larger circles are named. Runs
   once a zoom or pan settles, on what is on screen, with classes changed in one batch;
   only the few names kept readable get a size of their own. */
(function () {
  "use strict";

  var CELL = 64; // px: the grid that finds neighbouring labels quickly
  var READABLE = 11; // px: the size of a name kept readable at low zoom
  var NAMED = "font-size min-zoomed-font-size text-margin-y";

  function rank(node) {
    if (node.hasClass("focus") || node.hasClass("path")) return 3;
    if (node.data("isMe")) return 2;
    if (node.hasClass("near") || node.hasClass("match")) return 2;
    // Clusters and the most influential people are named before the rest.
    if (node.hasClass("cluster") || node.data("place") <= 15) return 1;
    return 0;
  }

  function labels(cy) {
    var timer = null;
    var quiet = cy.collection(), named = cy.collection(), namedZoom = null;

    function overlaps(grid, box) {
      for (var gx = Math.floor(box.x1 / CELL); gx <= Math.floor(box.x2 / CELL); gx++) {
        for (var gy = Math.floor(box.y1 / CELL); gy <= Math.floor(box.y2 / CELL); gy++) {
          var cell = grid[gx + ":" + gy];
          if (!cell) continue;
          for (var i = 0; i < cell.length; i++) {
            var o = cell[i];
            if (box.x1 < o.x2 && o.x1 < box.x2 && box.y1 < o.y2 && o.y1 < box.y2) return true;
          }
        }
      }
      return false;
    }

    function keep(grid, box) {
      for (var gx = Math.floor(box.x1 / CELL); gx <= Math.floor(box.x2 / CELL); gx++) {
        for (var gy = Math.floor(box.y1 / CELL); gy <= Math.floor(box.y2 / CELL); gy++) {
          (grid[gx + ":" + gy] = grid[gx + ":" + gy] || []).push(box);
        }
      }
    }

    function swap(before, after, cls) {
      var gone = before.difference(after);
      var fresh = after.difference(before);
      if (gone.length) gone.removeClass(cls);
      if (fresh.length) fresh.addClass(cls);
    }

    function run() {
      timer = null;
      var zoom = cy.zoom();
      var width = cy.width(), height = cy.height();
      // How many names the screen can hold without crowding: the biggest get theirs.
      var room = Math.max(8, Math.round(width * height / 9000));
      var candidates = [];
      cy.nodes().forEach(function (node) {
        if (node.hasClass("off") || node.hasClass("faded")) return;
        var p = node.renderedPosition();
        var r = (node.data("diameter") || 20) * zoom / 2;
        if (p.x < -r || p.y < -r || p.x > width + r || p.y > height + r) return;
        candidates.push({ node: node, p: p, r: r, rank: rank(node), size: node.data("diameter") || 0,
                          font: (node.data("fontSize") || 12) * zoom });
      });
      candidates.sort(function (a, b) {
        return b.rank - a.rank || a.node.hasClass("cluster") - b.node.hasClass("cluster") || b.size - a.size;
      });
      var grid = {};
      var hide = [], boost = [];
      candidates.forEach(function (c, i) {
        var min = c.node.hasClass("cluster") ? 6 : (c.rank > 1 ? 0 : 12);
        var font = c.font;
        var boosted = font < min || (c.rank && font < READABLE);
        if (boosted) {
          if (i >= room && !c.rank) { keep(grid, circle(c)); return; } // too small to read: not drawn
          font = READABLE;
        }
        var text = String(c.node.data("name") || "");
        var w = text.length * font * 0.56 + 4;
        var h = font * 1.3;
        // Names go under a person's circle, above a cluster's disc.
        var top = c.node.hasClass("disc") ? c.p.y - c.r - 3 - h : c.p.y + c.r + 2;
        var box = { x1: c.p.x - w / 2, x2: c.p.x + w / 2, y1: top, y2: top + h };
        if (c.rank < 3 && overlaps(grid, box)) { hide.push(c.node); keep(grid, circle(c)); return; }
        keep(grid, box);
        keep(grid, circle(c));
        if (boosted) boost.push(c.node);
      });
      var nowQuiet = cy.collection(hide), nowNamed = cy.collection(boost);
      var zoomed = zoom !== namedZoom;
      cy.batch(function () {
        swap(quiet, nowQuiet, "quiet");
        named.difference(nowNamed).removeStyle(NAMED);
        // Only the few names kept readable carry a size of their own (a bypass).
        (zoomed ? nowNamed : nowNamed.difference(named)).style({
          "font-size": READABLE / zoom, "min-zoomed-font-size": 0, "text-margin-y": 3 / zoom
        });
      });
      quiet = nowQuiet;
      named = nowNamed;
      namedZoom = zoom;
      cy.container().dataset.quiet = String(nowQuiet.length);
      cy.container().dataset.named = String(nowNamed.length);
    }

    /* A circle, as a box: a smaller circle's name may not cover it. */
    function circle(c) {
      return { x1: c.p.x - c.r, x2: c.p.x + c.r, y1: c.p.y - c.r, y2: c.p.y + c.r };
    }

    function soon() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, 120);
    }

    cy.on("viewport", soon);
    return { run: run, soon: soon, reset: function () { quiet = cy.collection(); named = cy.collection(); namedZoom = null; } };
  }

  window.alliesMapLabels = labels;
})();
