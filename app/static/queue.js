/* Báo nói: keep listening ("Nghe liên tục") on the list page. One <audio> plays the articles in
   the list's order (newest first), with the spoken "Bài tiếp theo." between two (each article's
   own audio begins with its title). The reader page's side is in reader.js. */
(function () {
  "use strict";
  var POLLS = 400;  // 1.5 s apart: ten minutes for an article's audio to be made
  function byId(id) { return document.getElementById(id); }
  // Lock-screen and headset controls: what is playing, and what next/previous do.
  function mediaSession(metadata, handlers) {
    if (!("mediaSession" in navigator)) return;
    if (metadata && window.MediaMetadata) navigator.mediaSession.metadata = new MediaMetadata(metadata);
    Object.keys(handlers).forEach(function (name) {
      try { navigator.mediaSession.setActionHandler(name, handlers[name]); } catch (e) { /* unsupported */ }
    });
  }
  function postJSON(url) {
    return fetch(url, { method: "POST" }).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }

  // The list page: an in-page queue over the listed articles.
  function listPage(panel) {
    var audio = byId("queue-audio"), status = byId("queue-status");
    var items = Array.prototype.slice.call(document.querySelectorAll("#articles > li[data-id]"));
    var toggleButton = panel.querySelector("[data-q=toggle]");
    var opus = panel.getAttribute("data-lowdata") === "1" && audio.canPlayType("audio/ogg; codecs=opus") !== "";
    var at = -1, phase = "", turn = 0, failed = 0, afterPhrase = null, made = {}, noStream = false;

    function say(text) { status.textContent = text; }
    function title(i) { return items[i].getAttribute("data-title"); }
    function id(i) { return items[i].getAttribute("data-id"); }
    function label() {
      toggleButton.textContent = at < 0 ? "Nghe liên tục" : (audio.paused ? "Tiếp tục nghe" : "Tạm dừng");
    }
    // Resolves once article i's audio can play: made, or streaming as it is made (its live URL).
    function prepare(i) {
      if (made[i]) return made[i];
      if (items[i].getAttribute("data-status") === "ready") { made[i] = Promise.resolve(); return made[i]; }
      var base = "/articles/" + encodeURIComponent(id(i));
      made[i] = postJSON(base + "/listen").then(function (j) {
        if (j.status === "ready") return null;
        // Streamed while it is made, as the reader does without MediaSource (Opus, for low data, waits).
        if (!opus && !noStream && j.live_mp3) return j.live_mp3 + "?stream=1";
        return new Promise(function (resolve, reject) {
          var ticks = 0, poll = setInterval(function () {
            if (++ticks > POLLS) { clearInterval(poll); reject(new Error("timeout")); return; }
            fetch("/api/articles/" + encodeURIComponent(id(i))).then(function (r) { return r.json(); }).then(function (a) {
              var s = (a.audio || {}).status;
              if (s === "ready") { clearInterval(poll); resolve(); }
              else if (s === "failed") { clearInterval(poll); reject(new Error(s)); }
              else if (i === at && phase === "making") say("Đang tạo âm thanh của bài " + (i + 1) + "… " + Math.round(((a.audio || {}).progress || 0) * 100) + "%");
            }, function () { /* try again at the next tick */ });
          }, 1500);
        });
      });
      made[i].catch(function () { made[i] = null; });
      return made[i];
    }
    function start(i, mine) {
      phase = "making";
      prepare(i).then(function (live) {
        if (mine !== turn) return;
        phase = "article"; failed = 0;
        audio.src = live || items[i].getAttribute(opus ? "data-opus" : "data-mp3");
        audio.play().catch(function () { label(); });
        say("Đang phát bài " + (i + 1) + "/" + items.length + ": " + title(i));
        mediaSession({ title: title(i), artist: items[i].getAttribute("data-author") || "Báo nói", album: "Báo nói · Nghe liên tục" }, {});
        if (i + 1 < items.length) prepare(i + 1).catch(function () { /* said when it is its turn */ });
      }, function () {
        if (mine !== turn) return;
        if (++failed > 1) { say("Chưa tạo được âm thanh. Vui lòng thử lại sau ít phút."); phase = ""; label(); return; }
        say("Không tạo được âm thanh của bài “" + title(i) + "”. Chuyển sang bài sau.");
        play(i + 1, true);
      });
    }
    // Article i, after "Bài tiếp theo." when ``announce``; past the end, "Đã hết danh sách bài."
    function play(i, announce) {
      var mine = ++turn;
      items.forEach(function (li) { li.removeAttribute("aria-current"); });
      if (i < 0 || i >= items.length) {
        at = -1; phase = "end"; afterPhrase = null;
        audio.src = panel.getAttribute("data-phrase-end");
        audio.play().catch(function () { /* the status says it */ });
        say("Đã hết danh sách bài.");
        label();
        return;
      }
      at = i;
      items[i].setAttribute("aria-current", "true");
      if (!announce) { start(i, mine); return; }
      phase = "phrase";
      afterPhrase = function () { afterPhrase = null; if (mine === turn) start(i, mine); };
      say("Bài tiếp theo: " + title(i));
      audio.src = panel.getAttribute("data-phrase-next");
      audio.play().catch(function () { if (afterPhrase) afterPhrase(); });
    }
    // "Bài tiếp theo." before a next article only; going back from the first starts it again.
    function step(by) { play(at < 0 ? 0 : Math.max(0, at + by), by > 0 && at >= 0); }
    function toggle() {
      if (at < 0) { play(0, false); } else if (audio.paused) { audio.play().catch(function () { /* stays paused */ }); } else { audio.pause(); }
    }

    audio.addEventListener("ended", function () {
      if (phase === "phrase" && afterPhrase) { afterPhrase(); } else if (phase === "article") { play(at + 1, true); }
    });
    audio.addEventListener("error", function () {
      if (phase === "article" && !noStream && /live\.mp3/.test(audio.src)) {  // no stream to spare: wait for the file
        noStream = true; made[at] = null; start(at, ++turn); return;
      }
      if (phase === "phrase" && afterPhrase) { afterPhrase(); } else if (phase === "article") { say("Chưa phát được bài này. Vui lòng thử lại sau ít giây."); }
    });
    audio.addEventListener("play", label);
    audio.addEventListener("pause", function () { label(); if (phase === "article") say("Đã tạm dừng: " + title(at)); });
    panel.addEventListener("click", function (e) {
      var act = e.target.closest && e.target.closest("[data-q]");
      if (!act) return;
      var name = act.getAttribute("data-q");
      if (name === "toggle") toggle(); else step(name === "next" ? 1 : -1);
    });
    document.addEventListener("click", function (e) {
      var link = e.target.closest && e.target.closest("a[data-listen]");
      if (!link || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      play(items.indexOf(link.closest("li")), false);
    });
    mediaSession(null, {
      play: function () { toggle(); }, pause: function () { audio.pause(); },
      nexttrack: function () { step(1); }, previoustrack: function () { step(-1); }
    });
    label();
    panel.hidden = false;
  }

  var queue = byId("queue");
  if (queue) listPage(queue);
})();
