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

  // Notifications: poll every 750 ms while the tab is visible, update the badge, and show what
  // arrived since the page loaded (an incident reaches every supervisor within the second).
  // The poll says it is a background request, so it does not keep the session alive: a page left
  // alone is logged out when idle, and then goes to the login page instead of staying on screen
  // (unless it is already going somewhere, e.g. after "Log out"; a download also fires
  // beforeunload but stays, hence the reset).
  var leaving = false;
  window.addEventListener("beforeunload", function () {
    leaving = true;
    window.setTimeout(function () { leaving = false; }, 5000);
  });
  function pollNotifications() {
    var link = document.querySelector("[data-poll]");
    if (!link || !window.fetch) { return; }
    var badge = link.querySelector("[data-testid=unread]");
    var box = document.querySelector(".bmnn-toasts");
    var newest = null;
    var busy = false;
    function loggedOut(response) {
      window.clearInterval(timer);
      return response.json().then(function (data) {
        if (data && data.login && !leaving) {
          var here = window.location.pathname + window.location.search;
          window.location.assign(data.login + "?next=" + encodeURIComponent(here));
        }
        return null;
      });
    }
    function tick() {
      if (busy || document.visibilityState !== "visible") { return; }
      busy = true;
      fetch(link.dataset.poll, { credentials: "same-origin", headers: { "Accept": "application/json", "X-BMNN-Background": "1" } })
        .then(function (response) {
          if (response.status === 401 || response.status === 403) { return loggedOut(response); }
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          if (!data) { return; }
          badge.textContent = data.unread;
          badge.classList.toggle("d-none", !data.unread);
          var latest = data.latest;
          if (latest && newest !== null && latest.id > newest && box) {
            var note = document.createElement("a");
            note.className = "alert alert-warning d-block mb-2 shadow-sm";
            note.href = latest.url;
            note.textContent = latest.title;
            note.setAttribute("data-testid", "live-notification");
            box.appendChild(note);
          }
          if (latest && (newest === null || latest.id > newest)) { newest = latest.id; }
          if (!latest && newest === null) { newest = 0; }
        })
        .catch(function () { /* the server is restarting: try again next second */ })
        .then(function () { busy = false; });
    }
    var timer = window.setInterval(tick, 750);
    tick();  // 750 ms + the request stays under the 1 s promised
  }
  document.addEventListener("DOMContentLoaded", pollNotifications);
})();
