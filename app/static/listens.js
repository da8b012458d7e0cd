/* Báo nói: counts listens without tracking anyone (README "Listens"). For each article heard it
   reports a play, the marks reached (25, 50, 75%, the end) and the seconds heard: no cookie, no
   identifier (fetch with keepalive; navigator.sendBeacon as the page closes). The reader page
   loads it at the first play (reader.js); the frame and the list page with their other scripts
   (data-s: f frame, c continuous). Heard without a network (a saved copy), reports wait in
   localStorage and go once one gets through. */
(function () {
  "use strict";
  var me = document.currentScript, URL_ = "/listens", QUEUE = "baonoi:listens", DAY = 864e5;
  var page = (me && me.getAttribute("data-s")) || "r", open = {};
  function byId(id) { return document.getElementById(id); }
  function today() { return Math.floor((Date.now() - new Date().getTimezoneOffset() * 6e4) / DAY); }
  function voice() {  // the voice chosen in the reader's settings (its link is marked current)
    var a = document.querySelector("a[aria-current][href*='voice=']");
    var m = a && /[?&]voice=([^&#]*)/.exec(a.getAttribute("href"));
    return m ? decodeURIComponent(m[1]) : "";
  }
  // The article an <audio> plays: the player's, or the list's current item (not the phrases
  // said between articles, /announce/…).
  function articleOf(el) {
    if (el.id === "audio" && byId("player")) return byId("player").getAttribute("data-id");
    if (/\/announce\//.test(el.currentSrc || el.src)) return null;
    var li = document.querySelector("li[data-id][aria-current]");
    return li && li.getAttribute("data-id");
  }
  function load() { try { return JSON.parse(localStorage.getItem(QUEUE)) || []; } catch (e) { return []; } }
  function keep(list) { try { localStorage.setItem(QUEUE, JSON.stringify(list.slice(-100))); } catch (e) { /* private mode */ } }
  function later(body, day) { var list = load(); list.push({ body: body.replace(/&s=[a-z]/, "&s=o").replace(/&d=\d+$/, ""), day: day }); keep(list); }
  // No cookie goes with a report (credentials omitted). One that cannot reach us was heard
  // without a network: it waits in localStorage, as "offline", until a report gets through.
  function post(body, day) {
    if (!window.fetch) { if (navigator.sendBeacon) navigator.sendBeacon(URL_, body); return; }
    fetch(URL_, { method: "POST", body: body, keepalive: true, credentials: "omit" }).then(function () {
      if (load().length) drain();
    }, function () { later(body, day); });
  }
  // Reports made offline, sent with how many days ago they were made (a week at most).
  function drain() {
    var list = load();
    keep([]);
    list.forEach(function (r) { var d = today() - r.day; if (d >= 0 && d <= 7) post(r.body + (d ? "&d=" + d : ""), r.day); });
  }
  function send(st, marks, closing) {
    var t = Math.floor(st.heard);
    if (!marks && t < 1) return;
    st.heard -= t;
    var body = "a=" + encodeURIComponent(st.id) + "&s=" + st.s + (st.v ? "&v=" + encodeURIComponent(st.v) : "") +
      "&m=" + marks + (t ? "&t=" + t : "");
    if (closing && navigator.sendBeacon) navigator.sendBeacon(URL_, body);  // outlives the page
    else post(body, today());
  }
  function state(el) {
    var id = articleOf(el);
    if (!id) return null;
    if (!open[id]) open[id] = { id: id, s: navigator.onLine === false ? "o" : page, v: voice(), sent: 0, heard: 0, at: el.currentTime };
    return open[id];
  }
  function mark(st, bits) { var m = bits & ~st.sent; st.sent |= bits; send(st, m); }
  function played(el) { var st = state(el); if (st) { st.at = el.currentTime; if (!(st.sent & 1)) mark(st, 1); } }
  function heard(el) {
    var st = state(el);
    if (!st || el.paused) return;
    var step = el.currentTime - st.at, d = el.duration, bits = 0;
    if (step > 0 && step < 1 + 2 * el.playbackRate) st.heard += step;  // a jump is not heard
    st.at = el.currentTime;
    if (isFinite(d) && d > 0) [2, 4, 8].forEach(function (b, i) { if (el.currentTime >= d * (i + 1) / 4) bits |= b; });
    if (bits & ~st.sent) mark(st, bits);
  }
  function ended(el) { var st = state(el); if (st) { mark(st, 31); delete open[st.id]; } }
  function flush() { Object.keys(open).forEach(function (id) { send(open[id], 0, true); }); }
  function on(name, f) { document.addEventListener(name, function (e) { if (e.target.tagName === "AUDIO") f(e.target); }, true); }
  on("play", played);
  on("timeupdate", heard);
  on("seeked", function (el) { var st = state(el); if (st) st.at = el.currentTime; });
  on("pause", function (el) { var st = state(el); if (st) send(st, 0); });
  on("ended", ended);
  addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () { if (document.hidden) flush(); });
  addEventListener("online", drain);
  drain();
  Array.prototype.forEach.call(document.querySelectorAll("audio"), function (el) { if (!el.paused) played(el); });
})();
