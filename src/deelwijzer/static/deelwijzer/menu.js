// On a phone the main menu shows the work (cases, advice requests, decisions, transfers, the
// registers) and folds the rest (settings, the administrator's pages, the account) behind a
// "Meer" button: the whole menu took up to half of the first screen (the mobile walk). The
// button says whether it is open (aria-expanded); on a wider screen, or without this script,
// the whole menu shows and there is no button.
(function () {
  "use strict";
  var nav = document.querySelector("[data-menu]");
  var button = nav && nav.querySelector(".menu-toggle");
  var more = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!more) return;
  var narrow = window.matchMedia("(max-width: 40rem)");

  function show(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    more.hidden = !open;
  }

  function fit() {
    button.hidden = !narrow.matches;
    show(!narrow.matches);
  }

  button.addEventListener("click", function () {
    show(button.getAttribute("aria-expanded") !== "true");
  });
  narrow.addEventListener("change", fit);
  fit();
})();
