// A job's page: ask its status every few seconds and show it; once the job is finished, reload
// the page (it then shows the report, the error or the download). Without script, a <noscript>
// refresh does the same.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-job-status]");
  if (!box || box.dataset.finished === "1" || !window.fetch) { return; }
  var bar = box.querySelector("progress");
  var count = box.querySelector("[data-job-count]");
  var badge = box.querySelector("[data-job-state]");

  function show(status) {
    if (bar) { bar.max = status.total || 1; bar.value = status.done; }
    if (count) { count.textContent = status.done + " / " + status.total; }
    if (badge) { badge.textContent = status.label; badge.className = "badge badge-" + status.state; }
  }

  function poll() {
    fetch(box.dataset.jobStatus, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (status) {
        if (!status) { return; }
        show(status);
        if (status.finished) { window.location.reload(); } else { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
});
