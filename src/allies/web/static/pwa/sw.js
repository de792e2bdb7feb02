/* allies service worker: the app's shell works with no connection, pages seen before
   open from the device, and a capture posted while the connection is lost is kept on
   the device (IndexedDB) to be sent when it returns (static/js/pwa.js sends it).
   Served at /sw.js so its scope is the whole site; __VERSION__ is filled in by the server. */
"use strict";

var CACHE = "allies-__VERSION__";
var SHELL = [
  "/static/css/app.css",
  "/static/css/phone.css",
  "/static/css/forms.css",
  "/static/palette.css",
  "/static/palette.js",
  "/static/js/guard.js",
  "/static/js/app.js",
  "/static/js/pwa.js",
  "/static/js/captures.js",
  "/static/vendor/htmx.min.js",
  "/static/favicon.svg",
  "/static/pwa/icon-192.png",
  "/static/pwa/offline.html"
];
var PAGES = ["/log", "/today"];
// Forms whose posts are kept on the device when they cannot be sent.
var CAPTURE = [
  [/^\/log\/(meeting|observation|favour|promise)$/, function (m) { return m[1]; }],
  [/^\/notes\/about\/(\d+)$/, function () { return "note"; }]
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // Each file on its own: one missing file must not keep the worker from installing.
      return Promise.all(SHELL.map(function (url) {
        return cache.add(url).catch(function () {});
      })).then(function () {
        // Pages need a session in team mode: keep those that answer, skip the rest.
        return Promise.all(PAGES.map(function (url) {
          return fetch(url, { credentials: "same-origin" }).then(function (response) {
            if (response.ok && !response.redirected) return cache.put(url, response);
          }).catch(function () {});
        }));
      });
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("allies-") === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function captureKind(url) {
  for (var i = 0; i < CAPTURE.length; i++) {
    var found = CAPTURE[i][0].exec(url.pathname);
    if (found) return { kind: CAPTURE[i][1](found), person: found[1] };
  }
  return null;
}

function keep(item) {
  return new Promise(function (resolve, reject) {
    var open = indexedDB.open("allies", 1);
    open.onupgradeneeded = function () {
      if (!open.result.objectStoreNames.contains("captures")) {
        open.result.createObjectStore("captures", { keyPath: "key" });
      }
    };
    open.onerror = function () { reject(open.error); };
    open.onsuccess = function () {
      var tx = open.result.transaction("captures", "readwrite");
      tx.objectStore("captures").put(item);
      tx.oncomplete = function () { open.result.close(); resolve(); };
      tx.onerror = function () { reject(tx.error); };
    };
  });
}

function keptOnDevice(request, found) {
  return request.formData().then(function (data) {
    var fields = {};
    data.forEach(function (value, name) {
      if (typeof value === "string" && name !== "csrf_token") fields[name] = value;
    });
    if (found.kind === "note") fields.person_id = found.person;
    var key = self.crypto.randomUUID();
    return keep({ key: key, kind: found.kind, fields: fields, typedAt: new Date().toISOString(), state: "waiting" })
      .then(function () { return Response.redirect("/log?kept=" + key, 303); });
  });
}

function fromCache(request) {
  return caches.match(request).then(function (hit) {
    return hit || caches.match("/static/pwa/offline.html");
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST") {
    var found = captureKind(url);
    if (!found) return;
    var copy = request.clone();
    event.respondWith(fetch(request).catch(function () { return keptOnDevice(copy, found); }));
    return;
  }
  if (request.method !== "GET" || url.pathname.indexOf("/api/") === 0) return;
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request).then(function (hit) {
      var fresh = fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      });
      return hit || fresh;
    }));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(url.pathname + url.search, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(url.pathname + url.search)
        .then(function (hit) { return hit || caches.match(url.pathname); })
        .then(function (hit) { return hit || fromCache(request); });
    }));
  }
});
