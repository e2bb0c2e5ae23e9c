// Certification: keep issuing batch after batch until the session is done (the page shows progress).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("issue-form");
  if (form && form.dataset.auto === "1") {
    form.querySelector("button").disabled = true;
    window.setTimeout(function () { form.submit(); }, 300);
  }
});
