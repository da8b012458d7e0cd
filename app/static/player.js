/* Báo nói player: progressive enhancement over the native <audio> controls. */
(function () {
  "use strict";
  var root = document.getElementById("player");
  if (!root) return;
  var audio = document.getElementById("audio");
  var status = document.getElementById("player-status");
  var id = root.getAttribute("data-id");
  var store = "baonoi:pos:" + id + ":" + root.getAttribute("data-version");
  var ready = root.getAttribute("data-status") === "ready";
  var timings = null, loading = null, current = -1, resumed = false, poll = null, retry = false;
  // Live mode: while the audio is being made, its MP3 is appended to a MediaSource as it grows.
  var live = !ready && !!window.MediaSource && MediaSource.isTypeSupported("audio/mpeg");
  var sources = live ? Array.prototype.slice.call(audio.querySelectorAll("source")) : [];
  var ms = null, sb = null, urls = null, appended = 0, liveDone = false, pending = null, handed = false;
  var hl = window.CSS && CSS.highlights && window.Highlight;

  function say(text) { status.textContent = text; }
  // What other scripts listen to (queue, offline): baonoi:play, baonoi:pause, baonoi:ended on document.
  function tell(name) { document.dispatchEvent(new CustomEvent("baonoi:" + name, { detail: { id: id } })); }
  function label(text) { var b = $("#toggle"); if (b) b.textContent = text; }
  function $(sel) { return root.querySelector(sel); }
  function remember(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function recall(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function savePos() { if (audio.currentTime > 0 && !audio.ended) remember(store, String(audio.currentTime)); }

  function loadTimings() {
    if (!loading) {
      loading = fetch(root.getAttribute("data-timings")).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (t) { timings = t; return t; }, function () { loading = null; return null; });
    }
    return loading;
  }

  // While the audio is being made: report progress, and play once it is ready.
  function check() {
    fetch("/api/articles/" + encodeURIComponent(id)).then(function (r) { return r.json(); }).then(function (j) {
      var a = j.audio || {};
      if (a.status === "ready") {
        clearInterval(poll); poll = null; ready = true;
        if (retry) { retry = false; say("Âm thanh đã sẵn sàng."); audio.load(); audio.play(); }
      } else if (a.status === "failed") {
        clearInterval(poll); poll = null; say("Không tạo được âm thanh. Vui lòng thử lại sau.");
      } else {
        say("Đang tạo âm thanh… " + Math.round((a.progress || 0) * 100) + "%");
      }
    }, function () {});
  }
  function watchProgress() {
    if (poll || ready) return;
    say("Đang tạo âm thanh… 0%");
    poll = setInterval(check, 1500);
    check();
  }

  function buffered() { return audio.buffered.length ? audio.buffered.end(audio.buffered.length - 1) : 0; }
  function useTimings(t) { timings = t; loading = Promise.resolve(t); }
  function later(f) { setTimeout(f, 250); }

  // Ask for the audio now (ahead of background work), then follow it as it is made.
  function startLive() {
    say("Đang chuẩn bị âm thanh…");
    fetch("/articles/" + encodeURIComponent(id) + "/listen", { method: "POST" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (j) {
      urls = j;
      if (j.status === "ready") { liveDone = true; handOver(0, true); return; }
      ms = new MediaSource(); root.setAttribute("data-live", "making");
      ms.addEventListener("sourceopen", function () {
        sb = ms.addSourceBuffer("audio/mpeg");
        sb.mode = "sequence";
        pump();
      }, { once: true });
      audio.src = URL.createObjectURL(ms);
      audio.play().catch(function () {});
    }).catch(function () { say("Chưa tạo được âm thanh. Vui lòng thử lại sau ít giây."); });
  }
  // One step: read the progress, append the bytes that are new, go on until the end.
  function pump() {
    fetch(urls.live_json, { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (st) {
      useTimings(st.timings);
      if (st.bytes > appended) {
        return fetch(urls.live_mp3, { cache: "no-store", headers: { Range: "bytes=" + appended + "-" + (st.bytes - 1) } })
          .then(function (r) { if (r.status !== 206) throw new Error(r.status); return r.arrayBuffer(); })
          .then(function (buf) {
            sb.addEventListener("updateend", function () {
              appended += buf.byteLength;
              if (pending !== null && buffered() >= pending) { audio.currentTime = pending; pending = null; }
              pump();
            }, { once: true });
            sb.appendBuffer(buf);
          });
      }
      if (st.done) {
        liveDone = true; root.setAttribute("data-live", "done");
        if (ms.readyState === "open") ms.endOfStream();
        if (pending !== null) { audio.currentTime = Math.min(pending, buffered()); pending = null; }
        if (audio.paused && !audio.ended && audio.currentTime > 0) handOver(audio.currentTime, false);
        return;
      }
      if (!audio.paused && audio.readyState < 3) say("Đang tạo âm thanh… " + Math.round(st.duration_s) + " giây đã sẵn sàng.");
      later(pump);
    }).catch(function () { later(pump); });
  }
  // The finished files take over at the same position (at a pause, or once the end is reached).
  function handOver(at, play) {
    if (handed) return;
    handed = true; live = false; root.setAttribute("data-live", "handed");
    var old = audio.src;
    audio.removeAttribute("src");
    sources.forEach(function (el) { audio.appendChild(el); });
    audio.addEventListener("loadedmetadata", function () {
      audio.currentTime = at;
      if (play) audio.play().catch(function () {});
    }, { once: true });
    audio.load();
    if (old && old.indexOf("blob:") === 0) URL.revokeObjectURL(old);
    useTimings(null); loading = null; loadTimings();
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

  // The Range of ``text`` inside ``el``, matching with runs of white space collapsed.
  function rangeOf(el, text) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), node, flat = "", map = [];
    while ((node = walker.nextNode())) {
      for (var k = 0; k < node.nodeValue.length; k++) {
        var ch = node.nodeValue[k], space = /\s/.test(ch);
        if (space && (flat === "" || flat[flat.length - 1] === " ")) continue;
        flat += space ? " " : ch; map.push([node, k]);
      }
    }
    var want = text.replace(/\s+/g, " ").trim(), at = flat.indexOf(want);
    if (at < 0 && want.indexOf(": ") > 0) { want = want.slice(want.indexOf(": ") + 2); at = flat.indexOf(want); }
    if (at < 0 || !want) return null;
    var r = document.createRange(), end = map[at + want.length - 1];
    r.setStart(map[at][0], map[at][1]); r.setEnd(end[0], end[1] + 1);
    return r;
  }

  function show(i) {
    if (i === current || !timings) return;
    var old = document.querySelector(".now");
    if (old) old.classList.remove("now");
    if (hl) CSS.highlights.delete("now");
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

  function seek(t) {
    t = Math.max(0, t);
    if (ms && !liveDone && t > buffered()) { pending = t; say("Đang tạo đến đoạn này, sẽ phát ngay khi có…"); return; }
    audio.currentTime = Math.min(t, audio.duration || t);
  }
  function withTimings(then) { loadTimings().then(function () { if (timings && timings.length) then(); }); }
  function sentence(step) {
    withTimings(function () { seek(timings[Math.max(0, Math.min(timings.length - 1, index(audio.currentTime) + step))].start); });
  }
  function paragraph(step) {
    withTimings(function () {
      var j = Math.max(0, index(audio.currentTime)), block = timings[j].block;
      if (step < 0) {
        while (j > 0 && timings[j].block === block) j--;
        while (j > 0 && timings[j - 1].block === timings[j].block) j--;
      } else {
        while (j < timings.length - 1 && timings[j].block === block) j++;
      }
      seek(timings[j].start);
    });
  }
  function playFrom(block) {
    withTimings(function () {
      for (var i = 0; i < timings.length; i++) {
        if (timings[i].block >= block) { resumed = true; seek(timings[i].start); audio.play(); return; }
      }
    });
  }
  function speed(rate) {
    audio.playbackRate = rate;
    if ($("#speed")) $("#speed").value = String(rate);
    remember("baonoi:rate", String(rate));
  }
  function toggle() { if (audio.paused) { audio.play(); } else { audio.pause(); } }

  audio.addEventListener("play", function () {
    if (live && !ms && !handed) { startLive(); } else if (!live) { loadTimings(); watchProgress(); }
    label("Tạm dừng"); tell("play");
    if (!resumed) {
      resumed = true;
      var saved = parseFloat(recall(store) || "0");
      if (saved > 5) { seek(saved); say("Tiếp tục từ lần nghe trước."); }
    }
    if ("mediaSession" in navigator && window.MediaMetadata) {
      navigator.mediaSession.metadata = new MediaMetadata({
        title: root.getAttribute("data-title"), artist: root.getAttribute("data-author") || "Báo nói", album: "Báo nói" });
    }
  });
  audio.addEventListener("pause", function () {
    label("Phát"); savePos(); if (!audio.ended) tell("pause");
    if (ms && liveDone && !audio.ended) handOver(audio.currentTime, false);
  });
  audio.addEventListener("playing", function () {
    if (poll) { clearInterval(poll); poll = null; ready = true; }
    say("Đang phát.");
  });
  audio.addEventListener("waiting", function () { if (!poll) say("Đang tải âm thanh…"); });
  audio.addEventListener("ended", function () {
    say("Đã đọc hết bài."); tell("ended"); try { localStorage.removeItem(store); } catch (e) { /* private mode */ }
    if (ms && liveDone) handOver(0, false);
  });
  audio.addEventListener("error", function () {
    if (live && !ms) return;  // no source yet: pressing play starts the live stream
    if (poll) { retry = true; return; }  // still being made: play when it is ready
    say("Chưa phát được âm thanh. Vui lòng thử lại sau ít giây.");
  }, true);
  audio.addEventListener("timeupdate", function () {
    show(index(audio.currentTime));
    if (Math.floor(audio.currentTime) % 5 === 0) savePos();
  });
  window.addEventListener("pagehide", savePos);

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
  document.addEventListener("baonoi:play-request", function () { if (audio.paused) toggle(); });
  document.addEventListener("baonoi:pause-request", function () { if (!audio.paused) toggle(); });
  if ($("#speed")) $("#speed").addEventListener("change", function () { speed(parseFloat(this.value)); });
  var keys = { " ": "toggle", k: "toggle", j: "back", ArrowLeft: "back", l: "fwd", ArrowRight: "fwd",
    ",": "prevs", ".": "nexts", "[": "prevp", "]": "nextp" };
  root.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.tagName === "SELECT") return;
    if ((e.key === " " || e.key === "Enter") && e.target.tagName === "BUTTON") return;
    var name = keys[e.key];
    if (name) { e.preventDefault(); actions[name](); }
  });
  var body = document.querySelector("article");
  if (body) body.addEventListener("click", function (e) {
    if (e.target.closest("a, button, audio, summary, .panel")) return;
    var block = e.target.closest("[data-block]");
    if (block && String(window.getSelection ? window.getSelection() : "") === "") playFrom(parseInt(block.getAttribute("data-block"), 10));
  });
  if ("mediaSession" in navigator) {
    [["play", function () { audio.play(); }], ["pause", function () { audio.pause(); }],
     ["seekbackward", actions.back], ["seekforward", actions.fwd],
     ["previoustrack", actions.prevs], ["nexttrack", actions.nexts]].forEach(function (p) {
      try { navigator.mediaSession.setActionHandler(p[0], p[1]); } catch (e) { /* unsupported action */ }
    });
  }
  if (live) { sources.forEach(function (el) { el.remove(); }); audio.load(); }
  var rate = parseFloat(recall("baonoi:rate"));
  if (rate >= 0.75 && rate <= 2) speed(rate);
  root.hidden = false;
})();
