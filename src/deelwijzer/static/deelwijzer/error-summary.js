// The error summary (templates/ui/_form_errors.html): focused when the page loads, so that
// it is read out and scrolled into view however far down the form stands; a link in it puts
// the focus on its field. The browser's own checks are turned off, so that a post shows every
// error at once in the summary instead of one tooltip at a time (without JavaScript they stay).
// A page without errors that shows a result asked for by a form ([data-focus-on-load], step 6's
// check) gets the focus there the same way, instead of tens of Tabs down.
(function () {
  "use strict";
  var script = document.currentScript;
  var badDate = (script && script.getAttribute("data-bad-date")) || "";

  // A date that does not exist (31-02-2026) is sent by the browser as an empty field: the
  // server would say "fill in the date" and what was typed would be gone (a walk). Such a form
  // is not sent; the field says why and keeps what was typed.
  document.addEventListener("submit", function (event) {
    var bad = Array.prototype.filter.call(
      event.target.querySelectorAll("input[type=date]"),
      function (input) { return input.validity.badInput; }
    );
    if (!bad.length) {
      return;
    }
    event.preventDefault();
    bad.forEach(function (input) {
      input.setCustomValidity(badDate);
      input.addEventListener("input", function () { input.setCustomValidity(""); }, { once: true });
    });
    bad[0].reportValidity();
  }, true);

  function start() {
    document.querySelectorAll("form").forEach(function (form) {
      form.noValidate = true;
    });
    // else a result the page was asked for, far down a long form (step 6's check)
    var summary = document.querySelector("[data-error-summary]") ||
      document.querySelector("[data-focus-on-load]");
    if (summary) {
      summary.focus();
      // A refused form posted to an address with a place in it (#inhoud after the skip link,
      // #sluiten): the browser's jump there, after this, would take the focus from the summary.
      if (window.location.hash) {
        history.replaceState(null, "", window.location.pathname + window.location.search);
        window.addEventListener("load", function () {
          var here = document.activeElement;
          if (!here || here === document.body || (!summary.contains(here) && here.tabIndex < 0)) {
            summary.focus();
          }
        });
      }
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    var input = field.matches("input, select, textarea") ? field : field.querySelector("input, select, textarea");
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    (input || field).focus({ preventScroll: true });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
