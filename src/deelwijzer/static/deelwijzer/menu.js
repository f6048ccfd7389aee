// On a phone the main menu shows the work (cases, advice requests, decisions, transfers, the
// registers) and folds the rest (settings, the administrator's pages, the account: the items
// with class menu-more) behind a "Meer" button: the whole menu took up to half of the first
// screen (the mobile walk), on its side too. The button says whether it is open
// (aria-expanded); Escape closes it. On a wider screen, or without this script, the whole
// menu shows and there is no button. The link to the page shown is marked (aria-current).
(function () {
  "use strict";
  var nav = document.querySelector("[data-menu]");
  var button = nav && nav.querySelector(".menu-toggle");
  if (!button) return;
  var list = button.closest("ul");
  var toggle = button.closest("li");
  var more = nav.querySelectorAll("li.menu-more");
  var narrow = window.matchMedia("(max-width: 40rem), (max-height: 30rem)");

  nav.querySelectorAll("a[href]").forEach(function (link) {
    if (link.pathname === window.location.pathname && !link.hasAttribute("aria-current")) {
      link.setAttribute("aria-current", "page");
    }
  });

  function show(open) {
    var inside = nav.contains(document.activeElement) && document.activeElement !== button;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    list.classList.toggle("menu-open", open && narrow.matches);
    more.forEach(function (item) { item.hidden = !open; });
    if (!open && inside && narrow.matches) button.focus(); // not lost to the page's body
  }

  function fit() {
    toggle.hidden = !narrow.matches || more.length === 0;
    show(!narrow.matches);
  }

  button.addEventListener("click", function () {
    show(button.getAttribute("aria-expanded") !== "true");
  });
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && narrow.matches && button.getAttribute("aria-expanded") === "true") {
      show(false);
      button.focus();
    }
  });
  narrow.addEventListener("change", fit);
  fit();
})();
