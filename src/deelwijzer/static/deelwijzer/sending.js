// A form is sent once (the server holds to this as well: ui/once.py). While a form's post is
// under way, another press on its button (or Enter in a field) sends nothing; the button shows
// that it is busy and a status line says so to a screen reader. Back to the page from the
// browser's history, or no answer after a while: the form can be sent again, and the server
// then decides. Live checks (HTMX) and the upload script keep their own ways.
(function () {
  "use strict";
  var script = document.currentScript;
  var busyText = (script && script.getAttribute("data-busy")) || "…";
  var RETRY_AFTER = 15 * 1000;

  function release(form) {
    form.removeAttribute("data-sending");
    form.querySelectorAll(".is-sending").forEach(function (button) {
      button.classList.remove("is-sending");
      button.removeAttribute("aria-disabled");
    });
    form.querySelectorAll(".sending-status").forEach(function (line) {
      line.remove();
    });
  }

  // Sent by HTMX (its own submit handler cancels the browser's post before this one runs),
  // by the upload script (attachments.js keeps its own count), or signing out.
  // A form whose HTMX only checks it on a change (step 5) is sent the plain way: guarded here.
  function ownWay(form) {
    return form.hasAttribute("data-attachment-upload") || form.classList.contains("logout");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.getAttribute("method") || "").toLowerCase() !== "post" || ownWay(form)) {
      return;
    }
    if (form.hasAttribute("data-sending")) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-sending", "");
    var button = event.submitter && event.submitter.form === form ? event.submitter : null;
    if (button) {
      // not disabled: a disabled button's name and value would not be sent with the form
      button.classList.add("is-sending");
      button.setAttribute("aria-disabled", "true");
      var line = document.createElement("span");
      line.className = "sending-status";
      line.setAttribute("role", "status");
      line.textContent = busyText;
      button.insertAdjacentElement("afterend", line);
    }
    window.setTimeout(function () { release(form); }, RETRY_AFTER);
  });

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("form[data-sending]").forEach(release);
    }
  });
})();
