/* The People filters: on a phone they fold behind "Filter" (so the first people show
   without scrolling); on a wide screen they stay open, with nothing to click. The page
   works without this script: the filters are then folded unless one is set. */
(function () {
  "use strict";
  var box = document.querySelector("details[data-filters]");
  if (!box || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 900px)");
  var set = box.open;
  function fit() {
    if (wide.matches) box.open = true;
    else box.open = set;
  }
  box.addEventListener("toggle", function () {
    if (!wide.matches) set = box.open;
  });
  fit();
  if (wide.addEventListener) wide.addEventListener("change", fit);
})();
