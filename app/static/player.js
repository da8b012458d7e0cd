/* Báo nói player (see ARCHITECTURE.md): streams the MP3 as it is made on "Phát"; events baonoi:*. */
(function () {
  "use strict";
  var root = document.getElementById("player");
  if (!root) return;
  var audio = document.getElementById("audio");
  var status = document.getElementById("player-status");
  var dock = root.querySelector(".dock");
  var id = root.getAttribute("data-id");
  var store = "baonoi:pos:" + id + ":" + root.getAttribute("data-version");
  var ready = root.getAttribute("data-status") === "ready";
  var stream = root.getAttribute("data-stream");
  var MS = window.MediaSource || window.ManagedMediaSource;
  var canMS = !!(MS && MS.isTypeSupported && MS.isTypeSupported("audio/mpeg"));
  var sources = Array.prototype.slice.call(audio.querySelectorAll("source"));
  var file = sources.filter(function (el) { return /mpeg/.test(el.type); }).map(function (el) { return el.src; })[0];
  var bar = $("#seek"), clock = $("#time"), moreBtn = $("#more"), total = parseFloat(root.getAttribute("data-duration")) || 0;
  var timings = null, loading = null, resumed = false, playingSaid = false;
  // mode: null before the first press, "stream" (the MP3 as it is written), "files" (finished).
  var mode = null, ms = null, sb = null, queue = [], received = 0, streamEnded = false;
  var liveDone = false, complete = ready, pending = null, switching = false, lastGrowth = Date.now(), jumped = 0;

  function say(text) { status.textContent = text; }
  function tell(name) { document.dispatchEvent(new CustomEvent("baonoi:" + name, { detail: { id: id } })); }
  function label(text) { var b = $("#toggle"); if (b) b.textContent = text; }
  function $(sel) { return root.querySelector(sel); }
  function remember(k, value) { try { localStorage.setItem(k, value); } catch (e) { /* private mode */ } }
  function recall(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }
  function savePos() { if (audio.currentTime > 0 && !audio.ended) remember(store, String(audio.currentTime)); }
  function later(f, ms_) { setTimeout(f, ms_ || 250); }
  function buffered() { return audio.buffered.length ? audio.buffered.end(audio.buffered.length - 1) : 0; }
  function useTimings(t) { timings = t; loading = Promise.resolve(t); }

  function loadTimings() {
    if (!loading) {
      loading = fetch(root.getAttribute("data-timings")).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (t) { timings = t; return t; }, function () { loading = null; return null; });
    }
    return loading;
  }

  // Ask for the audio now, ahead of background work (sent beside the stream: no round trip waits).
  function listen() {
    fetch("/articles/" + encodeURIComponent(id) + "/listen", { method: "POST" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
    }).catch(function () { if (audio.readyState < 3) say("Chưa tạo được âm thanh. Vui lòng thử lại sau ít giây."); });
  }

  // Made or not, the MP3 streams into a MediaSource (a plain <audio> buffers ~125 KB before playing).
  function start(at) {
    if (mode) return;
    lastGrowth = Date.now();
    Array.prototype.forEach.call(document.querySelectorAll(".pre"), function (el) { el.hidden = true; });  // said before a press
    if (ready && (at > 0 || !(canMS && file) || root.hasAttribute("data-low"))) { files(at || 0, false); return; }  // low data: Opus
    mode = "stream"; root.setAttribute("data-live", ready ? "done" : "making");
    if (!ready) { say("Đang chuẩn bị âm thanh…"); listen(); }
    if (canMS) {
      ms = new MS();
      if (MS === window.ManagedMediaSource) audio.disableRemotePlayback = true;
      ms.addEventListener("sourceopen", function () {
        sb = ms.addSourceBuffer("audio/mpeg");
        sb.mode = "sequence";
        sb.addEventListener("updateend", feed);
        feed();
      }, { once: true });
      audio.src = URL.createObjectURL(ms);
      read();
    } else {
      audio.src = stream + "?stream=1";  // one growing response: plays while it is made
    }
    if (!ms) later(follow, 500);
  }

  // The MP3 as one streamed response: each piece is appended as soon as it arrives.
  function read() {
    fetch(ready ? file : stream, { cache: ready ? "default" : "no-store" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      if (!r.body || !r.body.getReader) return r.arrayBuffer().then(function (b) { push(new Uint8Array(b)); });
      var reader = r.body.getReader();
      function next() {
        return reader.read().then(function (x) { if (!x.done) { push(x.value); return next(); } });
      }
      return next();
    }).then(function () { if (ready) { streamEnded = true; feed(); } else resume(); },
      function () { if (ready) handOver(audio.currentTime, !audio.paused); else later(resume, 1000); });
  }
  function push(bytes) { if (!received && !ready) follow(); lastGrowth = Date.now(); received += bytes.byteLength; queue.push(bytes); feed(); }
  function feed() {
    if (!sb || sb.updating || ms.readyState !== "open") return;
    if (pending !== null && buffered() >= pending) { audio.currentTime = pending; pending = null; }
    if (!queue.length) { if (streamEnded) { ms.endOfStream(); settle(); } return; }
    var size = 0, at = 0, k;
    for (k = 0; k < queue.length; k++) size += queue[k].byteLength;
    var all = new Uint8Array(size);
    for (k = 0; k < queue.length; k++) { all.set(queue[k], at); at += queue[k].byteLength; }
    queue = [];
    sb.appendBuffer(all);
  }
  // After the stream ends (or breaks): fetch what is missing by Range until the set is finished.
  function resume() {
    if (Date.now() - lastGrowth > 120000) { say("Chưa tạo được âm thanh. Vui lòng thử lại sau ít giây."); return; }
    fetch(stream.replace(/\.mp3$/, ".json"), { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (st) {
      if (st.bytes > received) {
        return fetch(stream, { cache: "no-store", headers: { Range: "bytes=" + received + "-" + (st.bytes - 1) } })
          .then(function (r) { if (r.status !== 206) throw new Error(r.status); return r.arrayBuffer(); })
          .then(function (buf) { push(new Uint8Array(buf)); later(resume, 50); });
      }
      if (st.done) { streamEnded = true; feed(); return; }
      later(resume, 1000);
    }).catch(function () { later(resume, 1000); });
  }
  // Sentence timings while the audio is made (only the new ones each time); plain mode learns the end here.
  function follow() {
    if (mode !== "stream") return;
    var have = timings && timings.length || 0;
    fetch(stream.replace(/\.mp3$/, ".json") + "?from=" + have, { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (st) {
      if (mode !== "stream") return;
      if ((st.from || 0) === (timings && timings.length || 0)) useTimings((timings || []).concat(st.timings));
      total = Math.max(total, st.duration_s || 0); where();
      if (st.done) { complete = true; if (!ms) settle(); where(); if (audio.paused) say("Đã tạo xong âm thanh."); return; }
      if (!audio.paused && audio.readyState < 3) say("Đang tạo âm thanh… " + Math.round(st.duration_s) + " giây đã sẵn sàng.");
      later(follow, 1000);
    }, function () { later(follow, 3000); });
  }
  function settle() {
    if (liveDone) return;
    liveDone = true; root.setAttribute("data-live", "done");
    if (pending !== null) { audio.currentTime = Math.min(pending, buffered()); pending = null; }
    if (audio.paused && !audio.ended && audio.currentTime > 0) handOver(audio.currentTime, false);
  }
  // The finished files take over at the same position (at a pause, or once the end is reached).
  function handOver(at, play) {
    if (mode === "files") return;
    root.setAttribute("data-live", "handed");
    files(at, play);
  }
  function files(at, play) {
    var old = audio.src;
    mode = "files"; pending = at;  // a seek while they load moves it
    audio.removeAttribute("src");
    sources.forEach(function (el) { audio.appendChild(el); });
    audio.addEventListener("loadedmetadata", function () {
      if (pending) audio.currentTime = pending;
      pending = null;
      if (play) audio.play().catch(function () {});
    }, { once: true });
    audio.load();
    if (old && old.indexOf("blob:") === 0) URL.revokeObjectURL(old);
    useTimings(null); loading = null; complete = true; loadTimings();
  }


  function seek(t) {
    t = Math.max(0, t); jumped = Date.now();
    if (!mode) start(t);
    if (mode === "files" && pending !== null) { pending = t; return true; }
    if (mode === "stream" && ready && !liveDone && t > buffered()) { handOver(t, !audio.paused); return true; }  // by Range
    if (mode === "stream" && !liveDone && t > buffered()) {
      pending = t; say("Đang tạo đến đoạn này, sẽ phát ngay khi có…"); return false;
    }
    audio.currentTime = Math.min(t, audio.duration || t);
    return true;
  }
  function withTimings(then) { loadTimings().then(function () { if (timings && timings.length) then(); }); }
  // Where the listener is: the slider, the clock, and its words ("2 phút 10 giây trên 7 phút").
  function words(t) {
    t = Math.round(t); var m = Math.floor(t / 60), out = (m ? m + " phút " : "") + (t % 60) + " giây";
    return m && !(t % 60) ? m + " phút" : out;
  }
  function clockOf(t) { t = Math.round(t); return Math.floor(t / 60) + ":" + ("0" + t % 60).slice(-2); }
  var shown = -1;
  function where() {
    if (!bar) return;
    var now = audio.currentTime || 0, end = Math.max(total, complete ? 0 : buffered(), now), growing = !complete, s = Math.floor(now);
    bar.max = String(Math.max(1, Math.ceil(end)));
    if (!bar.matches(":active")) bar.value = String(s);
    if (s === shown && !growing) return;
    shown = s;
    clock.textContent = clockOf(now) + " / " + clockOf(end) + (growing ? "+" : "");
    bar.setAttribute("aria-valuetext", words(now) + " trên " + words(end) + (growing ? " đã tạo, đang tạo tiếp" : ""));
  }
  // The sentence layer (sentences.js: highlight, sentence and paragraph steps), fetched at the first use.
  var layer = null, sentences = null;
  function withSentences(f) {
    var src = root.getAttribute("data-js");
    if (!src) return;
    layer = layer || new Promise(function (resolve) {
      var js = document.createElement("script");
      js.src = src; js.onload = function () { resolve(sentences = window.BaonoiSentences(api)); };
      js.onerror = function () { layer = null; };
      document.head.appendChild(js);
    });
    layer.then(f);
  }
  var api = { audio: audio, root: root, dock: dock, say: say, seek: seek, play: play, withTimings: withTimings,
    timings: function () { return timings; }, complete: function () { return complete; }, resumed: function () { resumed = true; } };
  function jump(by) { if (seek(audio.currentTime + by)) say(by < 0 ? "Lùi " + -by + " giây." : "Tới " + by + " giây."); }
  function speed(rate, spoken) {
    audio.playbackRate = rate;
    if ($("#speed")) $("#speed").value = String(rate);
    remember("baonoi:rate", String(rate));
    if (spoken) say("Tốc độ " + String(rate).replace(".", ",") + "×.");
  }
  function play() {
    if (!mode) start();
    audio.play().catch(function () {});
  }
  function toggle() { if (audio.paused) { play(); } else { audio.pause(); } }

  audio.addEventListener("play", function () {
    if (!mode) {  // played from elsewhere (the element's own play()): give it its source first
      switching = true; start();
      setTimeout(function () { switching = false; if (audio.paused) audio.play().catch(function () {}); }, 0);
    }
    if (mode === "files") loadTimings();
    label("Tạm dừng"); tell("play");
    if (!resumed) {
      resumed = true;
      var saved = parseFloat(recall(store) || "0");
      if (saved > 5) { seek(saved); say("Tiếp tục từ lần nghe trước."); playingSaid = true; }
    }
  });
  audio.addEventListener("pause", function () {
    if (switching) return;
    label("Phát"); savePos(); playingSaid = false; jumped = 0;
    if (audio.ended) return;
    say("Đã dừng."); tell("pause");
    if (mode === "stream" && liveDone) handOver(audio.currentTime, false);
  });
  function justJumped() { return Date.now() - jumped < 1500; }  // a jump's own words stay
  audio.addEventListener("playing", function () {  // then what can wait: timings, the sentence layer
    if (ready) loadTimings();
    withSentences(function (x) { x.lock(); });
    if (!playingSaid && !justJumped()) say("Đang phát.");
    playingSaid = true;
  });
  audio.addEventListener("waiting", function () { if (!justJumped()) { playingSaid = false; say("Đang tải âm thanh…"); } });
  audio.addEventListener("progress", function () {
    if (pending !== null && !ms && buffered() >= pending) { audio.currentTime = pending; pending = null; }
  });
  audio.addEventListener("ended", function () {
    say("Đã đọc hết bài."); tell("ended"); try { localStorage.removeItem(store); } catch (e) { /* private mode */ }
    if (mode === "stream" && liveDone) handOver(0, false);
  });
  audio.addEventListener("error", function () {
    if (!mode || switching) return;
    say(navigator.onLine === false ? "Không có mạng." : "Chưa phát được âm thanh. Vui lòng thử lại sau ít giây.");
  }, true);
  audio.addEventListener("timeupdate", function () {
    if (sentences) sentences.show(); where();
    if (Math.floor(audio.currentTime) % 5 === 0) savePos();
  });
  window.addEventListener("pagehide", savePos);

  var actions = {
    toggle: toggle,
    back: function () { jump(-15); }, fwd: function () { jump(15); },
    prevs: function () { withSentences(function (x) { x.sentence(-1); }); }, nexts: function () { withSentences(function (x) { x.sentence(1); }); },
    prevp: function () { withSentences(function (x) { x.paragraph(-1); }); }, nextp: function () { withSentences(function (x) { x.paragraph(1); }); }
  };
  if (bar) {
    bar.addEventListener("input", function () { clock.textContent = clockOf(+bar.value) + " / " + clockOf(+bar.max); });
    var to = function (t) { seek(t); shown = -1; where(); };
    bar.addEventListener("change", function () { to(+bar.value); });
    bar.addEventListener("keydown", function (e) {
      var by = { ArrowLeft: -5, ArrowDown: -5, ArrowRight: 5, ArrowUp: 5, PageDown: -60, PageUp: 60 }[e.key];
      if (e.key === "Home") by = -audio.currentTime;
      if (!by) return;
      e.preventDefault(); e.stopPropagation();
      to(Math.min(+bar.max, audio.currentTime + by));
    });
    audio.addEventListener("durationchange", function () { if (mode === "files" && isFinite(audio.duration)) total = audio.duration; where(); });
  }
  if (moreBtn) moreBtn.addEventListener("click", function () {
    var open = moreBtn.getAttribute("aria-expanded") !== "true", p = document.getElementById(moreBtn.getAttribute("aria-controls"));
    moreBtn.setAttribute("aria-expanded", String(open)); p.hidden = !open;
  });
  api.actions = actions;
  root.addEventListener("click", function (e) {
    var act = e.target.closest && e.target.closest("[data-act]");
    if (act) actions[act.getAttribute("data-act")]();
  });
  document.addEventListener("baonoi:play-request", function () { if (audio.paused) play(); });
  document.addEventListener("baonoi:pause-request", function () { if (!audio.paused) audio.pause(); });
  if ($("#speed")) $("#speed").addEventListener("change", function () { speed(parseFloat(this.value), true); });
  var keys = { " ": "toggle", k: "toggle", j: "back", ArrowLeft: "back", l: "fwd", ArrowRight: "fwd",
    ",": "prevs", ".": "nexts", "[": "prevp", "]": "nextp" };
  root.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || /SELECT|INPUT/.test(e.target.tagName)) return;
    if ((e.key === " " || e.key === "Enter") && e.target.tagName === "BUTTON") return;
    var name = keys[e.key];
    if (name) { e.preventDefault(); actions[name](); }
  });
  var body = document.querySelector("article");
  if (body) body.addEventListener("click", function (e) {
    if (e.target.closest("a, button, audio, summary, .panel")) return;
    var block = e.target.closest("[data-block]");
    if (block && String(window.getSelection ? window.getSelection() : "") === "") withSentences(function (x) { x.playFrom(parseInt(block.getAttribute("data-block"), 10)); });
  });
  // One set of controls: ours. The native ones (and the sources) are for pages without JavaScript.
  audio.removeAttribute("controls");
  sources.forEach(function (el) { el.remove(); });
  audio.load();
  var rate = parseFloat(recall("baonoi:rate"));
  if (rate >= 0.75 && rate <= 2) speed(rate, false);
  root.hidden = false; where();
  var nav = document.getElementById("prefs");  // its script comes when the panel is near
  function prefs() {
    if (!nav || nav.hasAttribute("data-on")) return;
    nav.setAttribute("data-on", "");
    var js = document.createElement("script");
    js.src = nav.getAttribute("data-js"); document.head.appendChild(js);
  }
  if (nav && window.IntersectionObserver) new IntersectionObserver(function (e) { if (e[0].isIntersecting) prefs(); }, { rootMargin: "100%" }).observe(nav);
  if (nav) { nav.addEventListener("focusin", prefs); nav.addEventListener("pointerdown", prefs); }
  if (dock) {  // the docked player never hides text: the page keeps room for it at the bottom
    var room = function () { document.documentElement.style.setProperty("--dock", dock.offsetHeight + "px"); };
    if (window.ResizeObserver) new ResizeObserver(room).observe(dock);
    room();
  }
})();
