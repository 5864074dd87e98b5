// Live job updates over Server-Sent Events: a row's status changes in place, a new job is
// added on top, and the "running" counter follows the table. Same-origin file (the CSP forbids
// inline scripts); no framework needed. Text is only ever set with textContent.
(function () {
  "use strict";
  var ACTIVE = { running: true, retrying: true };

  function words(element, name) {
    var value = element ? element.getAttribute(name) : "";
    return value ? value.split(" ") : [];
  }

  function matches(filter, job) {
    var kinds = words(filter, "data-kinds");
    var statuses = words(filter, "data-statuses");
    return (kinds.length === 0 || kinds.indexOf(job.kind) >= 0) &&
      (statuses.length === 0 || statuses.indexOf(job.status) >= 0);
  }

  function jobLink(jobId) {
    var link = document.createElement("a");
    link.href = "/jobs/" + encodeURIComponent(jobId);
    var code = document.createElement("code");
    code.textContent = jobId;
    link.appendChild(code);
    return link;
  }

  function newRow(body, job) {
    var empty = body.querySelector("[data-no-jobs]");
    if (empty) { empty.parentNode.removeChild(empty); }
    var row = body.insertRow(0);
    row.setAttribute("data-job-id", job.job_id);
    row.setAttribute("data-kind", job.kind);
    var values = ["", job.kind, job.repository || "", "", "0", "now", ""];
    for (var c = 0; c < values.length; c++) { row.insertCell(c).textContent = values[c]; }
    row.cells[0].appendChild(jobLink(job.job_id));
    row.cells[3].setAttribute("data-status", "");
    row.cells[6].setAttribute("data-error", "");
    row.cells[6].className = "job-error";
    return row;
  }

  function countRunning(body) {
    var count = 0;
    var cells = body.querySelectorAll("[data-status]");
    for (var i = 0; i < cells.length; i++) {
      if (ACTIVE[cells[i].textContent]) { count++; }
    }
    return count;
  }

  function start() {
    var table = document.querySelector("[data-live-jobs]");
    if (!table || !window.EventSource) { return; }
    var state = document.querySelector("[data-live-state]");
    var counter = document.querySelector("[data-running-count]");
    var filter = document.querySelector("[data-job-filter]");
    var source = new EventSource("/jobs/events");
    source.onopen = function () { if (state) { state.textContent = "live"; } };
    source.onerror = function () { if (state) { state.textContent = "reconnecting…"; } };
    source.addEventListener("job", function (event) {
      var job = JSON.parse(event.data);
      var body = table.tBodies[0];
      var row = null;
      for (var i = 0; i < body.rows.length; i++) {
        if (body.rows[i].getAttribute("data-job-id") === job.job_id) { row = body.rows[i]; }
      }
      if (!row) {
        if (!matches(filter, job)) { return; }
        row = newRow(body, job);
      }
      var cell = row.querySelector("[data-status]");
      cell.textContent = job.status;
      cell.className = "status status-" + job.status;
      var error = row.querySelector("[data-error]");
      if (error && job.status === "failed" && !error.textContent) {
        error.textContent = "failed: open the job for its error";
      }
      if (counter) { counter.textContent = countRunning(body).toLocaleString("en"); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
