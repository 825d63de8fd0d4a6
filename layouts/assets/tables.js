// Sorting and filtering for the data tables, as progressive enhancement: without this script the
// page is complete; with it, column headers become sort buttons and each table gets a filter box.
(function () {
  "use strict";

  function numberOf(text) {
    var clean = text.replace(/[*°~\s]/g, "").replace(/\u2212/g, "-").replace(/\./g, "").replace(",", ".").replace("%", "");
    var value = parseFloat(clean);
    return isNaN(value) ? null : value;
  }

  function enhance(table, index) {
    var body = table.tBodies[0];
    if (!body || body.rows.length < 3) return;
    var rows = Array.prototype.slice.call(body.rows);
    var headerRows = table.tHead ? table.tHead.rows : [];
    var last = headerRows[headerRows.length - 1];
    if (!last) return;
    Array.prototype.forEach.call(last.cells, function (th, column) {
      if (column === 0 || th.colSpan > 1) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      var state = 0; // 0: original order, 1: descending, 2: ascending
      button.addEventListener("click", function () {
        state = (state + 1) % 3;
        Array.prototype.forEach.call(table.querySelectorAll("th[aria-sort]"), function (other) {
          other.removeAttribute("aria-sort");
        });
        var ordered = rows.slice();
        if (state > 0) {
          th.setAttribute("aria-sort", state === 1 ? "descending" : "ascending");
          ordered.sort(function (a, b) {
            var cellA = a.cells[column];
            var cellB = b.cells[column];
            var x = cellA ? numberOf(cellA.textContent) : null;
            var y = cellB ? numberOf(cellB.textContent) : null;
            if (x === null && y === null) return 0;
            if (x === null) return 1;
            if (y === null) return -1;
            return state === 1 ? y - x : x - y;
          });
        }
        ordered.forEach(function (row) {
          body.appendChild(row);
        });
      });
    });

    if (rows.length < 8) return; // a short table needs no filter
    var wrapper = table.closest(".table-scroll") || table;
    var label = document.createElement("label");
    label.className = "table-filter";
    var id = "filter-" + index;
    label.setAttribute("for", id);
    label.textContent = "Filter rijen ";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.setAttribute("aria-controls", table.id);
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    label.appendChild(input);
    label.appendChild(status);
    wrapper.parentNode.insertBefore(label, wrapper);
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var header = row.cells[0] ? row.cells[0].textContent.toLowerCase() : "";
        var match = query === "" || header.indexOf(query) >= 0;
        row.hidden = !match;
        if (match) shown++;
      });
      status.textContent = shown + " van " + rows.length + " rijen";
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.data"), enhance);

  // The hint above a table shows exactly when the table is wider than its box.
  document.documentElement.classList.add("js-tables");
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".table-scroll"));
  function showHints() {
    boxes.forEach(function (box) {
      // The filter box, when there is one, sits between the hint and the table.
      var hint = box.previousElementSibling;
      while (hint && hint.classList.contains("table-filter")) hint = hint.previousElementSibling;
      if (hint && hint.hasAttribute("data-scroll-hint")) hint.classList.toggle("overflows", box.scrollWidth > box.clientWidth + 1);
    });
  }
  showHints();
  window.addEventListener("resize", showHints);
})();
