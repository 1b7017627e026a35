// BMNN page behaviour without inline scripts (the CSP forbids them).
(function () {
  "use strict";

  // Forms marked data-confirm ask before submitting.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });

  // Charts: <canvas data-chart="ID"> reads its data from <script type="application/json" id="ID">.
  function drawCharts(root) {
    if (typeof window.Chart === "undefined") { return; }
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) { return; }
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) { return; }
      var data = JSON.parse(source.textContent);
      canvas.dataset.drawn = "1";
      new window.Chart(canvas, {
        type: canvas.dataset.chartType || "bar",
        data: { labels: data.labels, datasets: [{ label: data.label || "", data: data.values, backgroundColor: "#a33b3b" }] },
        options: { indexAxis: canvas.dataset.chartAxis || "x", maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  document.addEventListener("htmx:afterSwap", function (event) { drawCharts(event.target); });
})();
