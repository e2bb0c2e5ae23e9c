// Record a voice note or a short video in the browser (MediaRecorder), let the candidate listen,
// keep or redo it, and put the kept recording in the evidence form's file field.
// States: idle -> asking permission -> recording (timer) -> recorded (listen / keep / redo) -> kept.
// One recorder per evidence form (each competence has its own form).
(function () {
  "use strict";
  if (!window.MediaRecorder || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;  // the file field alone still works
  }
  var MAX_SECONDS = { audio: 600, video: 120 };  // a video over two minutes would pass the upload cap
  document.querySelectorAll("[data-recorder]").forEach(function (box) { setUp(box, box.closest("form"), MAX_SECONDS); });
}());

function setUp(box, form, MAX_SECONDS) {
  "use strict";
  var input = form.querySelector("input[type=file]");
  var kind = form.querySelector("select[name=kind]");
  var title = form.querySelector("input[name=title]");
  var idle = box.querySelector("[data-idle]"), review = box.querySelector("[data-review]");
  var stop = box.querySelector("[data-stop]"), status = box.querySelector("[data-status]");
  var timer = box.querySelector("[data-timer]"), live = box.querySelector("[data-live]");
  var players = { audio: box.querySelector("[data-playback=audio]"), video: box.querySelector("[data-playback=video]") };
  var recorder = null, stream = null, file = null, mode = "audio", ticking = null, started = 0;

  function say(key) { status.textContent = box.dataset[key] || ""; box.dataset.state = key; }
  function show(el, visible) { el.hidden = !visible; }
  function clock(seconds) {
    var s = Math.floor(seconds % 60);
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }
  function release() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    live.srcObject = null;
    show(live, false);
    clearInterval(ticking);
  }
  function reset() {
    release();
    file = null;
    [players.audio, players.video].forEach(function (p) {
      if (p.src) { URL.revokeObjectURL(p.src); }
      p.removeAttribute("src");
      show(p, false);
    });
    show(review, false); show(stop, false); show(timer, false); show(idle, true);
  }

  function begin(wanted) {
    reset();
    mode = wanted;
    say("asking");
    show(idle, false);
    var constraints = mode === "video" ? { audio: true, video: { width: 640, height: 480 } } : { audio: true };
    navigator.mediaDevices.getUserMedia(constraints).then(function (media) {
      stream = media;
      var chunks = [];
      recorder = new MediaRecorder(stream, mode === "video" ? { videoBitsPerSecond: 500000 } : {});
      recorder.ondataavailable = function (e) { if (e.data.size) { chunks.push(e.data); } };
      recorder.onstop = function () { recorded(chunks); };
      if (mode === "video") { live.srcObject = stream; show(live, true); live.play().catch(function () {}); }
      recorder.start(1000);
      started = Date.now();
      timer.textContent = clock(0);
      show(timer, true); show(stop, true);
      say("recording");
      stop.focus();
      ticking = setInterval(function () {
        var seconds = (Date.now() - started) / 1000;
        timer.textContent = clock(seconds);
        if (seconds >= MAX_SECONDS[mode]) { recorder.stop(); }
      }, 250);
    }).catch(function (error) {
      release();
      show(idle, true);
      var refused = error && (error.name === "NotAllowedError" || error.name === "SecurityError");
      say(refused ? "denied" : "failed");
    });
  }

  function recorded(chunks) {
    release();
    var type = (recorder.mimeType || (mode + "/webm")).split(";")[0];
    var ext = type.indexOf("ogg") >= 0 ? "ogg" : (type.indexOf("mp4") >= 0 ? (mode === "video" ? "mp4" : "m4a") : "webm");
    file = new File(chunks, (mode === "video" ? "video." : "voice.") + ext, { type: type });
    var player = players[mode];
    player.src = URL.createObjectURL(file);
    show(player, true); show(stop, false); show(review, true);
    say("recorded");
    review.querySelector("[data-keep]").focus();
  }

  function keep() {
    var transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    if (kind) { kind.value = mode; kind.dispatchEvent(new Event("change")); }
    if (title && !title.value) { title.value = box.dataset[mode === "video" ? "videoTitle" : "voiceTitle"]; }
    show(review, false); show(idle, true);
    say(mode === "video" ? "keptVideo" : "keptAudio");
    var send = form.querySelector("button:not([type=button]), [type=submit]");
    if (send) { send.focus(); }
  }

  box.hidden = false;
  box.querySelectorAll("[data-record]").forEach(function (button) {
    button.addEventListener("click", function () { begin(button.dataset.record); });
  });
  stop.addEventListener("click", function () { if (recorder && recorder.state !== "inactive") { recorder.stop(); } });
  review.querySelector("[data-keep]").addEventListener("click", keep);
  review.querySelector("[data-redo]").addEventListener("click", function () { begin(mode); });
}
