// Typed text is never lost without a word: on a page with several forms, sending one
// while another holds text typed but not saved first says so, and offers to go back.
(function () {
  "use strict";
  function state(form) {
    var parts = [];
    form.querySelectorAll("input, textarea, select").forEach(function (f) {
      if (!f.name || f.type === "hidden" || f.type === "submit" || f.type === "button" || f.type === "search") return;
      parts.push(f.name + "=" + ((f.type === "checkbox" || f.type === "radio") ? String(f.checked) : f.value));
    });
    return parts.join("\u0000");
  }
  var initial = new WeakMap();
  function remember() {
    document.querySelectorAll("main form").forEach(function (form) {
      if (!initial.has(form)) initial.set(form, state(form));
    });
  }
  function dirty(form) {
    return initial.has(form) && initial.get(form) !== state(form);
  }
  function title(form) {
    var panel = form.closest("[aria-labelledby]");
    var label = panel && document.getElementById(panel.getAttribute("aria-labelledby"));
    if (label) return "“" + label.textContent.trim() + "”";
    var el = form.closest("section") || form.parentElement;
    var h = el && el.querySelector("h2, h3, legend");
    return h ? "“" + h.textContent.trim() + "”" : "another form";
  }
  function others(form) {
    var names = [];
    document.querySelectorAll("main form[method=post], main form[method=POST]").forEach(function (other) {
      if (other !== form && dirty(other)) names.push(title(other));
    });
    return names;
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    if (form.method.toLowerCase() !== "post") return;
    var names = others(form);
    if (names.length && !form.hasAttribute("data-confirmed-discard")) {
      event.preventDefault();
      var box = document.createElement("div");
      box.className = "unsaved-warning";
      box.setAttribute("role", "alert");
      box.setAttribute("data-unsaved-warning", "");
      box.textContent = "You typed in " + names.join(", ") + " and have not saved it; sending this form would lose that text. ";
      var keep = document.createElement("button");
      keep.type = "button";
      keep.textContent = "Go back to what I typed";
      var send = document.createElement("button");
      send.type = "button";
      send.textContent = "Send this form and lose it";
      box.appendChild(document.createElement("br"));
      box.appendChild(keep);
      box.appendChild(send);
      var old = form.querySelector("[data-unsaved-warning]");
      if (old) old.remove();
      form.insertBefore(box, form.firstChild);
      keep.addEventListener("click", function () {
        box.remove();
        var forms = document.querySelectorAll("main form");
        for (var k = 0; k < forms.length; k++) {
          if (forms[k] !== form && dirty(forms[k])) {
            var first = forms[k].querySelector("input:not([type=hidden]), textarea");
            if (first) first.focus();
            break;
          }
        }
      });
      send.addEventListener("click", function () {
        form.setAttribute("data-confirmed-discard", "");
        form.requestSubmit ? form.requestSubmit(event.submitter || undefined) : form.submit();
      });
      send.focus();
    }
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", remember);
  else remember();
  document.addEventListener("htmx:afterSettle", remember);
})();
