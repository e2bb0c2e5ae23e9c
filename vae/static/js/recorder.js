// Record a voice note in the browser (MediaRecorder) and put it in the form's file field.
(function () {
  "use strict";
  var box = document.querySelector("[data-recorder]");
  var form = document.getElementById("evidence-form");
  if (!box || !form || !window.MediaRecorder || !navigator.mediaDevices) { return; }
  var input = form.querySelector("input[type=file]");
  var kind = form.querySelector("select[name=kind]");
  var start = box.querySelector("[data-record]"), stop = box.querySelector("[data-stop]");
  var status = box.querySelector("[data-status]"), playback = box.querySelector("[data-playback]");
  var recorder = null, chunks = [];
  box.hidden = false;
  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      chunks = [];
      recorder = new MediaRecorder(stream);
      recorder.ondataavailable = function (e) { if (e.data.size) { chunks.push(e.data); } };
      recorder.onstop = function () {
        stream.getTracks().forEach(function (t) { t.stop(); });
        var type = recorder.mimeType || "audio/webm";
        var ext = type.indexOf("ogg") >= 0 ? "ogg" : (type.indexOf("mp4") >= 0 ? "m4a" : "webm");
        var file = new File(chunks, "recording." + ext, { type: type });
        var transfer = new DataTransfer();
        transfer.items.add(file);
        input.files = transfer.files;
        if (kind) { kind.value = "audio"; }
        playback.src = URL.createObjectURL(file);
        playback.hidden = false;
        status.textContent = box.dataset.done || "✓";
        start.disabled = false; stop.disabled = true;
      };
      recorder.start();
      status.textContent = "●";
      start.disabled = true; stop.disabled = false;
    }).catch(function () { status.textContent = "✗"; });
  });
  stop.addEventListener("click", function () { if (recorder) { recorder.stop(); } });
}());
