/* pokin bagan (service/templates/pohon.html, visual/chart.py): the chart is wider than its frame, its top box
   centred above the rest; on arrival the frame is scrolled so that the top box is in view. The chart itself needs
   no script: without it the frame starts at its left edge and scrolls as usual. */
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
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", centre);
  } else {
    centre();
  }
})();
