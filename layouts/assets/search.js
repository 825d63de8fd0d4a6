// Filters the list of gemeenten as you type, as progressive enhancement: without this script the
// full list is there and every link works.
(function () {
  "use strict";
  var box = document.querySelector("[data-area-search]");
  var list = document.getElementById("gemeenten");
  if (!box || !list) return;
  var input = box.querySelector("input");
  var status = box.querySelector("[data-area-count]");
  var items = Array.prototype.slice.call(list.querySelectorAll("li[data-search]"));
  box.classList.add("ready");
  input.addEventListener("input", function () {
    var query = input.value.trim().toLowerCase();
    var shown = 0;
    items.forEach(function (item) {
      var match = query === "" || item.getAttribute("data-search").indexOf(query) >= 0;
      item.hidden = !match;
      if (match) shown++;
    });
    status.textContent = shown === 1 ? "1 gemeente gevonden" : shown + " gemeenten gevonden";
  });
})();
