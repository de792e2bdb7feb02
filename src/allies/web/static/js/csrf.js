/* allies team mode: send the CSRF token with every form and every HTMX request.
   The server also renders the token into every form, so forms work without this script;
   this covers forms built in the page and HTMX requests. No inline scripts anywhere. */
(function () {
  "use strict";

  function token() {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var cut = parts[i].indexOf("=");
      var name = parts[i].slice(0, cut);
      if (name === "__Host-allies_csrf" || name === "allies_csrf") return decodeURIComponent(parts[i].slice(cut + 1));
    }
    return "";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || (form.method || "").toLowerCase() !== "post") return;
    var value = token();
    if (!value) return;
    var field = form.querySelector("input[name=csrf_token]");
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "csrf_token";
      form.appendChild(field);
    }
    if (!field.value) field.value = value;
  }, true);

  document.addEventListener("htmx:configRequest", function (event) {
    var value = token();
    if (value && event.detail && event.detail.headers) event.detail.headers["X-CSRF-Token"] = value;
  });
})();
