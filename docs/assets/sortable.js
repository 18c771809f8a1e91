// Make tables inside .kb-sortable sortable by clicking a header's sort button.
// Served from the site itself: no library, nothing loaded from another host.
(function () {
  "use strict";

  function sortKey(cell) {
    var text = cell.textContent.trim();
    var match = text.replace(/[,$#]/g, "").match(/^-?\d+(\.\d+)?/);
    return match ? parseFloat(match[0]) : text.toLowerCase();
  }

  function sortBy(table, column, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var direction = th.getAttribute("aria-sort") === "descending" ? "ascending" : "descending";
    var sign = direction === "ascending" ? 1 : -1;
    rows.sort(function (a, b) {
      var x = sortKey(a.cells[column]);
      var y = sortKey(b.cells[column]);
      if (typeof x !== typeof y) return typeof x === "number" ? -1 : 1; // numbers before dashes
      return (x < y ? -1 : x > y ? 1 : 0) * sign;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.querySelectorAll("th"), function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", direction);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".kb-sortable table"), function (table) {
      if (table.getAttribute("data-kb-sortable") || !table.tBodies.length) return;
      table.setAttribute("data-kb-sortable", "1");
      Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (th, column) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "kb-sort";
        button.setAttribute("aria-label", "Sort by " + th.textContent.trim());
        button.textContent = "⇅";
        button.addEventListener("click", function () { sortBy(table, column, th); });
        th.appendChild(button);
      });
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
