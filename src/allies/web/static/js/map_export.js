/* allies: the map as a picture to present, PNG (Cytoscape.js draws it) or SVG (written
   here from what is on screen: visible circles, ties and names, with the legend). */
(function () {
  "use strict";

  function download(blob, filename) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function escapeXml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;" }[c];
    });
  }

  function num(value) { return Math.round(value * 10) / 10; }

  function shapePoints(shape, x, y, r) {
    if (shape === "diamond") return [[x, y - r], [x + r, y], [x, y + r], [x - r, y]];
    if (shape === "triangle") return [[x, y - r], [x + r * 0.95, y + r * 0.8], [x - r * 0.95, y + r * 0.8]];
    return null;
  }

  function stamp() { return new Date().toISOString().slice(0, 10); }

  function png(cy) {
    var blob = cy.png({ output: "blob", bg: "#ffffff", full: true, scale: 2, maxWidth: 6000, maxHeight: 6000 });
    download(blob, "allies-map-" + stamp() + ".png");
  }

  function svgText(cy, title, legend) {
    var shown = cy.elements(":visible");
    var few = shown.nodes().length <= 200;
    var box = shown.boundingBox({ includeLabels: true });
    var pad = 20;
    var top = 34 + (legend.length ? 22 : 0);
    var width = Math.max(200, box.w + 2 * pad);
    var height = box.h + 2 * pad + top;
    var dx = pad - box.x1;
    var dy = pad + top - box.y1;
    var out = [];
    out.push('<svg xmlns="http://www.w3.org/2000/svg" width="' + num(width) + '" height="' + num(height) +
             '" viewBox="0 0 ' + num(width) + " " + num(height) + '" font-family="Helvetica, Arial, sans-serif">');
    out.push("<title>" + escapeXml(title) + "</title>");
    out.push('<rect width="100%" height="100%" fill="#ffffff"/>');
    out.push('<text x="' + pad + '" y="24" font-size="16" font-weight="bold" fill="#1d232a">' + escapeXml(title) + "</text>");
    var lx = pad;
    legend.forEach(function (item) {
      out.push('<circle cx="' + (lx + 6) + '" cy="44" r="6" fill="' + item.colour + '"/>');
      out.push('<text x="' + (lx + 16) + '" y="48" font-size="12" fill="#1d232a">' + escapeXml(item.label) + "</text>");
      lx += 28 + item.label.length * 6.5;
    });
    shown.edges().forEach(function (edge) {
      var s = edge.source().position();
      var t = edge.target().position();
      var dash = { dashed: ' stroke-dasharray="6 4"', dotted: ' stroke-dasharray="2 3"' }[edge.style("line-style")] || "";
      var colour = edge.style("line-color");
      var opacity = Number(edge.style("opacity")) * (edge.hasClass("faded") ? 0.3 : 1);
      out.push('<line x1="' + num(s.x + dx) + '" y1="' + num(s.y + dy) + '" x2="' + num(t.x + dx) + '" y2="' + num(t.y + dy) +
               '" stroke="' + colour + '" stroke-width="' + num(parseFloat(edge.style("width"))) + '" stroke-opacity="' +
               num(opacity) + '"' + dash + "/>");
      if (edge.style("target-arrow-shape") === "triangle") {
        var len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
        var ux = (t.x - s.x) / len, uy = (t.y - s.y) / len;
        var r = edge.target().width() / 2 + 2;
        var tipX = t.x - ux * r + dx, tipY = t.y - uy * r + dy;
        var baseX = tipX - ux * 9, baseY = tipY - uy * 9;
        out.push('<polygon points="' + [[tipX, tipY], [baseX - uy * 4, baseY + ux * 4], [baseX + uy * 4, baseY - ux * 4]]
          .map(function (p) { return num(p[0]) + "," + num(p[1]); }).join(" ") + '" fill="' + colour +
          '" fill-opacity="' + num(opacity) + '"/>');
      }
    });
    // Lowest first, as on screen: a cluster's disc under its people.
    shown.nodes().sort(function (a, b) {
      return Number(a.style("z-index")) - Number(b.style("z-index"));
    }).forEach(function (node) {
      var p = node.position();
      var x = p.x + dx, y = p.y + dy, r = node.width() / 2;
      var fill = node.style("background-color");
      var opacity = num(Number(node.style("opacity")));
      var fillOpacity = num(opacity * Number(node.style("background-opacity")));
      var border = parseFloat(node.style("border-width")) || 0;
      var stroke = border ? ' stroke="' + node.style("border-color") + '" stroke-width="' + border + '"' : "";
      var points = shapePoints(node.style("shape"), x, y, r);
      if (points) {
        out.push('<polygon points="' + points.map(function (q) { return num(q[0]) + "," + num(q[1]); }).join(" ") +
                 '" fill="' + fill + '" fill-opacity="' + fillOpacity + '"' + stroke + "/>");
      } else {
        out.push('<circle cx="' + num(x) + '" cy="' + num(y) + '" r="' + num(r) + '" fill="' + fill +
                 '" fill-opacity="' + fillOpacity + '"' + stroke + "/>");
      }
      var label = node.hasClass("quiet") ? "" : node.style("label");
      if (label && (few || r >= 18 || node.hasClass("focus") || node.hasClass("near"))) {
        out.push('<text x="' + num(x) + '" y="' + num(y + r + 12) + '" text-anchor="middle" font-size="' +
                 num(parseFloat(node.style("font-size"))) + '" fill="#1d232a" fill-opacity="' + opacity + '">' +
                 escapeXml(label) + "</text>");
      }
    });
    out.push("</svg>");
    return out.join("\n");
  }

  function svg(cy, title, legend) {
    var text = svgText(cy, title, legend || []);
    download(new Blob([text], { type: "image/svg+xml" }), "allies-map-" + stamp() + ".svg");
    return text;
  }

  window.alliesMapExport = { png: png, svg: svg, svgText: svgText };
})();
