// A table wider than the page (on a phone: the users, contacts, the inbox, the audit trail,
// the registers) shows each row as a block of its own, each cell under its column's name, so
// that the actions and the last columns are not hidden off to the right (the mobile walk).
// A table that fits stays a table, and so does a table of figures (data-keep-columns: its
// numbers compare along the row). Without this script a wide table scrolls sideways on its
// own, with a shadow at the side where there is more (deelwijzer.css). While stacked, the
// elements keep the roles of a table for a screen reader (a block display can take them
// away), and an empty cell is left out (its column's name over nothing).
(function () {
  "use strict";
  var ROLES = [
    ["", "table"], ["thead, tbody", "rowgroup"], ["tr", "row"], ["th[scope=col]", "columnheader"],
    ["th[scope=row]", "rowheader"], ["td", "cell"]
  ];

  function label(table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        if (cell.colSpan === 1 && heads[column] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", heads[column]);
        }
        column += cell.colSpan;
      });
    });
  }

  function roles(table, on) {
    ROLES.forEach(function (pair) {
      var each = pair[0] ? table.querySelectorAll(pair[0]) : [table];
      Array.prototype.forEach.call(each, function (element) {
        if (on) element.setAttribute("role", pair[1]);
        else element.removeAttribute("role");
      });
    });
  }

  function wide(table) {
    var box = table.parentElement.clientWidth;
    return table.scrollWidth > table.clientWidth + 1 || table.offsetWidth > box + 1;
  }

  function fit() {
    document.querySelectorAll("table.table:not([data-keep-columns])").forEach(function (table) {
      var was = table.classList.contains("stacked");
      table.classList.remove("stacked");
      var stack = wide(table);
      if (stack) {
        label(table);
        table.classList.add("stacked");
      }
      if (stack !== was) roles(table, stack);
    });
    // a table that scrolls sideways can be scrolled with the keyboard: it takes the focus
    document.querySelectorAll("table.table[data-keep-columns]").forEach(function (table) {
      if (wide(table)) table.setAttribute("tabindex", "0");
      else table.removeAttribute("tabindex");
    });
  }

  // Only a new width can change what fits: a phone's address bar, shown and hidden while the
  // page scrolls, fires "resize" with the height alone (each fit measures every table).
  var pending = null;
  var width = window.innerWidth;
  window.addEventListener("resize", function () {
    if (window.innerWidth === width) return;
    width = window.innerWidth;
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(fit);
  });
  fit();
})();
