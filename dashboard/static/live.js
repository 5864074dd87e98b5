// Live job updates over Server-Sent Events: a row's status changes in place, a new job is
// added on top. Same-origin file (the CSP forbids inline scripts); no framework needed.
(function () {
  "use strict";
  function start() {
    var table = document.querySelector("[data-live-jobs]");
    if (!table || !window.EventSource) { return; }
    var state = document.querySelector("[data-live-state]");
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
        row = body.insertRow(0);
        row.setAttribute("data-job-id", job.job_id);
        var values = [job.job_id, job.kind, job.repository || "", "", "", "now"];
        for (var c = 0; c < values.length; c++) { row.insertCell(c).textContent = values[c]; }
        row.cells[3].setAttribute("data-status", "");
      }
      var cell = row.querySelector("[data-status]");
      cell.textContent = job.status;
      cell.className = "status status-" + job.status;
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
