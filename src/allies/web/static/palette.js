// The command palette: Ctrl-K (Cmd-K on a Mac) on any page finds people, organisations,
// campaigns, alliances, goals and notes; arrows move, Enter opens, Escape closes.
(function () {
  "use strict";
  var dialog, input, list, status, timer, results = [], active = -1, asked = "";

  function build() {
    dialog = document.createElement("div");
    dialog.className = "palette";
    dialog.id = "palette";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", "Find anything");
    dialog.hidden = true;
    dialog.innerHTML =
      '<form class="palette-box" action="/find" method="get" role="search">' +
      '<label for="palette-input" class="visually-hidden">Find people, organisations, campaigns, alliances, goals and notes</label>' +
      '<input id="palette-input" name="q" type="search" autocomplete="off" placeholder="Find a person, campaign, alliance, goal or note" ' +
      'role="combobox" aria-expanded="false" aria-controls="palette-results" aria-autocomplete="list">' +
      '<ul id="palette-results" role="listbox" aria-label="Results"></ul>' +
      '<p class="palette-status" role="status" aria-live="polite"></p>' +
      '<p class="palette-keys">↑ ↓ to move · Enter to open · Esc to close</p>' +
      "</form>";
    document.body.appendChild(dialog);
    input = dialog.querySelector("input");
    list = dialog.querySelector("ul");
    status = dialog.querySelector(".palette-status");
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 120);
    });
    input.addEventListener("keydown", keys);
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) close();
    });
    dialog.querySelector("form").addEventListener("submit", function (event) {
      if (active >= 0 && results[active]) {
        event.preventDefault();
        window.location.href = results[active].href;
      }
    });
  }

  function open() {
    if (!dialog) build();
    dialog.hidden = false;
    document.documentElement.classList.add("palette-open");
    input.focus();
    input.select();
    if (input.value) search();
  }

  function close() {
    if (!dialog || dialog.hidden) return;
    dialog.hidden = true;
    document.documentElement.classList.remove("palette-open");
    input.setAttribute("aria-expanded", "false");
  }

  function search() {
    var q = input.value.trim();
    if (!q) { show([], ""); return; }
    asked = q;
    fetch("/find.json?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (body) { if (body.query === undefined || asked === q) show(body.results || [], q); })
      .catch(function () { status.textContent = "The search did not answer; press Enter to search on a page."; });
  }

  function show(found, q) {
    results = found;
    active = found.length ? 0 : -1;
    list.textContent = "";
    var group = "";
    found.forEach(function (item, i) {
      if (item.group !== group) {
        group = item.group;
        var head = document.createElement("li");
        head.className = "palette-group";
        head.setAttribute("role", "presentation");
        head.textContent = group;
        list.appendChild(head);
      }
      var li = document.createElement("li");
      li.id = "palette-item-" + i;
      li.setAttribute("role", "option");
      li.className = "palette-item";
      var a = document.createElement("a");
      a.href = item.href;
      a.tabIndex = -1;
      a.textContent = item.title;
      li.appendChild(a);
      if (item.detail) {
        var d = document.createElement("small");
        d.textContent = " " + item.detail;
        li.appendChild(d);
      }
      li.addEventListener("mousemove", function () { select(i); });
      list.appendChild(li);
    });
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
    status.textContent = q ? (found.length ? found.length + " found" : "Nothing matches “" + q + "”.") : "";
    select(active);
  }

  function select(i) {
    active = i;
    list.querySelectorAll("[role=option]").forEach(function (li) {
      var on = li.id === "palette-item-" + i;
      li.setAttribute("aria-selected", on ? "true" : "false");
      if (on && li.scrollIntoView) li.scrollIntoView({ block: "nearest" });
    });
    if (i >= 0) input.setAttribute("aria-activedescendant", "palette-item-" + i);
    else input.removeAttribute("aria-activedescendant");
  }

  function keys(event) {
    if (event.key === "ArrowDown" && results.length) { event.preventDefault(); select((active + 1) % results.length); }
    else if (event.key === "ArrowUp" && results.length) { event.preventDefault(); select((active - 1 + results.length) % results.length); }
    else if (event.key === "Escape") { event.preventDefault(); close(); }
  }

  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && (event.key === "k" || event.key === "K")) {
      event.preventDefault();
      if (dialog && !dialog.hidden) close(); else open();
    } else if (event.key === "Escape" && dialog && !dialog.hidden) {
      close();
    }
  });
  document.addEventListener("click", function (event) {
    var opener = event.target.closest ? event.target.closest("[data-open-palette]") : null;
    if (opener) { event.preventDefault(); open(); }
  });
})();
