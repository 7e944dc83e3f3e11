/* pokin bagan (service/templates/pohon.html, visual/chart.py): the chart is wider than its frame, its top box
   centred above the rest; on arrival the frame is scrolled so that the top box is in view. For print, the chart is
   scaled to the width of a landscape A4 page (--chart-print-zoom, read by the print CSS of pokin-tree.css), and a
   row of branches too wide to be read at that width is printed as a column, so a wide chart is printed whole
   instead of cut at the right edge; A3 gets the same, smaller than it could be.
   The chart itself needs no script: without it the frame starts at its left edge and prints at the CSS's zoom. */
(function () {
  "use strict";
  function centre() {
    document.querySelectorAll(".chart-frame").forEach(function (frame) {
      var top = frame.querySelector(".chart-box");
      if (!top || frame.scrollWidth <= frame.clientWidth) { return; }
      var box = top.getBoundingClientRect(), outer = frame.getBoundingClientRect();
      var left = frame.scrollLeft + box.left - outer.left + box.width / 2 - frame.clientWidth / 2;
      frame.scrollLeft = Math.max(0, left);
    });
  }
  var PRINTABLE_PX = 277 * 96 / 25.4; // A4 landscape less the 10 mm margins of @page
  var PRINT_ZOOM = 0.8, READABLE_ZOOM = 0.6, SLACK_PX = 24; // borders and paddings the plan does not add up
  var STACK_INDENT_PX = (1.2 + 0.9) * 16; // what a column adds on the left (pokin-tree.css, print)
  function direct(li, selector) {
    for (var i = 0; i < li.children.length; i += 1) {
      if (li.children[i].matches(selector)) { return li.children[i]; }
    }
    return null;
  }
  /* A row of branches too wide for the page even at READABLE_ZOOM is printed as a column (data-print-stack, read
     by the print CSS), its branches one below the other, each planned the same way; returns the widest part that
     stays a row, which sets the zoom. */
  function planRow(ul) {
    var width = ul.getBoundingClientRect().width;
    if (width * READABLE_ZOOM <= PRINTABLE_PX) { return width; }
    ul.setAttribute("data-print-stack", "");
    var widest = 0;
    for (var i = 0; i < ul.children.length; i += 1) {
      var li = ul.children[i], box = direct(li, ".chart-box"), below = direct(li, "ul");
      widest = Math.max(widest, box ? box.getBoundingClientRect().width : 0, below ? planRow(below) : 0);
    }
    return widest + STACK_INDENT_PX;
  }
  function fitForPrint() {
    document.querySelectorAll(".chart-tree").forEach(function (tree) {
      var kept = tree.style.minWidth;
      tree.style.minWidth = "0"; // the chart's own width, not the frame's it is stretched to
      var widest = planRow(tree);
      tree.style.minWidth = kept;
      if (!widest) { return; }
      tree.style.setProperty("--chart-print-zoom", Math.min(PRINT_ZOOM, (PRINTABLE_PX - SLACK_PX) / widest).toFixed(3));
    });
  }
  function arrived() {
    centre();
    fitForPrint();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", arrived);
  } else {
    arrived();
  }
})();
