// The issue builder: "Add another issue" copies the last row, empty, with the next number.
(function () {
  "use strict";
  function renumber(row, n) {
    row.querySelectorAll("[name], [id], label[for], [aria-describedby]").forEach(function (el) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(/issue-\d+-/, "issue-" + n + "-"));
      });
    });
  }
  function ready() {
    document.querySelectorAll("[data-add-issue]").forEach(function (button) {
      var rows = button.previousElementSibling;
      if (!rows || !rows.hasAttribute("data-issue-rows")) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var all = rows.querySelectorAll("[data-issue-row]");
        var last = all[all.length - 1];
        var copy = last.cloneNode(true);
        var n = 0;
        rows.querySelectorAll("input[name^='issue-']").forEach(function (input) {
          var m = /^issue-(\d+)-/.exec(input.name);
          if (m) n = Math.max(n, parseInt(m[1], 10) + 1);
        });
        copy.classList.remove("stored");
        copy.querySelectorAll("input[type=hidden], .remove-issue, .field-error").forEach(function (el) { el.remove(); });
        copy.querySelectorAll("input").forEach(function (input) {
          input.value = "";
          input.removeAttribute("aria-invalid");
          input.removeAttribute("aria-describedby");
        });
        copy.querySelectorAll(".invalid").forEach(function (el) { el.classList.remove("invalid"); });
        var legend = copy.querySelector("legend");
        if (legend) legend.textContent = "A new issue";
        renumber(copy, n);
        rows.appendChild(copy);
        var first = copy.querySelector("input");
        if (first) first.focus();
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
