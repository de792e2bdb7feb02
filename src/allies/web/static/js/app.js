/* allies: small behaviours for every page. No inline scripts: everything hangs on data- attributes. */
(function () {
  "use strict";

  // "/" focuses the search box (the page's own, or the one in the header).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
    var box = document.querySelector("[data-search-box]") || document.querySelector("[data-search-shortcut]");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  // Forms that ask before they do something for good.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // Tabs: buttons with data-tab show the panel "panel-<name>"; arrow keys move between them.
  function selectTab(group, name, focusField) {
    var buttons = group.querySelectorAll("[data-tab]");
    var found = false;
    buttons.forEach(function (button) {
      var on = button.dataset.tab === name;
      found = found || on;
      button.setAttribute("aria-selected", on ? "true" : "false");
      button.tabIndex = on ? 0 : -1;
      var panel = document.getElementById("panel-" + button.dataset.tab);
      if (panel) panel.hidden = !on;
    });
    if (found && focusField) {
      var panel = document.getElementById("panel-" + name);
      var field = panel && panel.querySelector("input:not([type=hidden]), select, textarea");
      if (field) field.focus();
    }
    return found;
  }

  function setUpTabs(group) {
    var buttons = Array.prototype.slice.call(group.querySelectorAll("[data-tab]"));
    buttons.forEach(function (button, index) {
      button.tabIndex = button.getAttribute("aria-selected") === "true" ? 0 : -1;
      button.addEventListener("click", function () {
        selectTab(group, button.dataset.tab, true);
        if (history.replaceState) history.replaceState(null, "", "#" + button.dataset.tab);
      });
      button.addEventListener("keydown", function (event) {
        var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (!step) return;
        event.preventDefault();
        var next = buttons[(index + step + buttons.length) % buttons.length];
        selectTab(group, next.dataset.tab, false);
        next.focus();
      });
    });
    var wanted = window.location.hash.replace("#", "");
    if (wanted && !group.querySelector(".error-box")) selectTab(group, wanted, true);
  }

  // The names a person field suggests. A small workspace sends everyone with the page
  // (the options of #people-list); a large one marks the list data-remote, and the names
  // that match what is typed are fetched as you type.
  var PEOPLE = document.getElementById("people-list");
  var pending = null;

  function fetchNames(typed, done) {
    var address = PEOPLE.dataset.remote + "?q=" + encodeURIComponent(typed);
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      fetch(address, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (answer) { return answer.ok ? answer.json() : []; })
        .then(done, function () { done([]); });
    }, 120);
  }

  function fill(list, values) {
    list.textContent = "";
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      list.appendChild(option);
    });
  }

  // One person per field, in a large workspace: refresh #people-list as you type.
  function setUpRemote(input) {
    input.addEventListener("input", function () {
      var typed = input.value.trim();
      if (!typed) return;
      fetchNames(typed, function (names) { fill(PEOPLE, ["me"].concat(names)); });
    });
  }

  // Several people in one field: suggest the next name after the last comma.
  function setUpMulti(input) {
    if (!PEOPLE) return;
    var names = Array.prototype.map.call(PEOPLE.options, function (o) { return o.value; });
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    document.body.appendChild(list);
    input.setAttribute("list", list.id);
    function show(head, typed, candidates) {
      fill(list, candidates.filter(function (name) {
        return name !== "me" && (!typed || name.toLowerCase().indexOf(typed) !== -1);
      }).map(function (name) { return head + name; }));
    }
    function refresh() {
      var value = input.value;
      var cut = value.lastIndexOf(",");
      var head = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
      var typed = (cut >= 0 ? value.slice(cut + 1) : value).trim().toLowerCase();
      if (PEOPLE.dataset.remote) {
        if (typed) fetchNames(typed, function (found) { show(head, typed, found); });
        else fill(list, []);
      } else {
        show(head, typed, names);
      }
    }
    input.addEventListener("input", refresh);
    refresh();
  }

  // Organisations, units and tags, in a large workspace: their datalists are marked
  // data-remote and filled, all at once, the first time one of their fields is used.
  var vocabulary = null;

  function setUpVocabulary(list) {
    var fields = document.querySelectorAll('input[list="' + list.id + '"]');
    function load() {
      if (!vocabulary) {
        vocabulary = fetch(list.dataset.remote, {
          headers: { Accept: "application/json" }, credentials: "same-origin"
        }).then(function (answer) { return answer.ok ? answer.json() : {}; })
          .catch(function () { return {}; });
      }
      vocabulary.then(function (found) {
        if (!list.options.length) fill(list, found[list.dataset.key] || []);
      });
    }
    fields.forEach(function (input) {
      input.addEventListener("focus", load);
      input.addEventListener("input", load);
    });
  }

  function ready() {
    document.querySelectorAll("datalist[data-key][data-remote]").forEach(setUpVocabulary);
    document.querySelectorAll("[data-tabs]").forEach(setUpTabs);
    document.querySelectorAll("input[data-multi]").forEach(setUpMulti);
    if (PEOPLE && PEOPLE.dataset.remote) {
      document.querySelectorAll('input[list="people-list"]').forEach(setUpRemote);
    }
    var invalid = document.querySelector(".invalid input, .invalid select, .invalid textarea");
    if (invalid) invalid.focus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
