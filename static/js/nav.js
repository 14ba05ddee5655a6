// The tabs of an engagement are one row that scrolls sideways on a narrow screen: bring the
// current tab into view, without moving the page itself.
(function () {
  var current = document.querySelector(".engagement-nav [aria-current=page]");
  if (!current) return;
  var row = current.closest("ul");
  var left = current.offsetLeft - (row.clientWidth - current.offsetWidth) / 2;
  row.scrollLeft = Math.max(0, left);
})();
