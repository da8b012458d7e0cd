/* Báo nói player: progressive enhancement over the native <audio> controls. */
(function () {
  "use strict";
  var root = document.getElementById("player");
  if (!root) return;
  var audio = document.getElementById("audio");
  var status = document.getElementById("player-status");
  var id = root.getAttribute("data-id");
  var store = "baonoi:pos:" + id + ":" + root.getAttribute("data-version");
  var timings = null, loading = null, current = -1, resumed = false, poll = null;
  var hl = window.CSS && CSS.highlights && window.Highlight;

  function say(text) { status.textContent = text; }
  function $(sel) { return root.querySelector(sel); }

  function loadTimings() {
    if (!loading) {
      loading = fetch(root.getAttribute("data-timings")).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (t) { timings = t; return t; }, function () { loading = null; return null; });
    }
    return loading;
  }

  function watchProgress() {
    if (poll) return;
    poll = setInterval(function () {
      fetch("/api/articles/" + encodeURIComponent(id)).then(function (r) { return r.json(); })
        .then(function (j) {
          var a = j.audio || {};
          if (a.status === "ready") { clearInterval(poll); poll = null; return; }
          if (a.status === "failed") { say("Không tạo được âm thanh. Vui lòng thử lại sau."); return; }
          say("Đang tạo âm thanh… " + Math.round((a.progress || 0) * 100) + "%");
        }, function () {});
    }, 1500);
  }

  function index(t) {
    if (!timings) return -1;
    var lo = 0, hi = timings.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (timings[mid].start <= t + 0.05) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function rangeOf(el, text) {
    var full = el.textContent, at = full.indexOf(text);
    if (at < 0) return null;
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), node, pos = 0, r = document.createRange(), started = false;
    while ((node = walker.nextNode())) {
      var len = node.nodeValue.length;
      if (!started && at < pos + len) { r.setStart(node, at - pos); started = true; }
      if (started && at + text.length <= pos + len) { r.setEnd(node, at + text.length - pos); return r; }
      pos += len;
    }
    return null;
  }

  function show(i) {
    if (i === current || !timings) return;
    var old = document.querySelector(".now");
    if (old) old.classList.remove("now");
    current = i;
    if (i < 0) return;
    var el = document.getElementById("b" + timings[i].block);
    if (!el) return;
    var r = hl && rangeOf(el, timings[i].text);
    if (r) { CSS.highlights.set("now", new Highlight(r)); } else { el.classList.add("now"); }
    var box = (r || el).getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      el.scrollIntoView({ block: "center", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    }
  }

  function seek(t) { audio.currentTime = Math.max(0, Math.min(t, audio.duration || t)); }
  function sentence(step) {
    loadTimings().then(function () {
      if (!timings) return;
      var i = Math.max(0, Math.min(timings.length - 1, index(audio.currentTime) + step));
      seek(timings[i].start);
    });
  }
  function paragraph(step) {
    loadTimings().then(function () {
      if (!timings) return;
      var i = index(audio.currentTime), block = i < 0 ? -1 : timings[i].block, j = i;
      if (step < 0) {
        while (j > 0 && timings[j].block === block) j--;
        var b = timings[j].block;
        while (j > 0 && timings[j - 1].block === b) j--;
      } else {
        while (j < timings.length - 1 && timings[j].block === block) j++;
      }
      seek(timings[Math.max(0, j)].start);
    });
  }
  function playFrom(block) {
    loadTimings().then(function () {
      if (!timings) return;
      for (var i = 0; i < timings.length; i++) {
        if (timings[i].block === block) { resumed = true; seek(timings[i].start); audio.play(); return; }
      }
    });
  }
  function speed(rate) {
    audio.playbackRate = rate;
    $("#speed").value = String(rate);
    try { localStorage.setItem("baonoi:rate", String(rate)); } catch (e) {}
  }
  function toggle() { if (audio.paused) { audio.play(); } else { audio.pause(); } }

  audio.addEventListener("play", function () {
    loadTimings();
    if (root.getAttribute("data-status") !== "ready") watchProgress();
    $("#toggle").textContent = "Tạm dừng";
    if (!resumed) {
      resumed = true;
      var saved = parseFloat(localStorage.getItem(store) || "0");
      if (saved > 5) { seek(saved); say("Tiếp tục từ lần nghe trước."); }
    }
    if ("mediaSession" in navigator) {
      navigator.mediaSession.metadata = new MediaMetadata({
        title: root.getAttribute("data-title"), artist: root.getAttribute("data-author") || "Báo nói", album: "Báo nói" });
    }
  });
  audio.addEventListener("pause", function () { $("#toggle").textContent = "Phát"; });
  audio.addEventListener("playing", function () { if (poll) { clearInterval(poll); poll = null; } say("Đang phát."); });
  audio.addEventListener("waiting", function () { say("Đang tải âm thanh…"); });
  audio.addEventListener("ended", function () { say("Đã đọc hết bài."); try { localStorage.removeItem(store); } catch (e) {} });
  audio.addEventListener("error", function () { say("Chưa phát được âm thanh. Vui lòng thử lại sau ít giây."); });
  audio.addEventListener("timeupdate", function () {
    show(index(audio.currentTime));
    if (Math.floor(audio.currentTime) % 5 === 0) { try { localStorage.setItem(store, String(audio.currentTime)); } catch (e) {} }
  });

  var actions = {
    toggle: toggle,
    back: function () { seek(audio.currentTime - 15); },
    fwd: function () { seek(audio.currentTime + 15); },
    prevs: function () { sentence(-1); }, nexts: function () { sentence(1); },
    prevp: function () { paragraph(-1); }, nextp: function () { paragraph(1); }
  };
  root.addEventListener("click", function (e) {
    var act = e.target.closest && e.target.closest("[data-act]");
    if (act) actions[act.getAttribute("data-act")]();
  });
  $("#speed").addEventListener("change", function () { speed(parseFloat(this.value)); });
  var keys = { " ": "toggle", k: "toggle", j: "back", ArrowLeft: "back", l: "fwd", ArrowRight: "fwd",
    ",": "prevs", ".": "nexts", "[": "prevp", "]": "nextp" };
  root.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.tagName === "SELECT") return;
    if ((e.key === " ") && e.target.tagName === "BUTTON") return;
    var name = keys[e.key];
    if (name) { e.preventDefault(); actions[name](); }
  });
  document.querySelector("article").addEventListener("click", function (e) {
    if (e.target.closest("a, button, audio, #player")) return;
    var block = e.target.closest("[data-block]");
    if (block && (!window.getSelection || String(window.getSelection()) === "")) playFrom(parseInt(block.getAttribute("data-block"), 10));
  });
  if ("mediaSession" in navigator) {
    [["play", toggle], ["pause", toggle], ["seekbackward", actions.back], ["seekforward", actions.fwd],
     ["previoustrack", actions.prevs], ["nexttrack", actions.nexts]].forEach(function (p) {
      try { navigator.mediaSession.setActionHandler(p[0], p[1]); } catch (e) {}
    });
  }
  try { var r = parseFloat(localStorage.getItem("baonoi:rate")); if (r) speed(r); } catch (e) {}
  root.hidden = false;
})();
