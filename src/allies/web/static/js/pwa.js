/* allies on a phone: the compact header's menu, and the service worker that lets the app
   be installed and work with no connection (static/pwa/sw.js, served at /sw.js). */
(function () {
  "use strict";

  // The menu button folds the navigation away on a narrow screen.
  var header = document.querySelector("header.top");
  var toggle = header && header.querySelector("[data-menu-toggle]");
  if (header && toggle) {
    header.classList.add("has-menu");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = header.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("open")) {
        header.classList.remove("open");
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }

  // A table wider than a phone scrolls inside itself (phone.css); one that does can be
  // reached and scrolled with the keyboard too, and keeps its name.
  function reachableTables() {
    document.querySelectorAll("main table").forEach(function (table) {
      var scrolls = table.scrollWidth > table.clientWidth + 1 &&
        getComputedStyle(table).overflowX !== "visible";
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.tabIndex = 0;
        table.dataset.scrollFocus = "true";
        if (!table.getAttribute("aria-label") && !table.querySelector("caption")) {
          var heading = table.closest("section, details, main");
          var title = heading && heading.querySelector("h1, h2, h3, summary");
          table.setAttribute("aria-label", title ? title.textContent.trim() : "Table");
        }
      } else if (!scrolls && table.dataset.scrollFocus === "true") {
        table.removeAttribute("tabindex");
        delete table.dataset.scrollFocus;
      }
    });
  }
  reachableTables();
  window.addEventListener("resize", reachableTables);
  document.addEventListener("htmx:afterSettle", reachableTables);

  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }

  // Logging out forgets the pages kept on this device.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.getAttribute && form.getAttribute("action") === "/logout" && window.caches) {
      caches.keys().then(function (names) {
        names.forEach(function (name) { if (name.indexOf("allies-") === 0) caches.delete(name); });
      });
    }
  });
})();
