// BMNN page behaviour without inline scripts (the CSP forbids them).
(function () {
  "use strict";

  // A form or the submit button that sends it, marked data-confirm, asks before submitting. The
  // button's question comes first: a form may hold a button that needs no question (saving a
  // draft) beside one that does (signing). Pressing Enter in a field submits through the form's
  // first button, which is then the submitter and asks its own question.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.getAttribute) { return; }
    var button = event.submitter;
    var message = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });

  // A form that posts is sent once: a second submit while the first is on its way is dropped,
  // and its buttons show that the work is in progress (long actions: import, scan, building a
  // report). Disabling waits a tick, so that the clicked button's own name and value are still
  // sent. A form that stays on the page (a download) opts out with data-no-busy; coming back to
  // the page from the history re-enables it.
  var BUSY_AFTER = 60000;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form || !form.getAttribute) { return; }
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post" || form.hasAttribute("data-no-busy")
        || form.hasAttribute("hx-post")) { return; }
    if (form.dataset.submitting) { event.preventDefault(); return; }
    form.dataset.submitting = "1";
    form.setAttribute("aria-busy", "true");
    var text = document.body.getAttribute("data-busy-text") || "…";
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (button) {
        if (button.disabled) { return; }
        button.disabled = true;
        button.setAttribute("data-busy-disabled", "");
        if (button === event.submitter && button.tagName === "BUTTON") {
          var spinner = document.createElement("span");
          spinner.className = "spinner-border spinner-border-sm ms-1";
          spinner.setAttribute("role", "status");
          var label = document.createElement("span");
          label.className = "visually-hidden";
          label.textContent = text;
          spinner.appendChild(label);
          button.appendChild(spinner);
        }
      });
    }, 0);
    window.setTimeout(function () { release(form); }, BUSY_AFTER);
  });
  function release(form) {
    delete form.dataset.submitting;
    form.removeAttribute("aria-busy");
    form.querySelectorAll("[data-busy-disabled]").forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("data-busy-disabled");
    });
    form.querySelectorAll(".spinner-border").forEach(function (spinner) { spinner.remove(); });
  }
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { document.querySelectorAll("form[data-submitting]").forEach(release); }
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
      // The value axis starts at zero and counts show whole-number ticks: one point of 3 is not
      // drawn on an axis from 2.85 to 3.15. The height comes from the container's class.
      var indexAxis = canvas.dataset.chartAxis || "x";
      var valueAxis = indexAxis === "y" ? "x" : "y";
      var whole = (data.values || []).every(function (value) { return Math.round(value) === value; });
      var scales = {};
      scales[valueAxis] = { beginAtZero: true, suggestedMax: 1, ticks: whole ? { precision: 0 } : {} };
      new window.Chart(canvas, {
        type: canvas.dataset.chartType || "bar",
        data: { labels: data.labels, datasets: [{ label: data.label || "", data: data.values, backgroundColor: "#a33b3b", borderColor: "#a33b3b" }] },
        options: { indexAxis: indexAxis, maintainAspectRatio: false, animation: false, scales: scales, plugins: { legend: { display: false } } }
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
