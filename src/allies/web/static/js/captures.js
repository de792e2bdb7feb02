/* allies quick capture: what is typed on the Log page (or as a note) with no connection is
   kept on this device (IndexedDB) and sent when the connection returns, once: each capture
   carries a key of its own, and the server stores a key once (PUT /api/v1/captures/KEY).
   A capture the server refuses (the person was merged or erased meanwhile) stays here with
   the reason until it is put back in the form or discarded: nothing typed is lost. */
(function () {
  "use strict";

  var LABEL = { meeting: "Meeting", observation: "Observation", favour: "Favour", promise: "Promise", note: "Note" };
  var FORMS = [
    [/^\/log\/(meeting|observation|favour|promise)$/, function (m) { return m[1]; }],
    [/^\/notes\/about\/(\d+)$/, function () { return "note"; }]
  ];
  var sent = [];
  var sending = false;

  function database() {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open("allies", 1);
      open.onupgradeneeded = function () {
        if (!open.result.objectStoreNames.contains("captures")) {
          open.result.createObjectStore("captures", { keyPath: "key" });
        }
      };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }

  function withStore(mode, work) {
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction("captures", mode);
        var result = work(tx.objectStore("captures"));
        tx.oncomplete = function () { db.close(); resolve(result && result.result !== undefined ? result.result : result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function all() { return withStore("readonly", function (store) { return store.getAll(); }); }
  function put(item) { return withStore("readwrite", function (store) { store.put(item); }); }
  function drop(key) { return withStore("readwrite", function (store) { store.delete(key); }); }

  function csrf() {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var cut = parts[i].indexOf("=");
      var name = parts[i].slice(0, cut);
      if (name === "__Host-allies_csrf" || name === "allies_csrf") return decodeURIComponent(parts[i].slice(cut + 1));
    }
    return "";
  }

  function kindOf(form) {
    var path = new URL(form.action, location.href).pathname;
    for (var i = 0; i < FORMS.length; i++) {
      var found = FORMS[i][0].exec(path);
      if (found) return { kind: FORMS[i][1](found), person: found[1] };
    }
    return null;
  }

  function summary(item) {
    var f = item.fields || {};
    var what = f.people || f.person || [f.subject, f.kind, f.object].filter(Boolean).join(" ") ||
      f.description || f.summary || (f.body || "").slice(0, 60);
    return LABEL[item.kind] + (what ? ": " + what : "");
  }

  function when(iso) {
    var d = new Date(iso);
    return isNaN(d) ? "" : d.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
  }

  function panel() {
    var found = document.getElementById("kept-captures");
    if (found) return found;
    var main = document.getElementById("main") || document.body;
    var section = document.createElement("section");
    section.id = "kept-captures";
    section.className = "kept";
    section.setAttribute("aria-live", "polite");
    section.setAttribute("aria-label", "Kept on this device");
    main.insertBefore(section, main.firstChild);
    return section;
  }

  function line(text, className) {
    var p = document.createElement("p");
    p.textContent = text;
    if (className) p.className = className;
    return p;
  }

  function button(text, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  function putBack(item) {
    var form = document.querySelector('form[action$="/log/' + item.kind + '"]');
    if (!form) { location.href = "/log?form=" + item.kind + "&restore=" + encodeURIComponent(item.key); return; }
    Object.keys(item.fields).forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && "value" in field) field.value = item.fields[name];
    });
    form.scrollIntoView({ block: "start" });
  }

  function render(items) {
    var box = panel();
    box.textContent = "";
    var waiting = items.filter(function (i) { return i.state === "waiting"; });
    var refused = items.filter(function (i) { return i.state === "refused"; });
    if (!waiting.length && !refused.length && !sent.length) { box.hidden = true; return; }
    box.hidden = false;
    if (waiting.length) {
      box.appendChild(line(waiting.length === 1
        ? "1 capture is kept on this device and will be sent when you are back online."
        : waiting.length + " captures are kept on this device and will be sent when you are back online.", "kept-lead"));
      var list = document.createElement("ul");
      waiting.forEach(function (item) {
        var li = document.createElement("li");
        li.textContent = summary(item) + " (typed " + when(item.typedAt) + ")";
        li.dataset.capture = item.key;
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    refused.forEach(function (item) {
      var div = document.createElement("div");
      div.className = "kept-refused";
      div.dataset.capture = item.key;
      div.appendChild(line(summary(item) + " could not be stored: " + item.message));
      div.appendChild(button("Put back in the form", function () { putBack(item); }));
      div.appendChild(button("Discard", function () {
        if (window.confirm("Discard this capture? What you typed will be gone.")) drop(item.key).then(refresh);
      }));
      box.appendChild(div);
    });
    sent.forEach(function (text) { box.appendChild(line("Sent: " + text, "kept-sent")); });
  }

  function refresh() { return all().then(render).catch(function () {}); }

  function sendOne(item) {
    var headers = { "Content-Type": "application/json", "Accept": "application/json" };
    var token = csrf();
    if (token) headers["X-CSRF-Token"] = token;
    return fetch("/api/v1/captures/" + encodeURIComponent(item.key), {
      method: "PUT",
      credentials: "same-origin",
      headers: headers,
      body: JSON.stringify({ kind: item.kind, fields: item.fields })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.status === 200 || response.status === 201) {
          sent.push(body.message || summary(item));
          return drop(item.key);
        }
        if (response.status === 409 || response.status === 422) {
          item.state = "refused";
          item.message = body.message || body.detail || "the server could not take it.";
          return put(item);
        }
        return null;  // 202 (still being stored), 401/403 (log in again), 5xx: try later
      });
    });
  }

  function send() {
    if (sending || !navigator.onLine) return Promise.resolve();
    sending = true;
    return all().then(function (items) {
      var waiting = items.filter(function (i) { return i.state === "waiting"; });
      return waiting.reduce(function (chain, item) {
        return chain.then(function () { return sendOne(item); });
      }, Promise.resolve());
    }).catch(function () {}).then(function () { sending = false; return refresh(); });
  }

  function sendLocked() {
    if (navigator.locks) return navigator.locks.request("allies-captures", send);
    return send();
  }

  // With no connection, a capture form keeps what was typed here instead of posting it.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || navigator.onLine || (form.method || "").toLowerCase() !== "post") return;
    var found = kindOf(form);
    if (!found) return;
    event.preventDefault();
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && name !== "csrf_token") fields[name] = value;
    });
    if (found.kind === "note") fields.person_id = found.person;
    var key = window.crypto && crypto.randomUUID ? crypto.randomUUID()
      : String(Date.now()) + "-" + Math.random().toString(36).slice(2);
    put({ key: key, kind: found.kind, fields: fields, typedAt: new Date().toISOString(), state: "waiting" })
      .then(function () { form.reset(); return refresh(); })
      .then(function () { panel().scrollIntoView({ block: "start" }); });
  });

  if (!window.indexedDB) return;
  window.addEventListener("online", sendLocked);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) sendLocked(); });
  setInterval(sendLocked, 30000);
  refresh().then(function () {
    var wanted = new URLSearchParams(location.search).get("restore");
    if (!wanted) return;
    return all().then(function (items) {
      items.forEach(function (item) { if (item.key === wanted) putBack(item); });
    });
  }).then(sendLocked);
})();
